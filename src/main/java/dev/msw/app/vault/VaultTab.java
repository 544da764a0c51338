package dev.msw.app.vault;

import dev.msw.app.shell.AppContext;
import dev.msw.app.shell.WorkbenchTab;
import dev.msw.secrets.local.LocalSecretStore;
import java.io.IOException;
import javafx.fxml.FXMLLoader;
import javafx.scene.Node;

/** The Vault tab: secrets by environment on the local store or Vault/OpenBao, with access control shown and explained. */
public final class VaultTab implements WorkbenchTab {
    @Override
    public String id() {
        return "vault";
    }

    @Override
    public String title() {
        return "Vault";
    }

    @Override
    public Node createContent(AppContext context) {
        FXMLLoader loader = new FXMLLoader(VaultTab.class.getResource("/fxml/vault.fxml"));
        try {
            loader.load();
        } catch (IOException e) {
            throw new IllegalStateException("the Vault tab layout fxml/vault.fxml is missing or broken", e);
        }
        VaultView view = loader.getController();
        VaultViewModel vm = new VaultViewModel(context.tasks(), context.keyring(), LocalSecretStore.defaultPath());
        view.bind(vm, new VaultPoliciesModel(vm), context);
        view.root().getStylesheets().add(VaultTab.class.getResource("/styles/vault.css").toExternalForm());
        return view.root();
    }
}
