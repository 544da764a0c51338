package dev.msw.app.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.msw.app.artifacts.ArtifactsView;
import dev.msw.app.artifacts.ArtifactsViewModel;
import dev.msw.app.console.ConsoleView;
import dev.msw.app.console.ConsoleViewModel;
import dev.msw.core.CancellationToken;
import dev.msw.core.ProgressListener;
import dev.msw.crypto.ArtifactEncryptor;
import dev.msw.keys.LocalKeyring;
import dev.msw.pipeline.LoadedModel;
import dev.msw.pipeline.SampleModels;
import dev.msw.testsupport.GuiTest;
import dev.msw.testsupport.Screenshots;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.service.query.NodeQuery;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The whole window shares one keyring: unlocked in Artifacts, Keys & Backups shows its keys, the status bar says
 * so, and the Console opens a model encrypted for a keyring key without asking; Lock in the status bar locks
 * every tab again.
 */
class SessionKeyringGuiTest extends GuiTest {
    static final String PASS = "session passphrase";
    Path model;

    @Override
    protected void beforeWindow() throws Exception {
        LocalKeyring ring = LocalKeyring.create(configDir.resolve("keyring.p12"), PASS.toCharArray());
        ring.createKey("team");
        Path work = Files.createTempDirectory("msw-session-gui");
        String sample = "iris-classifier.onnx";
        Path plain = Files.write(work.resolve("guarded-iris.onnx"), SampleModels.read(sample));
        Files.writeString(work.resolve("guarded-iris.contract.json"), SampleModels.contractText(sample));
        model = work.resolve("guarded-iris.onnx.msw");
        new ArtifactEncryptor().encrypt(plain, model, List.of(ring.recipient("team")), false, ProgressListener.NONE,
                CancellationToken.NONE);
        Files.delete(plain);
        ring.close();
    }

    private Node tabContent(String id) {
        return main.tabPane().getTabs().stream().filter(t -> ("tab-" + id).equals(t.getId())).findFirst()
                .map(Tab::getContent).orElseThrow(() -> new AssertionError("no tab " + id));
    }

    private NodeQuery in(FxRobot robot, String tab, String id) {
        return robot.from(tabContent(tab)).lookup("#" + id);
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private Label keyringStatus(FxRobot robot) {
        return robot.lookup("#status-keyring").queryAs(Label.class);
    }

    @Test
    void unlockInArtifactsThenKeysAndConsoleUseIt(FxRobot robot) throws Exception {
        selectTab(robot, "artifacts");
        assertEquals("Keyring locked", keyringStatus(robot).getText());
        robot.clickOn((Node) in(robot, "artifacts", "keyringPassphrase").query()).write(PASS);
        robot.clickOn((Node) in(robot, "artifacts", "keyringButton").query());
        waitUntil(() -> main.keyring().isUnlocked());
        assertTrue(keyringStatus(robot).getText().startsWith("Keyring unlocked"), keyringStatus(robot).getText());
        assertTrue(robot.lookup("#status-lock-keyring").query().isVisible());
        Screenshots.save(main.root(), "session-artifacts-unlocked");

        selectTab(robot, "keys");
        TableView<?> keysTable = in(robot, "keys", "keysTable").queryAs(TableView.class);
        waitUntil(() -> keysTable.getItems().size() == 1);
        Label backend = in(robot, "keys", "backendLabel").queryAs(Label.class);
        assertTrue(backend.getText().endsWith("(unlocked)"), backend.getText());
        Screenshots.save(main.root(), "session-keys-unlocked");

        selectTab(robot, "console");
        ConsoleView console = (ConsoleView) tabContent("console").getProperties().get(ConsoleView.class);
        ConsoleViewModel vm = console.viewModel();
        waitUntil(() -> vm.modelProperty().get() != null && !vm.busyProperty().get());
        robot.interact(() -> console.openModel(model));
        assertEquals("guarded-iris.onnx.msw", robot.lookup("#console-model").queryComboBox().getValue());
        waitUntil(() -> vm.modelProperty().get() != null && vm.modelProperty().get().encrypted() && !vm.busyProperty().get());
        LoadedModel loaded = vm.modelProperty().get();
        assertTrue(vm.messageProperty().get().contains("decrypted in memory only"), vm.messageProperty().get());
        robot.interact(() -> vm.animateProperty().set(false));
        robot.clickOn("#console-run");
        waitUntil(() -> vm.resultProperty().get() != null && !vm.busyProperty().get());
        assertNotNull(vm.resultProperty().get());
        Screenshots.save(main.root(), "session-console-keyring-model");

        selectTab(robot, "vault");
        Screenshots.save(main.root(), "session-vault-local-unlocked");

        robot.clickOn("#status-lock-keyring");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(main.keyring().isUnlocked());
        assertEquals("Keyring locked", keyringStatus(robot).getText());
        ArtifactsViewModel artifacts = (ArtifactsViewModel) tabContent("artifacts").getProperties().get(ArtifactsView.MODEL_KEY);
        assertEquals(ArtifactsViewModel.KeyringState.LOCKED, artifacts.keyringStateProperty().get());
        assertTrue(keysTable.getItems().isEmpty(), "Keys & Backups forgets the keys when the keyring is locked");
        assertEquals(loaded, vm.modelProperty().get(), "a model already open stays open");
        Screenshots.save(main.root(), "session-vault-locked");
    }

    @Test
    void consoleOffersToUnlockALockedKeyringForEveryTab(FxRobot robot) throws Exception {
        selectTab(robot, "console");
        ConsoleView console = (ConsoleView) tabContent("console").getProperties().get(ConsoleView.class);
        ConsoleViewModel vm = console.viewModel();
        waitUntil(() -> vm.modelProperty().get() != null && !vm.busyProperty().get());
        // the question is modal: open it later on the FX thread so the robot can answer it
        javafx.application.Platform.runLater(() -> console.openModel(model));
        waitUntil(() -> robot.lookup("#console-keyring-passphrase").tryQuery().isPresent());
        javafx.stage.Window dialog = robot.lookup("#console-keyring-passphrase").query().getScene().getWindow();
        Screenshots.saveWindow(dialog, "session-console-unlock-question");
        robot.clickOn("#console-keyring-passphrase").write(PASS);
        robot.clickOn("Unlock keyring");
        waitUntil(() -> vm.modelProperty().get() != null && vm.modelProperty().get().encrypted() && !vm.busyProperty().get());
        assertTrue(main.keyring().isUnlocked());
        assertTrue(keyringStatus(robot).getText().startsWith("Keyring unlocked"), keyringStatus(robot).getText());
        ArtifactsViewModel artifacts = (ArtifactsViewModel) tabContent("artifacts").getProperties().get(ArtifactsView.MODEL_KEY);
        assertEquals(ArtifactsViewModel.KeyringState.UNLOCKED, artifacts.keyringStateProperty().get());
        Screenshots.save(main.root(), "session-console-unlocked-from-console");
    }
}
