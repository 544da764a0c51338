package dev.msw.app.artifacts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.msw.app.artifacts.ArtifactsViewModel.KeyringState;
import dev.msw.app.shell.SessionKeyring;
import dev.msw.app.task.ImmediateTaskRunner;
import dev.msw.testsupport.ConfigDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Artifacts tab's logic without a toolkit: keyring, recipients, encrypt, header, decrypt, failures. */
class ArtifactsViewModelTest {
    @TempDir
    Path dir;
    String previousConfig;
    ArtifactsViewModel vm;
    byte[] plain = new byte[200_000];

    @BeforeEach
    void setUp() {
        previousConfig = ConfigDir.point(dir.resolve("config"));
        vm = new ArtifactsViewModel(new ImmediateTaskRunner(), new SessionKeyring(dir.resolve("config/keyring.p12")));
        new Random(3).nextBytes(plain);
    }

    @AfterEach
    void restore() {
        ConfigDir.restore(previousConfig);
    }

    @Test
    void keyringCreateUnlockAndKeyCreation() {
        assertEquals(KeyringState.MISSING, vm.keyringStateProperty().get());
        vm.createKeyring("long passphrase", "different");
        assertFalse(vm.resultOkProperty().get());
        vm.createKeyring("long passphrase", "long passphrase");
        assertEquals(KeyringState.UNLOCKED, vm.keyringStateProperty().get(), vm.resultProperty().get());
        vm.createKey("team");
        assertEquals(List.of("team"), vm.keyNames());
        assertTrue(vm.chosenKeys().contains("team"), "a new key is chosen as recipient");

        // another session (the app started again) finds the keyring locked
        ArtifactsViewModel next = new ArtifactsViewModel(new ImmediateTaskRunner(),
                new SessionKeyring(dir.resolve("config/keyring.p12")));
        assertEquals(KeyringState.LOCKED, next.keyringStateProperty().get());
        next.unlock("wrong passphrase");
        assertFalse(next.resultOkProperty().get());
        assertTrue(next.resultProperty().get().startsWith("Wrong passphrase for the keyring"), next.resultProperty().get());
        next.unlock("long passphrase");
        assertEquals(KeyringState.UNLOCKED, next.keyringStateProperty().get());
        assertEquals(List.of("team"), next.keyNames());
    }

    @Test
    void encryptShowHeaderAndDecryptWithKeyOrPassphrase() throws Exception {
        Path model = Files.write(dir.resolve("model.onnx"), plain);
        vm.addFiles(List.of(model));
        assertFalse(vm.canEncryptProperty().get(), "no recipient yet");
        vm.createKeyring("long passphrase", "long passphrase");
        vm.createKey("team");
        vm.passphraseProperty().set("file pass");
        vm.passphraseRepeatProperty().set("typo");
        assertTrue(vm.canEncryptProperty().get(), "the key alone is enough");
        vm.chosenKeys().clear();
        assertFalse(vm.canEncryptProperty().get(), "a mistyped passphrase is not a recipient");
        vm.chosenKeys().add("team");
        vm.passphraseRepeatProperty().set("file pass");

        assertNotNull(vm.encrypt(t -> { }));
        assertTrue(vm.resultOkProperty().get(), vm.resultProperty().get());
        Path enc = dir.resolve("model.onnx.msw");
        assertTrue(Files.exists(enc));

        vm.clearFiles();
        vm.addFiles(List.of(enc));
        HeaderSummary h = vm.headerProperty().get();
        assertNotNull(h, vm.headerNoteProperty().get());
        assertEquals(plain.length, h.plaintextBytes());
        assertEquals(List.of("local", "passphrase"), h.stanzas().stream().map(HeaderSummary.StanzaRow::type).toList());
        assertEquals("team", h.stanzas().get(0).key());

        Path out = Files.createDirectories(dir.resolve("out"));
        vm.outputFolderProperty().set(out);
        vm.decrypt(t -> { });
        assertTrue(vm.resultOkProperty().get(), vm.resultProperty().get());
        assertArrayEquals(plain, Files.readAllBytes(out.resolve("model.onnx")));

        vm.decrypt(t -> { });
        assertFalse(vm.resultOkProperty().get());
        assertTrue(vm.resultProperty().get().startsWith("Refusing to overwrite"), vm.resultProperty().get());
        vm.overwriteProperty().set(true);
        vm.decrypt(t -> { });
        assertTrue(vm.resultOkProperty().get(), vm.resultProperty().get());

        ArtifactsViewModel stranger = new ArtifactsViewModel(new ImmediateTaskRunner(), new SessionKeyring(dir.resolve("none.p12")));
        stranger.addFiles(List.of(enc));
        stranger.passphraseProperty().set("not it");
        stranger.outputFolderProperty().set(Files.createDirectories(dir.resolve("stranger")));
        stranger.decrypt(t -> { });
        assertFalse(stranger.resultOkProperty().get());
        assertTrue(stranger.resultProperty().get().startsWith("Wrong key for"), stranger.resultProperty().get());
        assertFalse(Files.exists(dir.resolve("stranger/model.onnx")));
    }

    @Test
    void plainFilesAndFoldersAreDescribedInsteadOfAHeader() throws Exception {
        Path model = Files.write(dir.resolve("model.onnx"), plain);
        vm.addFiles(List.of(model, dir));
        assertTrue(vm.headerNoteProperty().get().contains("is not encrypted"), vm.headerNoteProperty().get());
        vm.selectedFileProperty().set(vm.files().get(1));
        assertTrue(vm.headerNoteProperty().get().contains("is a folder"), vm.headerNoteProperty().get());
        vm.removeSelected();
        assertEquals(1, vm.files().size());
    }

    @Test
    void outputNames() {
        assertEquals(dir.resolve("m.onnx.msw"), OutputNames.encrypted(dir.resolve("m.onnx"), null));
        assertEquals(dir.resolve("m.onnx"), OutputNames.decrypted(dir.resolve("m.onnx.msw"), null));
        assertEquals(dir.resolve("o/m.bin.decrypted"), OutputNames.decrypted(dir.resolve("m.bin"), dir.resolve("o")));
    }
}
