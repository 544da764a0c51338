package dev.msw.app.vault;

import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.GridPane;

/** The Environments pane: the segregation wizard and its role × environment × operation matrix, verified live. */
public final class EnvironmentsPane {
    @FXML private TextField userpassMountField;
    @FXML private Button wizardButton;
    @FXML private GridPane matrixGrid;
    @FXML private Label matrixVerdict;
    @FXML private ToggleButton showPasswordsToggle;
    @FXML private TextArea passwordsArea;

    private PaneContext c;

    void bind(PaneContext context) {
        this.c = context;
        VaultPoliciesModel policies = c.policies();
        policies.matrixProperty().addListener((o, a, m) -> {
            MatrixGrid.fill(matrixGrid, m);
            matrixVerdict.setText(m == null ? "" : m.allAgree() ? "Verified: every cell matches the plan."
                    : "MISMATCH: cells marked (!) differ from the plan.");
            matrixVerdict.getStyleClass().setAll("label", m != null && m.allAgree() ? "status-passed" : "status-failed");
        });
        // one-time passwords stay hidden (and out of screenshots) until asked for
        passwordsArea.textProperty().bind(Bindings.when(showPasswordsToggle.selectedProperty())
                .then(policies.passwordsProperty()).otherwise(Bindings.createStringBinding(() ->
                        policies.passwordsProperty().get().isEmpty() ? "" : "One-time passwords are hidden; press "
                                + "\"Show one-time passwords\" and hand them out now (they are not stored).",
                        policies.passwordsProperty())));
        showPasswordsToggle.disableProperty().bind(policies.passwordsProperty().isEmpty());
        wizardButton.disableProperty().bind(c.vm().storeProperty().isNull());
    }

    @FXML
    private void runWizard() {
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, "Create or replace the policies developer, ci and "
                + "prod-operator and one user per role in " + c.vm().storeProperty().get().describe() + "?",
                ButtonType.OK, ButtonType.CANCEL);
        a.initOwner(c.app().window());
        a.getDialogPane().setId("vault-confirm-wizard");
        if (a.showAndWait().filter(b -> b == ButtonType.OK).isPresent()) {
            c.policies().runWizard(userpassMountField.getText().isBlank() ? "userpass"
                    : userpassMountField.getText().strip());
        }
    }
}
