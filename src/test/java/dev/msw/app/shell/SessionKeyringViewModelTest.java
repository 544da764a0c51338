package dev.msw.app.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.msw.app.artifacts.ArtifactsViewModel;
import dev.msw.app.artifacts.ArtifactsViewModel.KeyringState;
import dev.msw.app.console.ConsoleViewModel;
import dev.msw.app.keys.KeysViewModel;
import dev.msw.app.task.ImmediateTaskRunner;
import dev.msw.app.task.TaskRunner;
import dev.msw.app.vault.VaultViewModel;
import dev.msw.core.CancellationToken;
import dev.msw.core.ProgressListener;
import dev.msw.crypto.ArtifactEncryptor;
import dev.msw.crypto.Recipient;
import dev.msw.keys.ArtifactFolders;
import dev.msw.keys.KeyInfo;
import dev.msw.keys.LocalKeyring;
import dev.msw.pipeline.LoadedModel;
import dev.msw.pipeline.SampleModels;
import dev.msw.secrets.local.LocalSecretStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One session keyring for every tab's view model: unlocked in one, seen by all; locked in one, locked in all. */
class SessionKeyringViewModelTest {
    static final String PASS = "session passphrase";
    static final String MODEL = "iris-classifier.onnx";

    @TempDir
    Path dir;
    private String previousConfig;
    private ConsoleViewModel console;

    @BeforeEach
    void isolateConfig() {
        previousConfig = System.getProperty("msw.config.dir");
        System.setProperty("msw.config.dir", dir.resolve("config").toString());
    }

    @AfterEach
    void restore() {
        if (console != null && console.modelProperty().get() != null) {
            console.modelProperty().get().close();
        }
        if (previousConfig == null) {
            System.clearProperty("msw.config.dir");
        } else {
            System.setProperty("msw.config.dir", previousConfig);
        }
    }

    /** A sample model and its contract, the model encrypted for {@code recipient} only (as .onnx.msw). */
    static Path modelEncryptedFor(Path folder, Recipient recipient) throws Exception {
        Path plain = Files.write(folder.resolve(MODEL), SampleModels.read(MODEL));
        Files.writeString(folder.resolve("iris-classifier.contract.json"), SampleModels.contractText(MODEL));
        Path encrypted = folder.resolve(MODEL + ".msw");
        new ArtifactEncryptor().encrypt(plain, encrypted, List.of(recipient), false, ProgressListener.NONE,
                CancellationToken.NONE);
        Files.delete(plain);
        return encrypted;
    }

    @Test
    void unlockingInOneTabIsSeenByEveryOther() throws Exception {
        Path ringPath = Files.createDirectories(dir.resolve("config")).resolve("keyring.p12");
        LocalKeyring made = LocalKeyring.create(ringPath, PASS.toCharArray());
        made.createKey("team");
        Path model = modelEncryptedFor(Files.createDirectories(dir.resolve("models")), made.recipient("team"));
        made.close();

        SessionKeyring session = new SessionKeyring(ringPath);
        TaskRunner tasks = new ImmediateTaskRunner();
        ArtifactsViewModel artifacts = new ArtifactsViewModel(tasks, session);
        KeysViewModel keys = new KeysViewModel(tasks, session, new ArtifactFolders(dir.resolve("folders.json")));
        VaultViewModel vault = new VaultViewModel(tasks, session, dir.resolve("secrets.msw"));
        console = new ConsoleViewModel(tasks, t -> { }, session);
        assertEquals(KeyringState.LOCKED, artifacts.keyringStateProperty().get());
        assertFalse(keys.connectedProperty().get());
        assertTrue(keys.backendDescriptionProperty().get().endsWith("(locked)"), keys.backendDescriptionProperty().get());

        artifacts.unlock(PASS);
        assertTrue(session.isUnlocked(), artifacts.resultProperty().get());
        assertTrue(keys.connectedProperty().get(), "Keys & Backups follows the unlock in Artifacts");
        assertEquals(List.of("team"), keys.keys().stream().map(KeyInfo::name).toList());
        assertTrue(keys.backendDescriptionProperty().get().endsWith("(unlocked)"));
        assertInstanceOf(LocalSecretStore.class, vault.storeProperty().get(), "the Vault tab's local store opens with it");

        keys.createKey("release");
        assertTrue(artifacts.keyNames().contains("release"), "a key created in Keys & Backups is offered in Artifacts");

        console.loadFile(model, null);
        LoadedModel loaded = console.modelProperty().get();
        assertNotNull(loaded, console.messageProperty().get());
        assertTrue(loaded.encrypted());

        session.lock();
        assertEquals(KeyringState.LOCKED, artifacts.keyringStateProperty().get());
        assertTrue(artifacts.keyNames().isEmpty());
        assertFalse(keys.connectedProperty().get());
        assertTrue(keys.keys().isEmpty());
        assertNull(vault.storeProperty().get(), "locking the keyring locks the local secret store");
        console.loadFile(model, null);
        assertNotNull(console.errorProperty().get(), "a locked keyring opens nothing");
        assertSame(loaded, console.modelProperty().get(), "the model loaded before stays");
    }

    @Test
    void unlockingInKeysOrVaultUnlocksArtifacts() throws Exception {
        Path ringPath = Files.createDirectories(dir.resolve("config")).resolve("keyring.p12");
        LocalKeyring.create(ringPath, PASS.toCharArray()).close();
        SessionKeyring session = new SessionKeyring(ringPath);
        ArtifactsViewModel artifacts = new ArtifactsViewModel(new ImmediateTaskRunner(), session);
        KeysViewModel keys = new KeysViewModel(new ImmediateTaskRunner(), session, new ArtifactFolders(dir.resolve("f.json")));
        assertTrue(keys.unlock(PASS.toCharArray()));
        assertEquals(KeyringState.UNLOCKED, artifacts.keyringStateProperty().get());

        session.lock();
        VaultViewModel vault = new VaultViewModel(new ImmediateTaskRunner(), session, dir.resolve("secrets.msw"));
        vault.unlockLocal("wrong passphrase".toCharArray(), null);
        assertFalse(session.isUnlocked());
        assertTrue(vault.messageProperty().get().startsWith("Wrong passphrase"), vault.messageProperty().get());
        vault.unlockLocal(PASS.toCharArray(), null);
        assertEquals(KeyringState.UNLOCKED, artifacts.keyringStateProperty().get(), vault.messageProperty().get());
        assertTrue(keys.connectedProperty().get());
        assertInstanceOf(LocalSecretStore.class, vault.storeProperty().get());
    }

    @Test
    void onlyTheSessionsOwnKeyringIsAdopted() throws Exception {
        Path other = Files.createDirectories(dir.resolve("other")).resolve("keyring.p12");
        LocalKeyring foreign = LocalKeyring.create(other, PASS.toCharArray());
        SessionKeyring session = new SessionKeyring(dir.resolve("config/keyring.p12"));
        assertThrows(IllegalArgumentException.class, () -> session.adopt(foreign));
        assertFalse(session.isUnlocked());
        assertEquals("No keyring yet", session.describe());
    }
}
