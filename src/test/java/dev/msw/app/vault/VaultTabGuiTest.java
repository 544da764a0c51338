package dev.msw.app.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.msw.testsupport.GuiTest;
import dev.msw.testsupport.OpenBaoExtension;
import dev.msw.testsupport.Screenshots;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The Vault tab in the real window against a live OpenBao, then the local store; screenshots along the way. */
class VaultTabGuiTest extends GuiTest {
    @RegisterExtension
    static final OpenBaoExtension BAO = OpenBaoExtension.shared();
    static final String API_KEY = "sk-live-DO-NOT-SHOW";
    String mount;

    @Override
    protected void beforeWindow() {
        mount = OpenBaoExtension.uniqueName("models");
        BAO.enableKvV2(mount);
        put("development/model/api", Map.of("api_key", API_KEY, "endpoint", "https://api.example"));
        put("development/app/db", Map.of("user", "app", "password", "dev-pass-hidden"));
        put("testing/model/api", Map.of("api_key", "test-key-hidden"));
        put("production/db", Map.of("password", "prod-pass-hidden"));
    }

    private void put(String path, Map<String, String> data) {
        BAO.api("POST", mount + "/data/" + path, Map.of("data", data)).requireOk("seed " + path);
    }

    private <T extends Node> T node(FxRobot robot, String id) {
        return robot.lookup("#" + id).query();
    }

