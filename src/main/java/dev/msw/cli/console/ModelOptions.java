package dev.msw.cli.console;

import dev.msw.cli.Passphrases;
import dev.msw.cli.artifacts.KeyringOptions;
import dev.msw.core.CancellationToken;
import dev.msw.core.ProgressListener;
import dev.msw.core.UserFacingException;
import dev.msw.crypto.Identity;
import dev.msw.crypto.PassphraseIdentity;
import dev.msw.keys.LocalKeyring;
import dev.msw.pipeline.LoadedModel;
import dev.msw.pipeline.ModelFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Which model to load and how to open it when it is encrypted (shared by the Console's commands). */
final class ModelOptions {
    @Option(names = "--model", required = true, paramLabel = "FILE",
            description = "The model: a plain .onnx file or an encrypted .onnx.msw container.")
    Path model;

    @Option(names = "--contract", paramLabel = "FILE",
            description = "The model's contract (default: <model>.contract.json beside the model).")
    Path contract;

    @Option(names = "--passphrase-file", paramLabel = "FILE",
            description = "Open an encrypted model with the passphrase on the first line of FILE.")
    Path passphraseFile;

    @Option(names = "--key", description = "Open an encrypted model with the local keyring's keys "
            + "(keyring passphrase from --keyring-passphrase-file, MSW_KEYRING_PASSPHRASE or the terminal).")
    boolean keyring;

    @Option(names = "--keyring-passphrase-file", paramLabel = "FILE",
            description = "With --key: the keyring passphrase on the first line of FILE.")
    Path keyringPassphraseFile;

    LoadedModel load() {
        List<Identity> identities = new ArrayList<>();
        LocalKeyring ring = null;
        try {
            if (passphraseFile != null) {
                identities.add(new PassphraseIdentity(Passphrases.fromFile(passphraseFile)));
            }
            if (keyring) {
                ring = KeyringOptions.open(LocalKeyring.defaultPath(), keyringPassphraseFile);
                identities.add(ring.identity());
            }
            return ModelFiles.load(model, contract, identities, ProgressListener.NONE, CancellationToken.NONE);
        } catch (IOException e) {
            throw new UserFacingException("Cannot open the keyring", e.getMessage(), "check MSW_KEYRING_PASSPHRASE", e);
        } finally {
            for (Identity i : identities) {
                if (i instanceof PassphraseIdentity p) {
                    p.destroy();
                }
            }
            if (ring != null) {
                ring.close();
            }
        }
    }
}
