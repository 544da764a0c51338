package dev.msw.cli.artifacts;

import dev.msw.cli.keys.KeyInfoPrinter;
import dev.msw.keys.KeyInfo;
import dev.msw.keys.transit.VaultTransitBackend;

import dev.msw.audit.Audit;
import dev.msw.cli.JsonOutput;
import dev.msw.keys.KeyVersion;
import dev.msw.keys.LocalKeyring;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code msw key create|list}: key-encryption keys of the local keyring. */
@Command(name = "key", mixinStandardHelpOptions = true,
        description = "Key-encryption keys: create and list (keyring); rotate, info and minimum versions (keyring or Vault Transit).",
        subcommands = {KeyCommand.Create.class, KeyCommand.ListKeys.class, dev.msw.cli.keys.KeyRotateCommand.class,
                dev.msw.cli.keys.KeyInfoCommand.class, dev.msw.cli.keys.KeySetMinDecryptionCommand.class,
                dev.msw.cli.keys.KeySetMinEncryptionCommand.class})
public final class KeyCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: name one of the commands below");
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = {"Create a new AES-256 key-encryption key (version 1) in the keyring,",
                    "or a Transit key in Vault / OpenBao with --backend vault."})
    static final class Create implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "Key name: lower-case letters, digits, '.', '_', '-'.")
        String name;

        @Mixin
        KeyringOptions keyring;

        @Mixin
        TransitOptions transit;

        @Option(names = "--json", description = "Print the result as JSON.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            if (transit.isVault()) {
                KeyInfo k = transit.backend().create(name);
                KeyInfoPrinter.print(spec.commandLine().getOut(), k, json);
                if (!json) {
                    spec.commandLine().getOut().println("Created Transit key '" + name + "' (v1) in Vault. Encrypt for it with "
                            + "'msw encrypt IN -o OUT --vault-transit " + name + "'.");
                    spec.commandLine().getOut().flush();
                }
                return 0;
            }
            LocalKeyring.requireValidName(name);
            LocalKeyring ring = keyring.open();
            KeyVersion v;
            try {
                v = ring.createKey(name);
            } catch (RuntimeException e) {
                Audit.record("key.create", name, "failure", Map.of("keyring", ring.path().toString(),
                        "reason", String.valueOf(e.getMessage())));
                throw e;
            } finally {
                ring.close();
            }
            Audit.record("key.create", name, "success", Map.of("keyring", ring.path().toString(), "version", "1"));
            if (json) {
                JsonOutput.print(spec.commandLine().getOut(), toJson(v));
            } else {
                spec.commandLine().getOut().println("Created key '" + name + "' version 1 in " + ring.path() + ".");
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the keys and their versions (local keyring, or Vault Transit with --backend vault).")
    static final class ListKeys implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        KeyringOptions keyring;

        @Mixin
        TransitOptions transit;

        @Option(names = "--json", description = "Print the result as JSON.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            if (transit.isVault()) {
                VaultTransitBackend vault = transit.backend();
                List<Object> rows = new ArrayList<>();
                PrintWriter out = spec.commandLine().getOut();
                for (String n : vault.keyNames()) {
                    KeyInfo k = vault.info(n);
                    if (json) {
                        rows.add(KeyInfoPrinter.json(k));
                    } else {
                        KeyInfoPrinter.print(out, k, false);
                    }
                }
                if (json) {
                    JsonOutput.print(out, Map.of("backend", "vault", "keys", rows));
                } else if (rows.isEmpty() && vault.keyNames().isEmpty()) {
                    out.println("Vault Transit holds no keys yet. Create one with 'msw key create NAME --backend vault'.");
                }
                out.flush();
                return 0;
            }
            LocalKeyring ring = keyring.open();
            List<KeyVersion> keys = ring.list();
            ring.close();
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                List<Object> rows = new ArrayList<>();
                keys.forEach(k -> rows.add(toJson(k)));
                JsonOutput.print(out, Map.of("keyring", ring.path().toString(), "keys", rows));
                return 0;
            }
            if (keys.isEmpty()) {
                out.println("The keyring " + ring.path() + " holds no keys yet. Create one with 'msw key create NAME'.");
                return 0;
            }
            out.printf("%-24s %-8s %s%n", "KEY", "VERSION", "CREATED");
            for (KeyVersion k : keys) {
                out.printf("%-24s %-8s %s%n", k.name(), "v" + k.version(), k.created());
            }
            out.flush();
            return 0;
        }
    }

    /** --backend local|vault and --transit-mount for create and list (the keyring options serve the local one). */
    static final class TransitOptions {
        @Option(names = "--backend", defaultValue = "local", paramLabel = "local|vault",
                description = "The local keyring or Vault Transit at VAULT_ADDR / VAULT_TOKEN (default: ${DEFAULT-VALUE}).")
        dev.msw.cli.keys.KeyBackendOptions.Backend backend;

        @Option(names = "--transit-mount", defaultValue = "transit", paramLabel = "PATH",
                description = "Mount path of the Transit engine (default: ${DEFAULT-VALUE}).")
        String mount;

        boolean isVault() {
            return backend == dev.msw.cli.keys.KeyBackendOptions.Backend.vault;
        }

        VaultTransitBackend backend() {
            return dev.msw.cli.keys.KeyBackendOptions.vault(mount);
        }
    }

    static Map<String, Object> toJson(KeyVersion k) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", k.name());
        m.put("version", k.version());
        m.put("alias", k.alias());
        m.put("created", k.created().toString());
        return m;
    }
}
