package dev.msw.app.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.msw.audit.AuditLog;
import dev.msw.backup.BackupJob;
import dev.msw.backup.BackupJobStore;
import dev.msw.backup.BackupSchedule;
import dev.msw.backup.Retention;
import dev.msw.crypto.ArtifactHeader;
import dev.msw.keys.ArtifactFolders;
import dev.msw.keys.KeyFixtures;
import dev.msw.keys.LocalKeyring;
import dev.msw.testsupport.GuiTest;
import dev.msw.testsupport.Screenshots;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The Keys & Backups tab in the real window: unlock, rotate with rewrap, inventory, run and verify a backup, audit. */
class KeysTabGuiTest extends GuiTest {
    @Override
    protected String tabUnderTest() {
        return "keys";
    }

    Path models;

    @Override
    protected void beforeWindow() throws Exception {
        LocalKeyring ring = LocalKeyring.create(configDir.resolve("keyring.p12"), KeyFixtures.PASSPHRASE.toCharArray());
        ring.createKey("team");
        ring.createKey("release");
        models = Files.createDirectories(configDir.resolveSibling(configDir.getFileName() + "-models"));
        for (int i = 0; i < 3; i++) {
            KeyFixtures.encrypt(models.resolve("fraud-v" + i + ".onnx.msw"), KeyFixtures.plaintext(50_000, i),
                    List.of(ring.recipient("team")));
        }
        KeyFixtures.encrypt(models.resolve("release/ranker.onnx.msw"), KeyFixtures.plaintext(20_000, 7),
                List.of(ring.recipient("release")));
        Files.writeString(models.resolve("fraud.contract.json"), "{}");
        ArtifactFolders.standard().add(models);
        new BackupJobStore(configDir.resolve("backup-jobs.json")).add(new BackupJob("nightly", List.of(models, ring.path()),
                configDir.resolveSibling(configDir.getFileName() + "-backups"), BackupSchedule.parse("daily 02:00"),
                new Retention(7, 0, 4), null, false, Instant.now()), false);
    }

    private void waitUntil(java.util.concurrent.Callable<Boolean> c) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, c);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void section(FxRobot robot, int index) {
        TabPane sections = robot.lookup(".keys-sections").queryAs(TabPane.class);
        robot.interact(() -> sections.getSelectionModel().select(index));
    }

    private Label message(FxRobot robot) {
        return robot.lookup(".keys-message").queryAs(Label.class);
    }

    @Test
    void rotateRewrapBackupVerifyAndAudit(FxRobot robot) throws Exception {
        selectTab(robot, "keys");
        Screenshots.save(main.root(), "keys-locked");

        robot.clickOn("#passphrase").write(KeyFixtures.PASSPHRASE);
        robot.clickOn("#openButton");
        TableView<?> keysTable = robot.lookup("#keysTable").queryAs(TableView.class);
        waitUntil(() -> keysTable.getItems().size() == 2);
        robot.interact(() -> keysTable.getSelectionModel().select(1));
        Screenshots.save(main.root(), "keys-unlocked");

        robot.clickOn("#rotateButton");
        WaitForAsyncUtils.waitForFxEvents();
        Window dialog = robot.listTargetWindows().stream().filter(w -> w != stage && w.isShowing()).findFirst()
                .orElseThrow(() -> new AssertionError("no confirmation dialog; message: " + message(robot).getText()));
        String plan = ((javafx.scene.control.DialogPane) dialog.getScene().getRoot()).getContentText();
        assertTrue(plan.contains("Rotate key 'team'") && plan.contains("from v1 to v2") && plan.contains("3 artifact(s)")
                && plan.contains("fraud-v0.onnx.msw"), plan);
        Screenshots.saveWindow(dialog, "keys-rotate-confirmation");
        robot.clickOn("Rotate and rewrap");
        waitUntil(() -> message(robot).getText().startsWith("Rotated team to v2"));
        assertTrue(message(robot).getText().contains("Rewrapped 3"), message(robot).getText());
        for (int i = 0; i < 3; i++) {
            assertEquals("2", ArtifactHeader.read(models.resolve("fraud-v" + i + ".onnx.msw")).stanzas().get(0).args().get(1));
        }
        Screenshots.save(main.root(), "keys-rotated");

        section(robot, 1);
        TableView<?> inventory = robot.lookup("#inventoryTable").queryAs(TableView.class);
        waitUntil(() -> inventory.getItems().size() == 4 && robot.lookup("#inventorySummary").queryAs(Label.class).getText()
                .contains("local:team: v2 × 3"));
        Screenshots.save(main.root(), "keys-inventory");

        section(robot, 2);
        TableView<?> jobs = robot.lookup("#jobsTable").queryAs(TableView.class);
        waitUntil(() -> jobs.getItems().size() == 1);
        robot.interact(() -> jobs.getSelectionModel().select(0));
        robot.clickOn("#runJobButton");
        TableView<?> history = robot.lookup("#historyTable").queryAs(TableView.class);
        waitUntil(() -> history.getItems().size() == 1 && message(robot).getText().startsWith("Backup nightly-"));
        assertTrue(message(robot).getText().contains("6 files") && message(robot).getText().contains("1 not encrypted"),
                message(robot).getText());
        robot.interact(() -> history.getSelectionModel().select(0));
        robot.clickOn("#verifyButton");
        waitUntil(() -> message(robot).getText().startsWith("Verified nightly-"));
        Screenshots.save(main.root(), "keys-backups");

        section(robot, 3);
        TableView<?> auditTable = robot.lookup("#auditTable").queryAs(TableView.class);
        waitUntil(() -> auditTable.getItems().size() >= 5);
        robot.clickOn("#auditVerify");
        Label verification = robot.lookup("#auditVerification").queryAs(Label.class);
        assertTrue(verification.getText().startsWith("Chain intact"), verification.getText());
        robot.clickOn("#auditText").write("fraud");
        waitUntil(() -> auditTable.getItems().isEmpty());
        robot.interact(() -> robot.lookup("#auditText").queryAs(javafx.scene.control.TextField.class).clear());
        robot.clickOn("#auditAction").write("backup");
        robot.type(javafx.scene.input.KeyCode.ENTER);
        waitUntil(() -> !auditTable.getItems().isEmpty() && auditTable.getItems().stream()
                .allMatch(e -> ((AuditLog.AuditEntry) e).action().startsWith("backup")));
        robot.interact(() -> robot.lookup("#auditAction").queryAs(javafx.scene.control.ComboBox.class).setValue(""));
        waitUntil(() -> auditTable.getItems().size() >= 5);
        Screenshots.save(main.root(), "keys-audit");
    }
}
