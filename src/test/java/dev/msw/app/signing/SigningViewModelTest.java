package dev.msw.app.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.msw.app.task.ImmediateTaskRunner;
import dev.msw.signing.KeyType;
import dev.msw.testsupport.ConfigDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Signing tab's view model without a toolkit: commands run on the calling thread. */
class SigningViewModelTest {
    @TempDir
    Path dir;
    private String previousConfig;
    private final List<String> statusLine = new ArrayList<>();

    @BeforeEach
    void isolate() {
        previousConfig = ConfigDir.point(dir.resolve("config"));
    }

    @AfterEach
    void restore() {
        ConfigDir.restore(previousConfig);
    }

    @Test
    void generateSignVerifyAndWrongPassphrase() throws Exception {
        SigningViewModel vm = new SigningViewModel(new ImmediateTaskRunner(), statusLine::add);
        assertFalse(vm.canGenerate().get());
        vm.keyTypeProperty().set(KeyType.ED25519);
        vm.newPrivateKeyProperty().set(dir.resolve("ed.pem").toString());
        assertEquals(dir.resolve("ed.pub.pem").toString(), vm.newPublicKeyProperty().get());
        vm.newPassphraseProperty().set("pw");
        vm.generateKeys();
        assertFalse(vm.messageIsErrorProperty().get(), vm.messageProperty().get());
        assertEquals("", vm.newPassphraseProperty().get(), "the passphrase is not kept on screen");

        Path file = dir.resolve("model.safetensors");
        Files.writeString(file, "tensor bytes");
        vm.signTargetProperty().set(file.toString());
        vm.signPassphraseProperty().set("wrong");
        vm.sign();
        assertTrue(vm.messageIsErrorProperty().get());
        assertTrue(vm.messageProperty().get().contains("passphrase is wrong"), vm.messageProperty().get());

        vm.signPassphraseProperty().set("pw");
        vm.sign();
        assertFalse(vm.messageIsErrorProperty().get(), vm.messageProperty().get());
        vm.sign();
        assertTrue(vm.messageProperty().get().contains("Replace an existing signature file"), vm.messageProperty().get());
        vm.signOverwriteProperty().set(true);
        vm.sign();
        assertFalse(vm.messageIsErrorProperty().get(), vm.messageProperty().get());
        assertTrue(vm.canVerify().get(), "signature, target and public key are filled in for verification");
        vm.verify();
        assertTrue(vm.reportProperty().get().verified());
        assertEquals("Ed25519", vm.reportProperty().get().keyDescription());

        Files.writeString(file, "tensor bytez");
        vm.verify();
        assertFalse(vm.reportProperty().get().verified());
        assertTrue(vm.messageIsErrorProperty().get());
        vm.statusFilterProperty().set(SigningViewModel.Filter.OK);
        assertEquals(0, vm.visibleRows().size());
        vm.statusFilterProperty().set(SigningViewModel.Filter.PROBLEMS);
        assertEquals(1, vm.visibleRows().size());
        assertTrue(statusLine.size() > 3, "progress and results reach the status bar");
    }

    @Test
    void droppingSomethingElseThanASignatureIsIgnored() {
        SigningViewModel vm = new SigningViewModel(new ImmediateTaskRunner(), statusLine::add);
        assertFalse(vm.acceptDroppedFiles(List.of(dir.resolve("model.onnx").toFile())));
        assertTrue(vm.acceptDroppedFiles(List.of(dir.resolve("model.onnx.sig").toFile())));
        assertTrue(vm.messageProperty().get().contains("choose the signed file"), vm.messageProperty().get());
    }
}
