package dev.msw.cli.artifacts;

import dev.msw.cli.Passphrases;

import dev.msw.cli.JsonOutput;
import dev.msw.cli.ProgressLine;
import dev.msw.core.CancellationToken;
import dev.msw.core.Sizes;
import dev.msw.crypto.ArtifactBatch;
import dev.msw.crypto.PassphraseRecipient;
import dev.msw.crypto.Recipient;
import dev.msw.keys.LocalKeyring;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code msw encrypt IN -o OUT (--key NAME | --passphrase-file F)…}. */
@Command(name = "encrypt", mixinStandardHelpOptions = true,
        description = {"Encrypt files or folders for keyring keys and/or passphrases.",
                "Encrypts a file, or every file of a folder (keeping the tree, adding .msw), for one or more "
                        + "recipients: keyring keys and/or passphrases. Any one of them can decrypt."},
        footer = {"", "Examples:", "  msw encrypt model.onnx -o model.onnx.msw --key team",
                "  msw encrypt models/ -o encrypted/ --key team --passphrase-file recovery.txt"})
public final class EncryptCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "IN", description = "File or folder to encrypt.")
    Path input;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT",
            description = "Encrypted file (or folder, when IN is a folder).")
    Path output;

    @Option(names = "--key", paramLabel = "NAME", description = "Encrypt for the latest version of keyring key NAME (repeatable).")
    List<String> keys = new ArrayList<>();

    @Option(names = "--passphrase-file", paramLabel = "FILE",
            description = "Encrypt for the passphrase on the first line of FILE (repeatable).")
    List<Path> passphraseFiles = new ArrayList<>();

    @Option(names = "--ask-passphrase", description = "Encrypt for a passphrase typed at a prompt.")
    boolean askPassphrase;

    @Option(names = "--vault-transit", paramLabel = "KEYNAME",
            description = "Encrypt for Vault Transit key KEYNAME (VAULT_ADDR and VAULT_TOKEN as for the Vault CLI; repeatable).")
    List<String> transitKeys = new ArrayList<>();

    @Option(names = "--transit-mount", defaultValue = "transit", paramLabel = "PATH",
            description = "Mount path of the Transit engine for --vault-transit (default: ${DEFAULT-VALUE}).")
    String transitMount;

    @Option(names = "--force", description = "Replace output files that already exist.")
    boolean force;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Mixin
    KeyringOptions keyring;

    @Override
    public Integer call() throws Exception {
        ArtifactBatch.startCipherWarmup();   // JIT warm-up on another core while the keys are unlocked
        if (keys.isEmpty() && passphraseFiles.isEmpty() && !askPassphrase && transitKeys.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Name at least one recipient: --key NAME, --vault-transit KEYNAME, --passphrase-file FILE or --ask-passphrase");
        }
        List<ArtifactBatch.Item> plan = ArtifactBatch.planEncrypt(input, output);
        List<Recipient> recipients = new ArrayList<>();
        if (!keys.isEmpty()) {
            LocalKeyring ring = keyring.open();
            for (String k : keys) {
                recipients.add(ring.recipient(k));
            }
            ring.close();
        }
        if (!transitKeys.isEmpty()) {
            var transit = new dev.msw.keys.transit.VaultTransitBackend(new dev.msw.keys.transit.VaultTransitClient(
                    dev.msw.keys.transit.VaultEndpoint.fromEnvironment(), transitMount));
            for (String k : transitKeys) {
                recipients.add(transit.recipient(k));
            }
        }
        List<PassphraseRecipient> passphrases = new ArrayList<>();
        for (Path f : passphraseFiles) {
            char[] p = Passphrases.fromFile(f);
            passphrases.add(new PassphraseRecipient(p));
            Arrays.fill(p, '\0');
        }
        if (askPassphrase) {
            char[] p = Passphrases.prompt("Passphrase for the encrypted file", true, "use --passphrase-file FILE");
            passphrases.add(new PassphraseRecipient(p));
            Arrays.fill(p, '\0');
        }
        recipients.addAll(passphrases);
        PrintWriter err = spec.commandLine().getErr();
        ProgressLine line = new ProgressLine(err, true);
        CancellationToken cancel = new CancellationToken();
        List<ArtifactBatch.Outcome> done;
        try (InterruptCancels ignored = new InterruptCancels(cancel)) {
            done = new ArtifactBatch().encrypt(plan, recipients, force, line, cancel);
        } finally {
            line.finish();
            passphrases.forEach(PassphraseRecipient::destroy);
        }
        List<String> names = recipients.stream().map(Recipient::describe).toList();
        if (json) {
            JsonOutput.print(spec.commandLine().getOut(), BatchReport.of("encrypt", done, names));
        } else {
            PrintWriter out = spec.commandLine().getOut();
            for (ArtifactBatch.Outcome o : done) {
                out.println("Encrypted " + o.source() + " -> " + o.destination() + " ("
                        + Sizes.human(o.result().plaintextBytes()) + ")");
            }
            out.println("For: " + String.join(", ", names) + ".");
            out.flush();
        }
        return 0;
    }
}
