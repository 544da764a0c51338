package dev.msw.app.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.msw.crypto.ArtifactHeader;
import dev.msw.keys.ArtifactFolders;
import dev.msw.keys.KeyFixtures;
import dev.msw.keys.transit.VaultEndpoint;
import dev.msw.keys.transit.VaultTransitBackend;
import dev.msw.keys.transit.VaultTransitClient;
import dev.msw.testsupport.GuiTest;
import dev.msw.testsupport.OpenBaoExtension;
import dev.msw.testsupport.Screenshots;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The Keys tab connected to a live OpenBao Transit engine: rotate a Transit key and rewrap its artifacts. */
class KeysTabVaultGuiTest extends GuiTest {
    @Override
    protected String tabUnderTest() {
        return "keys";
    }

    @RegisterExtension
    static final OpenBaoExtension BAO = OpenBaoExtension.shared();

    String mount;
    Path models;

    @Override
    protected void beforeWindow() throws Exception {
        mount = OpenBaoExtension.uniqueName("transit-gui");
        BAO.enableTransit(mount);
        VaultTransitBackend vault = new VaultTransitBackend(new VaultTransitClient(
                new VaultEndpoint(URI.create(BAO.address() + "/"), BAO.rootToken(), null, null), mount));
        vault.create("models");
        models = Files.createDirectories(configDir.resolveSibling(configDir.getFileName() + "-transit-models"));
        for (int i = 0; i < 2; i++) {
            KeyFixtures.encrypt(models.resolve("churn-v" + i + ".onnx.msw"), KeyFixtures.plaintext(30_000, i),
                    List.of(vault.recipient("models")));
        }
        ArtifactFolders.standard().add(models);
    }

    @Test
    void rotateATransitKeyFromTheGui(FxRobot robot) throws Exception {
        selectTab(robot, "keys");
        robot.interact(() -> robot.lookup("#backendChoice").queryAs(ComboBox.class).setValue(KeysView.VAULT));
        robot.interact(() -> robot.lookup("#vaultAddress").queryAs(TextField.class).setText(BAO.address()));
        robot.interact(() -> robot.lookup("#transitMount").queryAs(TextField.class).setText(mount));
        robot.clickOn("#vaultToken").write(BAO.rootToken());
        robot.clickOn("#openButton");
        TableView<?> keys = robot.lookup("#keysTable").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> keys.getItems().size() == 1);
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.save(main.root(), "keys-vault-connected");

        robot.clickOn("#rotateButton");
        WaitForAsyncUtils.waitForFxEvents();
        Window dialog = robot.listTargetWindows().stream().filter(w -> w != stage && w.isShowing()).findFirst().orElseThrow();
        String plan = ((javafx.scene.control.DialogPane) dialog.getScene().getRoot()).getContentText();
        assertTrue(plan.contains("Rotate key 'models' (vault) from v1 to v2") && plan.contains("2 artifact(s)"), plan);
        robot.clickOn("Rotate and rewrap");
        Label message = robot.lookup(".keys-message").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> message.getText().startsWith("Rotated models to v2"));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(message.getText().contains("Rewrapped 2"), message.getText());
        for (int i = 0; i < 2; i++) {
            var stanza = ArtifactHeader.read(models.resolve("churn-v" + i + ".onnx.msw")).stanzas().get(0);
            assertEquals("2", stanza.args().get(1));
            assertTrue(new String(stanza.body(), StandardCharsets.US_ASCII).startsWith("vault:v2:"));
        }
        Screenshots.save(main.root(), "keys-vault-rotated");
    }
}
