package dev.msw.cli.keys;

import dev.msw.cli.artifacts.KeyringOptions;
import dev.msw.keys.KeyBackend;
import dev.msw.keys.LocalKeyBackend;
import dev.msw.keys.LocalKeyring;
import dev.msw.keys.transit.VaultEndpoint;
import dev.msw.keys.transit.VaultTransitBackend;
import dev.msw.keys.transit.VaultTransitClient;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Shared options of the key commands: which backend, where the keyring is and how to unlock it, which Transit
 * mount. The keyring passphrase comes from --keyring-passphrase-file, MSW_KEYRING_PASSPHRASE or a prompt.
 */
public final class KeyBackendOptions {
    public enum Backend { local, vault }

    @Option(names = "--backend", defaultValue = "local", paramLabel = "local|vault",
            description = "Where the key lives: the local keyring or Vault Transit (default: ${DEFAULT-VALUE}).")
    Backend backend;

    @Option(names = "--keyring", paramLabel = "FILE", description = "The local keyring (default: MSW_KEYRING or keyring.p12 in the config folder).")
    Path keyring;

    @Option(names = "--keyring-passphrase-file", paramLabel = "FILE", description = "Read the keyring passphrase from FILE (first line).")
    Path passphraseFile;

    @Option(names = "--transit-mount", defaultValue = "transit", paramLabel = "PATH",
            description = "Mount path of the Transit engine (default: ${DEFAULT-VALUE}); address and token come from VAULT_ADDR / VAULT_TOKEN.")
    String transitMount;

    public KeyBackend open() throws IOException {
        if (backend == Backend.vault) {
            return vault();
        }
        return new LocalKeyBackend(openKeyring(keyring, passphraseFile));
    }

    /** The Transit backend at VAULT_ADDR / VAULT_TOKEN (or BAO_*) and --transit-mount. */
    public VaultTransitBackend vault() {
        return vault(transitMount);
    }

    /** The Transit backend at VAULT_ADDR / VAULT_TOKEN (or BAO_*) on {@code mount}. */
    public static VaultTransitBackend vault(String mount) {
        return new VaultTransitBackend(new VaultTransitClient(VaultEndpoint.fromEnvironment(), mount));
    }

    public boolean isVault() {
        return backend == Backend.vault;
    }

    /** Opens the local keyring with a passphrase from the file, the environment or the console. */
    public static LocalKeyring openKeyring(Path keyring, Path passphraseFile) throws IOException {
        return KeyringOptions.open(keyring != null ? keyring : LocalKeyring.defaultPath(), passphraseFile);
    }
}
