package dev.msw.app.vault;

import java.util.Optional;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TextInputDialog;
import javafx.stage.Window;

/**
 * Confirmation dialogs that name the environment and path; in production the user must type the path, so a
 * production deletion never happens by a reflex click.
 */
final class Confirmations {
    private Confirmations() {
    }

    static boolean confirm(Window owner, VaultViewModel vm, String action) {
        String text = vm.confirmationText(action);
        if (vm.isProduction()) {
            TextInputDialog d = new TextInputDialog();
            d.initOwner(owner);
            d.setTitle(action + " in PRODUCTION");
            d.setHeaderText(text);
            d.setContentText("Type " + vm.confirmationTarget() + " to confirm:");
            d.getDialogPane().getStyleClass().add("env-production");
            d.getDialogPane().setId("vault-confirm-production");
            Optional<String> typed = d.showAndWait();
            return typed.isPresent() && typed.get().strip().equals(vm.confirmationTarget());
        }
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, text, ButtonType.OK, ButtonType.CANCEL);
        a.initOwner(owner);
        a.setTitle(action);
        a.setHeaderText(action + " in " + vm.environmentProperty().get());
        a.getDialogPane().setId("vault-confirm");
        return a.showAndWait().filter(b -> b == ButtonType.OK).isPresent();
    }
}
