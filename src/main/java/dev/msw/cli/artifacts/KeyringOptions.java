package dev.msw.cli.artifacts;

import dev.msw.cli.Passphrases;
import dev.msw.keys.LocalKeyring;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import picocli.CommandLine.Option;

/** {@code --keyring PATH} and {@code --keyring-passphrase-file FILE}, shared by the commands that use the keyring. */
public final class KeyringOptions {
    @Option(names = "--keyring", paramLabel = "PATH",
            description = "Keyring file (default: $MSW_KEYRING, else keyring.p12 in the config folder).")
    Path keyring;

    @Option(names = "--keyring-passphrase-file", paramLabel = "FILE",
            description = "Read the keyring passphrase from the first line of FILE (else $MSW_KEYRING_PASSPHRASE, else a prompt).")
    Path passphraseFile;

    public Path path() {
        return keyring != null ? keyring : LocalKeyring.defaultPath();
    }

    public LocalKeyring open() throws IOException {
        return open(passphraseFile);
    }

    LocalKeyring open(Path passFile) throws IOException {
        return open(path(), passFile);
    }

    /**
     * Opens {@code p} with the passphrase from {@code passFile}, else {@code MSW_KEYRING_PASSPHRASE}, else a
     * prompt; a missing keyring fails before anyone is asked for a passphrase.
     */
    public static LocalKeyring open(Path p, Path passFile) throws IOException {
        if (!LocalKeyring.exists(p)) {
            // fail before prompting for a passphrase
            return LocalKeyring.open(p, new char[0]);
        }
        char[] pass = Passphrases.forKeyring(passFile, p, false);
        try {
            return LocalKeyring.open(p, pass);
        } finally {
            Arrays.fill(pass, '\0');
        }
    }
}
