package dev.msw.app.vault;

import dev.msw.secrets.policy.Capability;
import javafx.fxml.FXML;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;

/** The Access pane: what the identity may do on the selected path, and "why" for any API path and operation. */
public final class AccessPane {
    @FXML private Label capabilitiesLabel;
    @FXML private TextField whyPathField;
    @FXML private ChoiceBox<String> whyOpChoice;
    @FXML private TextArea whyArea;

    private PaneContext c;

    void bind(PaneContext context) {
        this.c = context;
        VaultViewModel vm = c.vm();
        capabilitiesLabel.textProperty().bind(vm.capabilitiesTextProperty());
        whyOpChoice.getItems().setAll("read", "list", "create", "update", "delete", "patch");
        whyOpChoice.setValue("read");
        vm.selectedPathProperty().addListener((o, a, b) -> {
            if (b != null && vm.storeProperty().get() != null) {
                whyPathField.setText(vm.storeProperty().get().environments().apiPath("data",
                        vm.environmentProperty().get(), b));
            }
        });
        whyArea.textProperty().bind(c.policies().whyProperty());
    }

    @FXML
    private void explain() {
        Capability op = Capability.fromApiName(whyOpChoice.getValue()).orElse(Capability.READ);
        c.policies().explain(whyPathField.getText().strip(), op);
    }
}
