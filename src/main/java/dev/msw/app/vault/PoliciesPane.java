package dev.msw.app.vault;

import dev.msw.secrets.policy.LintFinding;
import javafx.fxml.FXML;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;

/** The Policies pane: list, read, edit, save, delete and lint ACL policies of the active store. */
public final class PoliciesPane {
    @FXML private ListView<String> policyList;
    @FXML private TextField policyNameField;
    @FXML private TextArea policyArea;
    @FXML private Button savePolicyButton;
    @FXML private Button deletePolicyButton;
    @FXML private ListView<LintFinding> lintList;

    private PaneContext c;

    void bind(PaneContext context) {
        this.c = context;
        VaultPoliciesModel policies = c.policies();
        policyList.setItems(policies.names());
        policyList.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> policies.open(b));
        policyNameField.textProperty().bindBidirectional(policies.policyNameProperty());
        policyArea.textProperty().bindBidirectional(policies.policyTextProperty());
        lintList.setItems(policies.findings());
        lintList.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(LintFinding f, boolean empty) {
                super.updateItem(f, empty);
                getStyleClass().removeAll("severity-critical", "severity-warning", "severity-info");
                if (empty || f == null) {
                    setText(null);
                    setTooltip(null);
                    return;
                }
                setText(f.format());
                setWrapText(true);
                setPrefWidth(0);
                setTooltip(new Tooltip(f.format()));
                getStyleClass().add(switch (f.severity()) {
                    case ERROR -> "severity-critical";
                    case WARNING -> "severity-warning";
                    case INFO -> "severity-info";
                });
            }
        });
        lintList.setPlaceholder(new Label("Lint shows policy mistakes here"));
        var noName = policies.policyNameProperty().isEmpty();
        savePolicyButton.disableProperty().bind(noName.or(c.vm().storeProperty().isNull()));
        deletePolicyButton.disableProperty().bind(noName.or(c.vm().storeProperty().isNull()));
        c.vm().storeProperty().addListener((o, a, b) -> {
            if (b != null) {
                policies.refresh();
            } else {
                policies.names().clear();
            }
        });
    }

    @FXML
    private void reloadPolicies() {
        c.policies().refresh();
    }

    @FXML
    private void lint() {
        c.policies().lint();
    }

    @FXML
    private void savePolicy() {
        c.policies().save();
    }

    @FXML
    private void deletePolicy() {
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, "Delete policy \"" + c.policies().policyNameProperty().get()
                + "\"? Tokens holding it lose its grants.", ButtonType.OK, ButtonType.CANCEL);
        a.initOwner(c.app().window());
        if (a.showAndWait().filter(b -> b == ButtonType.OK).isPresent()) {
            c.policies().delete();
        }
    }
}
