package dev.msw.cli.artifacts;

import dev.msw.cli.Passphrases;

import dev.msw.audit.Audit;
import dev.msw.cli.JsonOutput;
import dev.msw.keys.LocalKeyring;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code msw keyring init}: creates the local keyring. */
@Command(name = "keyring", mixinStandardHelpOptions = true, description = "Manage the local keyring file.",
        subcommands = KeyringCommand.Init.class)
public final class KeyringCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: try 'msw keyring init'");
    }

    @Command(name = "init", mixinStandardHelpOptions = true,
            description = "Create an empty, passphrase-protected keyring (PKCS#12, readable by keytool).")
    static final class Init implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--keyring", paramLabel = "PATH",
                description = "Where to create it (default: $MSW_KEYRING, else keyring.p12 in the config folder).")
        Path keyring;

        @Option(names = "--passphrase-file", paramLabel = "FILE",
                description = "Read the new keyring passphrase from FILE (else $MSW_KEYRING_PASSPHRASE, else a prompt).")
        Path passphraseFile;

        @Option(names = "--json", description = "Print the result as JSON.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            Path p = keyring != null ? keyring : LocalKeyring.defaultPath();
            if (LocalKeyring.exists(p)) {
                LocalKeyring.create(p, new char[0]);
            }
            char[] pass = Passphrases.forKeyring(passphraseFile, p, true);
            try {
                LocalKeyring.create(p, pass).close();
            } finally {
                Arrays.fill(pass, '\0');
            }
            Audit.record("keyring.init", p.toString(), "success", Map.of());
            if (json) {
                JsonOutput.print(spec.commandLine().getOut(), Map.of("keyring", p.toString(), "created", true));
            } else {
                spec.commandLine().getOut().println("Created the keyring " + p
                        + ". Keep its passphrase safe: without it, files encrypted with its keys cannot be opened.");
            }
            return 0;
        }
    }
}