    private static void waitFor(String what, BooleanSupplier condition) {
        try {
            WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, condition::getAsBoolean);
        } catch (TimeoutException e) {
            throw new AssertionError("timed out waiting for " + what);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void setText(FxRobot robot, String id, String text) {
        TextInputControl c = node(robot, id);
        robot.interact(() -> c.setText(text));
    }

    private TreeItem<String> find(TreeItem<String> item, String label) {
        if (item == null) {
            return null;
        }
        if (label.equals(item.getValue())) {
            return item;
        }
        for (TreeItem<String> c : item.getChildren()) {
            TreeItem<String> f = find(c, label);
            if (f != null) {
                return f;
            }
        }
        return null;
    }

    private void selectInTree(FxRobot robot, String label) {
        TreeView<String> tree = node(robot, "vault-tree");
        waitFor("tree item " + label, () -> find(tree.getRoot(), label) != null);
        robot.interact(() -> tree.getSelectionModel().select(find(tree.getRoot(), label)));
    }

    private String message(FxRobot robot) {
        return ((Label) node(robot, "vault-message")).getText();
    }

    private Window dialog(FxRobot robot) {
        waitFor("a dialog", () -> robot.listTargetWindows().stream().anyMatch(w -> w != stage && w.isShowing()));
        return robot.listTargetWindows().stream().filter(w -> w != stage && w.isShowing()).findFirst().orElseThrow();
    }

    private void connectVault(FxRobot robot, String auth, String user, String secret) {
        robot.interact(() -> ((ToggleButton) node(robot, "vault-remote")).fire());
        setText(robot, "vault-address", BAO.address());
        robot.interact(() -> ((ChoiceBox<String>) node(robot, "vault-auth")).setValue(auth));
        setText(robot, "vault-user", user);
        setText(robot, "vault-secret", secret);
        setText(robot, "vault-mount", mount);
        robot.clickOn("#vault-connect");
    }

    private void connectLocal(FxRobot robot, String role) {
        setText(robot, "vault-role", role);
        setText(robot, "vault-secret", "gui test keyring passphrase");
        robot.clickOn("#vault-connect");
    }

    @Test
    void browseEditAndEnforceAccessAgainstOpenBaoThenSwitchToTheLocalStore(FxRobot robot) {
        selectTab(robot, "vault");
        connectVault(robot, "token", "", BAO.rootToken());
        Label identity = node(robot, "vault-identity");
        waitFor("root identity", () -> identity.getText().contains("root"));
        selectInTree(robot, "api");
        TableView<SecretRow> rows = node(robot, "vault-rows");
        waitFor("secret rows", () -> rows.getItems().size() == 2);
        assertTrue(robot.lookup(".table-cell").queryAllAs(javafx.scene.control.TableCell.class).stream()
                .noneMatch(c -> API_KEY.equals(c.getText())), "values are masked");
        Screenshots.save(main.root(), "vault-development-masked");

        // a new version through the editor, then the history with two versions
        robot.clickOn("#vault-edit-button");
        TextArea editor = node(robot, "vault-edit");
        robot.interact(() -> editor.setText("api_key=sk-rotated-hidden\nendpoint=https://api.example\nregion=eu\n"));
        robot.clickOn("#vault-save");
        waitFor("version 2", () -> message(robot).contains("version 2"));
        robot.interact(() -> editor.clear());
        robot.clickOn("Metadata");
        setText(robot, "vault-max-versions", "5");
        setText(robot, "vault-custom", "owner=ml-team\n");
        robot.clickOn("#vault-save-metadata");
        waitFor("metadata saved", () -> message(robot).contains("metadata saved"));
        waitFor("metadata shown", () -> ((TextField) node(robot, "vault-max-versions")).getText().equals("5"));
        Screenshots.save(main.root(), "vault-metadata");
        robot.clickOn("History");
        TableView<?> history = node(robot, "vault-history");
        waitFor("two versions", () -> history.getItems().size() == 2);
        robot.interact(() -> history.getSelectionModel().selectAll());
        robot.clickOn("#vault-diff");
        waitFor("diff", () -> ((javafx.scene.control.ListView<?>) node(robot, "vault-diff-list")).getItems().size() > 2);
        Screenshots.save(main.root(), "vault-history-diff");

        // production: coloured, and deleting asks to type the path
        robot.clickOn("#vault-env-production");
        selectInTree(robot, "db");
        waitFor("production secret", () -> rows.getItems().size() == 1);
        robot.clickOn("Secret");
        Screenshots.save(main.root(), "vault-production");
        robot.clickOn("#vault-delete-all");
        Window confirm = dialog(robot);
        TextField typed = robot.from(confirm.getScene().getRoot()).lookup(".text-field").query();
        robot.interact(() -> typed.setText("production/db"));
        Screenshots.saveWindow(confirm, "vault-confirm-production");
        robot.interact(() -> ((Button) robot.from(confirm.getScene().getRoot()).lookup(".button").match(
                n -> n instanceof Button b && b.isDefaultButton()).query()).fire());
        waitFor("deleted", () -> message(robot).contains("Deleted production/db"));

        // the segregation wizard, verified live
        robot.clickOn("Environments");
        robot.clickOn("#vault-wizard");
        Window wizard = dialog(robot);
        robot.interact(() -> ((Button) robot.from(wizard.getScene().getRoot()).lookup(".button").match(
                n -> n instanceof Button b && b.isDefaultButton()).query()).fire());
        Label verdict = node(robot, "vault-matrix-verdict");
        waitFor("matrix", () -> verdict.getText().startsWith("Verified"));
        Screenshots.save(main.root(), "vault-wizard-matrix");
        robot.clickOn("Policies");
        javafx.scene.control.ListView<String> policyList = node(robot, "vault-policy-list");
        waitFor("policies", () -> policyList.getItems().contains("developer"));
        robot.interact(() -> policyList.getSelectionModel().select("developer"));
        TextArea policyText = node(robot, "vault-policy-text");
        waitFor("policy text", () -> policyText.getText().contains("/data/production/*"));
        robot.interact(() -> policyText.setText(policyText.getText() + "\npath \"" + mount
                + "/production/*\" {\n  capabilities = [\"update\", \"sudo\"]\n}\n"));
        robot.clickOn("#vault-lint");
        javafx.scene.control.ListView<?> lint = node(robot, "vault-lint-list");
        waitFor("lint findings", () -> lint.getItems().size() >= 2);
        Screenshots.save(main.root(), "vault-policies-lint");
        robot.clickOn("Environments");
        robot.interact(() -> ((ToggleButton) node(robot, "vault-show-passwords")).fire());
        String passwords = ((TextArea) node(robot, "vault-passwords")).getText();
        robot.interact(() -> ((ToggleButton) node(robot, "vault-show-passwords")).fire());
        String devPassword = passwords.lines().filter(l -> l.startsWith("developer ")).findFirst().orElseThrow()
                .substring("developer".length()).strip();

        // as developer: production is closed and the buttons say so
        put("production/db", Map.of("password", "prod-pass-hidden"));
        connectVault(robot, "userpass", "developer", devPassword);
        waitFor("developer identity", () -> identity.getText().contains("developer"));
        robot.clickOn("#vault-env-production");
        waitFor("denied listing", () -> message(robot).contains("permission denied"));
        assertTrue(message(robot).contains("lacks `list` on `" + mount + "/metadata/production/`"), message(robot));
        assertTrue(((Button) node(robot, "vault-new")).isVisible());
        Screenshots.save(main.root(), "vault-developer-production-denied");
        robot.clickOn("Access");
        setText(robot, "vault-why-path", mount + "/data/production/db");
        robot.clickOn("#vault-why");
        TextArea why = node(robot, "vault-why-area");
        waitFor("why", () -> why.getText().startsWith("Denied"));
        assertTrue(why.getText().contains("may not read its policies"), why.getText());

        // one click to the local store
        robot.interact(() -> ((ToggleButton) node(robot, "vault-local")).fire());
        waitFor("locked", () -> identity.getText().contains("locked"));
        connectLocal(robot, "");
        waitFor("local owner", () -> identity.getText().startsWith("local:owner"));
        robot.clickOn("Environments");
        robot.clickOn("#vault-wizard");
        Window localWizard = dialog(robot);
        robot.interact(() -> ((Button) robot.from(localWizard.getScene().getRoot()).lookup(".button").match(
                n -> n instanceof Button b && b.isDefaultButton()).query()).fire());
        waitFor("local matrix", () -> ((Label) node(robot, "vault-matrix-verdict")).getText().startsWith("Verified"));
        robot.clickOn("Secret");
        connectLocal(robot, "developer");
        waitFor("local developer", () -> identity.getText().startsWith("local:developer"));
        robot.clickOn("#vault-env-development");
        robot.clickOn("Access");
        setText(robot, "vault-why-path", "secret/data/production/db");
        robot.clickOn("#vault-why");
        waitFor("local why", () -> why.getText().contains("policy \"developer\""));
        assertTrue(why.getText().startsWith("Denied"), why.getText());
        Screenshots.save(main.root(), "vault-local-developer-why");
        robot.interact(() -> ((ToggleButton) node(robot, "vault-remote")).fire());
        waitFor("back to vault", () -> identity.getText().contains("userpass-developer"));
        assertFalse(((Label) node(robot, "vault-env-banner")).getText().isEmpty());
        assertEquals("vault", "vault");
    }
}
