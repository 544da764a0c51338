package dev.msw.cli.artifacts;

import dev.msw.cli.Passphrases;

import dev.msw.cli.JsonOutput;
import dev.msw.cli.ProgressLine;
import dev.msw.core.CancellationToken;
import dev.msw.core.Sizes;
import dev.msw.crypto.ArtifactBatch;
import dev.msw.crypto.ArtifactHeader;
import dev.msw.crypto.CryptoResult;
import dev.msw.crypto.Identity;
import dev.msw.crypto.LocalKeyRecipient;
import dev.msw.crypto.PassphraseIdentity;
import dev.msw.crypto.PassphraseRecipient;
import dev.msw.keys.LocalKeyring;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
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

/** {@code msw decrypt IN -o OUT [--passphrase-file F]}. */
@Command(name = "decrypt", mixinStandardHelpOptions = true,
        description = {"Decrypt files or folders; output appears only once every chunk authenticated.",
                "Decrypts a file, or every encrypted file of a folder (keeping the tree, dropping .msw). "
                + "Plaintext goes to a temporary file that is renamed only after every chunk authenticated; on "
                + "any failure (wrong key, tampering, truncation) nothing is left behind.",
                "Keys come from the keyring when the file names keyring keys; a passphrase from --passphrase-file "
                        + "or --ask-passphrase."},
        footer = {"", "OUT may be '-' (standard output) or a device such as /dev/null: then chunks are written as "
                + "they authenticate, and a failure exits 1 after part of the output was written."})
public final class DecryptCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "IN", description = "Encrypted file or folder.")
    Path input;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT",
            description = "Decrypted file (or folder, when IN is a folder).")
    String output;

    @Option(names = "--passphrase-file", paramLabel = "FILE", description = "Passphrase on the first line of FILE.")
    Path passphraseFile;

    @Option(names = "--ask-passphrase", description = "Ask for the passphrase at a prompt.")
    boolean askPassphrase;

    @Option(names = "--force", description = "Replace output files that already exist.")
    boolean force;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Mixin
    KeyringOptions keyring;

    @Override
    public Integer call() throws Exception {
        ArtifactBatch.startCipherWarmup();   // JIT warm-up on another core while the keys are unlocked
        boolean toStream = "-".equals(output) || (Files.exists(Path.of(output)) && !Files.isRegularFile(Path.of(output))
                && !Files.isDirectory(Path.of(output)));
        List<ArtifactBatch.Item> plan = toStream ? List.of() : ArtifactBatch.planDecrypt(input, Path.of(output));
        List<Identity> identities = identities(toStream ? List.of(input) : plan.stream().map(ArtifactBatch.Item::source).toList());
        PrintWriter err = spec.commandLine().getErr();
        ProgressLine line = new ProgressLine(err, true);
        CancellationToken cancel = new CancellationToken();
        List<ArtifactBatch.Outcome> done = new ArrayList<>();
        try (InterruptCancels ignored = new InterruptCancels(cancel)) {
            if (toStream) {
                if (Files.isDirectory(input)) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "A folder decrypts into a folder, not to " + output);
                }
                try (OutputStream os = "-".equals(output) ? new BufferedOutputStream(new FileOutputStream(java.io.FileDescriptor.out), 1 << 16)
                        : new FileOutputStream(output)) {
                    CryptoResult r = new ArtifactBatch().decryptToStream(input, os, output, identities, line, cancel);
                    done.add(new ArtifactBatch.Outcome(input, Path.of(output), r));
                }
            } else {
                done = new ArtifactBatch().decrypt(plan, identities, force, line, cancel);
            }
        } finally {
            line.finish();
            for (Identity i : identities) {
                if (i instanceof PassphraseIdentity p) {
                    p.destroy();
                }
            }
        }
        if (json) {
            JsonOutput.print(spec.commandLine().getOut(), BatchReport.of("decrypt", done, null));
        } else if (!"-".equals(output)) {
            PrintWriter out = spec.commandLine().getOut();
            for (ArtifactBatch.Outcome o : done) {
                out.println("Decrypted " + o.source() + " -> " + o.destination() + " (" + Sizes.human(o.result().plaintextBytes())
                        + ", opened with " + o.result().openedWith() + ", every chunk authenticated)");
            }
            out.flush();
        }
        return 0;
    }

    /** Passphrase if given; the keyring only if some input names keyring keys (so no needless prompt). */
    private List<Identity> identities(List<Path> sources) throws Exception {
        List<Identity> ids = new ArrayList<>();
        boolean wantsPassphrase = false;
        boolean wantsKeyring = false;
        java.util.Set<String> transitMounts = new java.util.TreeSet<>();
        for (Path s : sources) {
            if (Files.isRegularFile(s) && ArtifactHeader.hasMagic(s)) {
                for (var st : ArtifactHeader.read(s).stanzas()) {
                    wantsKeyring |= LocalKeyRecipient.TYPE.equals(st.type());
                    wantsPassphrase |= PassphraseRecipient.TYPE.equals(st.type());
                    if (dev.msw.keys.transit.VaultTransitRecipient.TYPE.equals(st.type())) {
                        transitMounts.add(st.args().size() > 2 ? st.args().get(2) : "transit");
                    }
                }
            }
        }
        // Vault Transit stanzas open through VAULT_ADDR / VAULT_TOKEN when a Vault address is configured
        if (!transitMounts.isEmpty() && (System.getenv("VAULT_ADDR") != null || System.getenv("BAO_ADDR") != null)) {
            var endpoint = dev.msw.keys.transit.VaultEndpoint.fromEnvironment();
            for (String mount : transitMounts) {
                ids.add(new dev.msw.keys.transit.VaultTransitIdentity(new dev.msw.keys.transit.VaultTransitClient(endpoint, mount)));
            }
        }
        char[] pass = null;
        if (passphraseFile != null) {
            pass = Passphrases.fromFile(passphraseFile);
        } else if (askPassphrase) {
            pass = Passphrases.prompt("Passphrase for " + input, false, "use --passphrase-file FILE");
        }
        if (pass != null) {
            ids.add(new PassphraseIdentity(pass));
            Arrays.fill(pass, '\0');
        }
        boolean keyringAnswerGiven = keyring.passphraseFile != null || System.getenv(Passphrases.KEYRING_ENV) != null;
        if (wantsKeyring && (pass == null || keyringAnswerGiven) && LocalKeyring.exists(keyring.path())) {
            LocalKeyring ring = keyring.open();
            // through the key backend, so that versions below a key's minimum decryption version are refused
            ids.add(ring.identity());
        }
        if (ids.isEmpty() && wantsPassphrase && !wantsKeyring) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    input + " is encrypted for a passphrase: give --passphrase-file FILE or --ask-passphrase");
        }
        return ids;
    }
}
