package dev.msw.cli.keys;

import dev.msw.cli.ProgressLine;
import dev.msw.core.CancellationToken;
import dev.msw.crypto.Identity;
import dev.msw.crypto.PassphraseIdentity;
import dev.msw.crypto.PassphraseRecipient;
import dev.msw.keys.KeyBackend;
import dev.msw.keys.LocalKeyBackend;
import dev.msw.keys.Rekeyer;
import dev.msw.keys.RewrapSummary;
import dev.msw.keys.transit.VaultEndpoint;
import dev.msw.keys.transit.VaultTransitBackend;
import dev.msw.keys.transit.VaultTransitClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code msw rekey PATH…}: fresh file keys, for a suspected file-key leak. */
@Command(name = "rekey", mixinStandardHelpOptions = true,
        description = {"Re-encrypt artifacts with fresh file keys (file-key leak).",
                "Each key stanza is recreated for the same key at its current version; plaintext stays in memory; files are replaced atomically."})
public final class RekeyCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH")
    List<Path> paths;

    @Option(names = "--keyring", paramLabel = "FILE", description = "The local keyring (default: MSW_KEYRING or keyring.p12 in the config folder).")
    Path keyring;

    @Option(names = "--keyring-passphrase-file", paramLabel = "FILE", description = "Read the keyring passphrase from FILE.")
    Path keyringPassphraseFile;

    @Option(names = "--no-keyring", description = "Do not open the local keyring (files use Vault or a passphrase only).")
    boolean noKeyring;

    @Option(names = "--vault", description = "Also use Vault Transit (VAULT_ADDR / VAULT_TOKEN) for vault-transit stanzas.")
    boolean vault;

    @Option(names = "--transit-mount", defaultValue = "transit", paramLabel = "PATH", description = "Transit mount (default: ${DEFAULT-VALUE}).")
    String transitMount;

    @Option(names = "--passphrase-file", paramLabel = "FILE", description = "Passphrase of files that carry a passphrase stanza; it is re-added with fresh salt.")
    Path passphraseFile;

    @Option(names = "--json", description = "Print the summary as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        List<KeyBackend> backends = new ArrayList<>();
        if (!noKeyring) {
            backends.add(new LocalKeyBackend(KeyBackendOptions.openKeyring(keyring, keyringPassphraseFile)));
        }
        if (vault) {
            backends.add(new VaultTransitBackend(new VaultTransitClient(VaultEndpoint.fromEnvironment(), transitMount)));
        }
        List<Identity> extra = new ArrayList<>();
        PassphraseRecipient again = null;
        if (passphraseFile != null) {
            String s = Files.readString(passphraseFile, StandardCharsets.UTF_8);
            char[] p = (s.contains("\n") ? s.substring(0, s.indexOf('\n')) : s).replace("\r", "").toCharArray();
            extra.add(new PassphraseIdentity(p));
            again = new PassphraseRecipient(p);
        }
        ProgressLine progress = new ProgressLine(spec.commandLine().getErr(), false);
        CancellationToken cancel = new CancellationToken();
        RewrapSummary s;
        try (dev.msw.cli.artifacts.InterruptCancels ignored = new dev.msw.cli.artifacts.InterruptCancels(cancel)) {
            s = new Rekeyer(backends, extra, again).rekey(paths, progress, cancel);
        } finally {
            progress.finish();
        }
        return RewrapCommand.SummaryPrinter.print(spec.commandLine().getOut(), "Rekeyed", s, 0, json);
    }
}
