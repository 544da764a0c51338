package dev.msw.app.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.msw.app.artifacts.LegacyImportDialog;
import dev.msw.inspect.ArtifactReport;
import dev.msw.inspect.InspectCorpus;
import dev.msw.inspect.Severity;
import dev.msw.testsupport.GuiTest;
import dev.msw.testsupport.Peers;
import dev.msw.testsupport.Screenshots;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

class InspectGuiTest extends GuiTest {

    private InspectView view(FxRobot robot) {
        Node root = robot.lookup("#inspect-root").query();
        return (InspectView) root.getProperties().get(InspectView.class);
    }

    @Test
    void droppedFolderIsScannedAndFindingsShown(FxRobot robot) throws Exception {
        selectTab(robot, "inspect");
        Screenshots.save(main.root(), "inspect-empty");
        InspectView v = view(robot);
        Path corpus = InspectCorpus.dir();
        robot.interact(() -> v.addAndScan(List.of(corpus.resolve("malicious/torch_like.pt"),
                corpus.resolve("malicious/getattr_indirection.pkl"), corpus.resolve("benign/sklearn_logreg.pkl"),
                corpus.resolve("benign/state_dict.pt"), corpus.resolve("benign/logreg.onnx"))));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> v.model().reportProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Severity.CRITICAL, v.model().reportProperty().get().worst());
        TreeView<ArtifactReport> tree = robot.lookup("#inspect-tree").query();
        assertEquals(5, tree.getRoot().getChildren().size());
        TreeItem<ArtifactReport> getattr = tree.getRoot().getChildren().stream()
                .filter(i -> i.getValue().name().endsWith("getattr_indirection.pkl")).findFirst().orElseThrow();
        robot.interact(() -> tree.getSelectionModel().select(getattr));
        TableView<?> findings = robot.lookup("#inspect-findings").query();
        assertEquals(3, findings.getItems().size());
        assertTrue(robot.lookup(".badge-critical").tryQuery().isPresent());
        Screenshots.save(main.root(), "inspect-findings");
        TreeItem<ArtifactReport> torch = tree.getRoot().getChildren().get(3);
        robot.interact(() -> tree.getSelectionModel().select(torch.getChildren().get(0)));
        Screenshots.save(main.root(), "inspect-member");
        Path json = Files.createTempDirectory("gui-export").resolve("r.json");
        robot.interact(() -> {
            try {
                v.model().export(InspectViewModel.ExportFormat.SARIF, json);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertTrue(Files.readString(json).contains("\"2.1.0\""));
    }

    @Test
    void legacyDialogShowsFindingsFirst(FxRobot robot) throws Exception {
        selectTab(robot, "inspect");
        Path dir = Files.createTempDirectory("legacy-gui");
        Path script = Files.writeString(dir.resolve("s.py"), String.join("\n",
                "import os, pickle, sys",
                "from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes",
                "key = bytes(range(32)); iv = bytes(16)",
                "data = pickle.dumps({'layer1': [0.1, 0.2, 0.3], 'layer2': [0.4, 0.5, 0.6]})",
                "data += b'\\0' * (16 - len(data) % 16)",
                "enc = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()",
                "open(sys.argv[1], 'wb').write(iv + enc.update(data) + enc.finalize())"));
        Path legacy = dir.resolve("encrypted_model_weights.bin");
        assertEquals(0, Peers.exec(60, dir, Peers.python(), script, legacy).exitCode());
        robot.clickOn("Legacy file…");
        Window w = robot.listTargetWindows().stream().filter(x -> x != stage && x.isShowing()).findFirst().orElseThrow();
        Node root = w.getScene().getRoot();
        LegacyImportDialog[] dialog = new LegacyImportDialog[1];
        assertNotNull(root);
        // the dialog keeps its model reachable through the scene for tests
        robot.interact(() -> {
            dialog[0] = (LegacyImportDialog) root.getProperties().get(LegacyImportDialog.class);
            dialog[0].model().sourceProperty().set(legacy);
            dialog[0].model().keyHexProperty().set("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
        });
        robot.clickOn("#legacy-read");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> dialog[0].model().contentProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(dialog[0].model().contentProperty().get().plain());
        TreeView<String> tree = robot.from(root).lookup("#legacy-tree").query();
        assertTrue(tree.getRoot().getValue().startsWith("dict (2 items)"));
        Screenshots.saveWindow(w, "inspect-legacy-dialog");
        robot.interact(() -> ((javafx.stage.Stage) w).close());
    }

    @Test
    void artifactsTabOpensTheSameLegacyImportDialog(FxRobot robot) {
        selectTab(robot, "artifacts");
        robot.clickOn("Legacy import…");
        Window w = robot.listTargetWindows().stream().filter(x -> x != stage && x.isShowing()).findFirst().orElseThrow();
        assertEquals("Legacy import", ((javafx.stage.Stage) w).getTitle());
        assertTrue(w.getScene().getRoot().getProperties().get(LegacyImportDialog.class) != null);
        robot.interact(() -> ((javafx.stage.Stage) w).close());
    }
}
