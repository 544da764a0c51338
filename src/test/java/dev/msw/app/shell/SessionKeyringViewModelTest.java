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
import dev.msw.app.artifacts.LegacyImportViewModel;
import dev.msw.app.console.ConsoleViewModel;
import dev.msw.app.keys.KeysViewModel;
import dev.msw.app.task.ImmediateTaskRunner;
import dev.msw.app.task.TaskRunner;
import dev.msw.app.vault.VaultViewModel;
import dev.msw.core.CancellationToken;
import dev.msw.core.ProgressListener;
import dev.msw.crypto.ArtifactEncryptor;
import dev.msw.crypto.ArtifactHeader;
import dev.msw.crypto.Recipient;
import dev.msw.keys.ArtifactFolders;
import dev.msw.keys.KeyInfo;
import dev.msw.keys.LocalKeyring;
import dev.msw.pipeline.LoadedModel;
import dev.msw.pipeline.SampleModels;
import dev.msw.secrets.local.LocalSecretStore;
import dev.msw.testsupport.ConfigDir;
import dev.msw.testsupport.Peers;
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
        previousConfig = ConfigDir.point(dir.resolve("config"));
    }

    @AfterEach
    void restore() {
        if (console != null && console.modelProperty().get() != null) {
            console.modelProperty().get().close();
        }
        ConfigDir.restore(previousConfig);
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
        assertTrue(vault.messageProperty().get().startsWith("The keyring was locked"), vault.messageProperty().get());
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
    void legacyImportUnlocksTheSessionKeyringOnceThenUsesIt() throws Exception {
        Path ringPath = Files.createDirectories(dir.resolve("config")).resolve("keyring.p12");
        LocalKeyring made = LocalKeyring.create(ringPath, PASS.toCharArray());
        made.createKey("team");
        made.close();
        Path script = Files.writeString(dir.resolve("s.py"), String.join("\n",
                "import pickle, sys",
                "from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes",
                "key = bytes(range(32)); iv = bytes(16)",
                "data = pickle.dumps({'layer1': [0.1, 0.2, 0.3]})",
                "data += b'\\0' * (16 - len(data) % 16)",
                "enc = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()",
                "open(sys.argv[1], 'wb').write(iv + enc.update(data) + enc.finalize())"));
        Path legacy = dir.resolve("weights.bin");
        Peers.Run python = Peers.exec(60, dir, Peers.python(), script, legacy);
        assertEquals(0, python.exitCode(), python.toString());

        SessionKeyring session = new SessionKeyring(ringPath);
        ArtifactsViewModel artifacts = new ArtifactsViewModel(new ImmediateTaskRunner(), session);
        LegacyImportViewModel importer = new LegacyImportViewModel(session);
        importer.sourceProperty().set(legacy);
        importer.keyHexProperty().set("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
        importer.read(new ImmediateTaskRunner());
        assertTrue(importer.contentProperty().get().plain(), importer.messageProperty().get());
        importer.keyNameProperty().set("team");
        importer.destinationProperty().set(dir.resolve("first.pkl.msw"));
        importer.keyringPassphraseProperty().set(PASS);
        importer.importNow(new ImmediateTaskRunner());
        assertTrue(importer.messageProperty().get().startsWith("Imported to"), importer.messageProperty().get());
        assertEquals("", importer.keyringPassphraseProperty().get(), "the passphrase is not kept in the field");
        assertEquals(KeyringState.UNLOCKED, artifacts.keyringStateProperty().get(), "the import unlocked it for every tab");

        importer.destinationProperty().set(dir.resolve("second.pkl.msw"));
        importer.importNow(new ImmediateTaskRunner());
        assertTrue(importer.messageProperty().get().startsWith("Imported to"), importer.messageProperty().get());
        assertEquals("team", ArtifactHeader.read(dir.resolve("second.pkl.msw")).stanzas().get(0).args().get(0));
    }

    @Test
    void aSecondUnlockKeepsTheKeyringEveryTabHolds() throws Exception {
        Path ringPath = Files.createDirectories(dir.resolve("config")).resolve("keyring.p12");
        SessionKeyring session = new SessionKeyring(ringPath);
        LocalKeyring first = session.create(PASS.toCharArray());
        assertSame(first, session.unlock(PASS.toCharArray()));
        assertSame(first, session.adopt(LocalKeyring.open(ringPath, PASS.toCharArray())));
        first.createKey("still-usable"); // saving needs the passphrase, so it was not cleared
        assertEquals(List.of("still-usable"), LocalKeyring.open(ringPath, PASS.toCharArray()).keyNames());
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
