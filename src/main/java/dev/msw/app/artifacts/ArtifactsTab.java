package dev.msw.app.artifacts;

import dev.msw.app.shell.AppContext;
import dev.msw.app.shell.WorkbenchTab;
import java.io.IOException;
import javafx.fxml.FXMLLoader;
import javafx.scene.Node;

/** The Artifacts tab: encrypt and decrypt files and folders, inspect encryption headers, manage the keyring. */
public final class ArtifactsTab implements WorkbenchTab {
    @Override
    public String id() {
        return "artifacts";
    }

    @Override
    public String title() {
        return "Artifacts";
    }

    @Override
    public Node createContent(AppContext context) {
        FXMLLoader loader = new FXMLLoader(ArtifactsTab.class.getResource("/fxml/artifacts.fxml"));
        try {
            loader.load();
        } catch (IOException e) {
            throw new IllegalStateException("the Artifacts tab layout fxml/artifacts.fxml is missing or broken", e);
        }
        ArtifactsView view = loader.getController();
        view.bind(new ArtifactsViewModel(context.tasks(), context.keyring()), context);
        view.root().getStylesheets().add(ArtifactsTab.class.getResource("/styles/artifacts.css").toExternalForm());
        return view.root();
    }
}
