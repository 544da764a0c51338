package dev.msw.app.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.msw.signing.FileStatus;
import dev.msw.testsupport.GuiTest;
import dev.msw.testsupport.Screenshots;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Tab;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The Signing tab in the real window: generate keys, sign a folder, verify, tamper, filter, drop, cancel. */
class SigningTabGuiTest extends GuiTest {
    @Override
    protected String tabUnderTest() {
        return "signing";
    }

    private Path work;

    @Override
    protected void beforeWindow() throws Exception {
        work = Files.createTempDirectory("msw-signing-gui");
        Path m = work.resolve("sentiment-model");
        Files.createDirectories(m.resolve("tokenizer"));
        Files.createDirectories(m.resolve("onnx"));
        Files.writeString(m.resolve("config.json"), "{\"labels\": [\"neg\", \"pos\"]}\n");
        Files.write(m.resolve("onnx/model.onnx"), new byte[200_000]);
        Files.writeString(m.resolve("tokenizer/vocab.txt"), "a\nb\nc\n");
        Files.writeString(m.resolve("tokenizer/merges.txt"), "a b\n");
        Files.writeString(m.resolve("README.md"), "# sentiment\n");
        for (int i = 0; i < 8; i++) {
            Files.writeString(m.resolve("onnx/shard-" + i + ".bin"), "shard " + i);
        }
    }

    @org.junit.jupiter.api.AfterEach
    void deleteWork() throws Exception {
        if (work != null) {
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private SigningViewModel vm() {
        Tab tab = main.tabPane().getTabs().stream().filter(t -> "tab-signing".equals(t.getId())).findFirst().orElseThrow();
        Node root = tab.getContent();
        return ((SigningView) root.getProperties().get(SigningView.class)).viewModel();
    }

    private void waitIdle(SigningViewModel vm) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !vm.busyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void generateSignVerifyTamperFilterAndDrop(FxRobot robot) throws Exception {
        selectTab(robot, "signing");
        SigningViewModel vm = vm();
        Screenshots.save(main.root(), "signing-empty");

        // long paths are set directly (typing them key by key only slows the test); the rest is typed and clicked
        robot.interact(() -> vm.newPrivateKeyProperty().set(work.resolve("release.pem").toString()));
        assertEquals(work.resolve("release.pub.pem").toString(), vm.newPublicKeyProperty().get(), "public key name follows");
        robot.clickOn("#newPassphrase").write("s3cret");
        robot.clickOn("#generateButton");
        waitIdle(vm);
        assertTrue(Files.exists(work.resolve("release.pem")), vm.messageProperty().get());
        assertTrue(vm.messageProperty().get().contains("fingerprint SHA256:"), vm.messageProperty().get());
        assertEquals(work.resolve("release.pem").toString(), vm.signKeyProperty().get(), "new key offered for signing");

        Path model = work.resolve("sentiment-model");
        robot.interact(() -> vm.signTargetProperty().set(model.toString()));
        robot.clickOn("#signPassphrase").write("s3cret");
        robot.clickOn("#signButton");
        waitIdle(vm);
        assertTrue(Files.exists(work.resolve("sentiment-model.sig")), vm.messageProperty().get());
        assertEquals(model.toString(), vm.verifyTargetProperty().get());

        robot.clickOn("#verifyButton");
        waitIdle(vm);
        assertTrue(vm.reportProperty().get().verified(), vm.reportProperty().get().toString());
        assertEquals(13, vm.visibleRows().size());
        Screenshots.save(main.root(), "signing-verified");

        Files.writeString(model.resolve("config.json"), "{\"labels\": [\"pos\", \"neg\"]}\n");
        Files.delete(model.resolve("tokenizer/merges.txt"));
        Files.writeString(model.resolve("onnx/backdoor.py"), "import os\n");
        robot.clickOn("#verifyButton");
        waitIdle(vm);
        assertFalse(vm.reportProperty().get().verified());
        Screenshots.save(main.root(), "signing-tampered");
        robot.interact(() -> vm.statusFilterProperty().set(SigningViewModel.Filter.PROBLEMS));
        assertEquals(3, vm.visibleRows().size());
        assertEquals(List.of(FileStatus.CHANGED, FileStatus.MISSING, FileStatus.EXTRA),
                vm.visibleRows().stream().map(r -> r.status()).toList());
        robot.clickOn("#filterText").write("onnx");
        assertEquals(1, vm.visibleRows().size());
        Screenshots.save(main.root(), "signing-tampered-filtered");

        // dropping the .sig on the tab fills in the signed folder and verifies straight away
        robot.interact(() -> {
            vm.filterTextProperty().set("");
            vm.statusFilterProperty().set(SigningViewModel.Filter.ALL);
            vm.verifyTargetProperty().set("");
            assertTrue(vm.acceptDroppedFiles(List.of(work.resolve("sentiment-model.sig").toFile())));
        });
        waitIdle(vm);
        assertEquals(model.toString(), vm.verifyTargetProperty().get());
        assertFalse(vm.reportProperty().get().verified());
        assertEquals(14, vm.visibleRows().size());
    }

    @Test
    void hashingShowsProgressAndCanBeCancelled(FxRobot robot) throws Exception {
        selectTab(robot, "signing");
        SigningViewModel vm = vm();
        Path big = work.resolve("big-model");
        Files.createDirectories(big);
        for (int i = 0; i < 4; i++) {
            try (RandomAccessFile f = new RandomAccessFile(big.resolve("part-" + i + ".bin").toFile(), "rw")) {
                f.setLength(3L << 30); // sparse: costs no disk, still 3 GiB to hash
            }
        }
        Path key = work.resolve("k.pem");
        dev.msw.signing.KeyPairWriter.generate(dev.msw.signing.KeyType.EC_P256, key, work.resolve("k.pub.pem"), null, false);
        robot.interact(() -> {
            vm.signTargetProperty().set(big.toString());
            vm.signKeyProperty().set(key.toString());
        });
        robot.clickOn("#signButton");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#progress-details").queryLabeled().getText().contains("files"));
        Screenshots.save(main.root(), "signing-progress");
        robot.clickOn("#progress-cancel");
        waitIdle(vm);
        assertTrue(vm.messageProperty().get().contains("cancelled"), vm.messageProperty().get());
        assertFalse(Files.exists(work.resolve("big-model.sig")), "nothing written after cancel");
    }
}
