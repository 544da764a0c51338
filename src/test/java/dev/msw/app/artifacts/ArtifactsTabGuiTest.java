package dev.msw.app.artifacts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.msw.core.CancellationToken;
import dev.msw.core.ProgressListener;
import dev.msw.crypto.ArtifactEncryptor;
import dev.msw.crypto.PassphraseRecipient;
import dev.msw.keys.LocalKeyring;
import dev.msw.testsupport.GuiTest;
import dev.msw.testsupport.Screenshots;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The Artifacts tab in the real window: unlock, header viewer, encrypt, decrypt, cancel; with screenshots. */
class ArtifactsTabGuiTest extends GuiTest {
    static final String KEYRING_PASS = "keyring passphrase";
    Path work;
    Path model;
    Path encrypted;
    byte[] plain = new byte[3_000_000];

    @Override
    protected void beforeWindow() throws Exception {
        work = Files.createTempDirectory("msw-artifacts-gui");
        new Random(5).nextBytes(plain);
        model = Files.write(work.resolve("classifier.onnx"), plain);
        LocalKeyring ring = LocalKeyring.create(configDir.resolve("keyring.p12"), KEYRING_PASS.toCharArray());
        ring.createKey("team");
        ring.addVersion("team");
        ring.createKey("release");
        encrypted = work.resolve("shared.onnx.msw");
        new ArtifactEncryptor().encrypt(model, encrypted, List.of(ring.recipient("team"),
                new PassphraseRecipient("recovery words".toCharArray())), false, ProgressListener.NONE,
                CancellationToken.NONE);
    }

    private void addFile(FxRobot robot, Path p) {
        ListView<Path> list = in(robot, "fileList").queryListView();
        robot.interact(() -> {
            list.getItems().add(p);
            list.getSelectionModel().select(p);
        });
    }

    private Label result(FxRobot robot) {
        return in(robot, "resultLabel").queryAs(Label.class);
    }

    private void waitIdle(FxRobot robot) throws Exception {
        Button encrypt = in(robot, "encryptButton").queryButton();
        Button decrypt = in(robot, "decryptButton").queryButton();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !in(robot, "progress").query().isVisible()
                && (!encrypt.isDisabled() || !decrypt.isDisabled() || !result(robot).getText().isBlank()));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void unlock(FxRobot robot) throws Exception {
        robot.clickOn((javafx.scene.Node) in(robot, "keyringPassphrase").query()).write(KEYRING_PASS);
        robot.clickOn((javafx.scene.Node) in(robot, "keyringButton").query());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> in(robot, "key-choice-team").tryQuery().isPresent());
    }

    @Test
    void unlockShowHeaderEncryptAndDecrypt(FxRobot robot) throws Exception {
        selectTab(robot, "artifacts");
        Screenshots.save(main.root(), "artifacts-locked");
        unlock(robot);
        assertTrue(in(robot, "key-choice-release").tryQuery().isPresent());

        addFile(robot, encrypted);
        TableView<?> stanzas = in(robot, "stanzaTable").queryTableView();
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2, stanzas.getItems().size());
        Screenshots.save(main.root(), "artifacts-header");

        robot.interact(() -> in(robot, "fileList").queryListView().getItems().clear());
        addFile(robot, model);
        robot.clickOn((javafx.scene.Node) in(robot, "key-choice-release").query());
        assertTrue(in(robot, "key-choice-release").queryAs(CheckBox.class).isSelected());
        robot.clickOn((javafx.scene.Node) in(robot, "encryptButton").query());
        waitIdle(robot);
        assertTrue(result(robot).getText().startsWith("Encrypted 1 file"), result(robot).getText());
        assertTrue(Files.exists(work.resolve("classifier.onnx.msw")));
        Screenshots.save(main.root(), "artifacts-encrypted");

        robot.interact(() -> in(robot, "fileList").queryListView().getItems().clear());
        addFile(robot, work.resolve("classifier.onnx.msw"));
        Path out = Files.createDirectories(work.resolve("out"));
        // choose the output folder through the same property the Choose… button sets
        robot.interact(() -> findModel(robot).outputFolderProperty().set(out));
        robot.clickOn((javafx.scene.Node) in(robot, "decryptButton").query());
        waitIdle(robot);
        assertTrue(result(robot).getText().startsWith("Decrypted 1 file"), result(robot).getText());
        assertArrayEquals(plain, Files.readAllBytes(out.resolve("classifier.onnx")));
        Screenshots.save(main.root(), "artifacts-decrypted");
    }

    @Test
    void wrongPassphraseIsReportedAndCancelLeavesNothing(FxRobot robot) throws Exception {
        selectTab(robot, "artifacts");
        addFile(robot, encrypted);
        Path out = Files.createDirectories(work.resolve("wrong"));
        robot.interact(() -> findModel(robot).outputFolderProperty().set(out));
        robot.clickOn((javafx.scene.Node) in(robot, "passphrase").query()).write("not the words");
        robot.clickOn((javafx.scene.Node) in(robot, "decryptButton").query());
        waitIdle(robot);
        assertTrue(result(robot).getText().startsWith("Wrong key for"), result(robot).getText());
        assertTrue(result(robot).getStyleClass().contains("status-failed"));
        assertEquals(0, Files.list(out).count());
        Screenshots.save(main.root(), "artifacts-wrong-key");

        Path big = work.resolve("big.bin");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(768L << 20);
        }
        robot.interact(() -> in(robot, "fileList").queryListView().getItems().clear());
        addFile(robot, big);
        robot.clickOn((javafx.scene.Node) in(robot, "passphraseRepeat").query()).write("not the words");
        robot.clickOn((javafx.scene.Node) in(robot, "encryptButton").query());
        HBox progress = in(robot, "progress").query();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, progress::isVisible);
        // past the passphrase derivation: bytes, rate and time left are shown
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> in(robot, "progress-details").queryAs(Label.class)
                .getText().contains("left"));
        Screenshots.save(main.root(), "artifacts-progress");
        robot.clickOn((javafx.scene.Node) in(robot, "progress-cancel").query());
        waitIdle(robot);
        assertEquals("Cancelled: nothing was written.", result(robot).getText());
        try (var s = Files.list(work)) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().startsWith(".big.bin") || p.getFileName().toString()
                    .equals("big.bin.msw")), "no partial output");
        }
    }

    private static javafx.scene.Node tabRoot(FxRobot robot) {
        return robot.lookup("#" + ArtifactsView.ROOT_ID).query();
    }

    /** Looks up inside this tab only: other tabs use the same widget ids (progress-cancel…). */
    private static org.testfx.service.query.NodeQuery in(FxRobot robot, String id) {
        return robot.from(tabRoot(robot)).lookup("#" + id);
    }

    private static ArtifactsViewModel findModel(FxRobot robot) {
        return (ArtifactsViewModel) tabRoot(robot).getProperties().get(ArtifactsView.MODEL_KEY);
    }
}
