package dev.msw.app.keys;

import dev.msw.app.shell.AppContext;
import dev.msw.app.shell.WorkbenchTab;
import dev.msw.audit.AuditLog;
import dev.msw.backup.BackupJobStore;
import dev.msw.keys.ArtifactFolders;
import java.io.IOException;
import javafx.application.Platform;
import javafx.fxml.FXMLLoader;
import javafx.scene.Node;

/** The Keys & Backups tab: key rotation and rewrap, the artifact inventory, scheduled verified backups, the audit log. */
public final class KeysTab implements WorkbenchTab {
    /** How often the scheduler looks for due backup jobs while the app runs. */
    static final long SCHEDULER_PERIOD_SECONDS = 60;

    @Override
    public String id() {
        return "keys";
    }

    @Override
    public String title() {
        return "Keys & Backups";
    }

    @Override
    public Node createContent(AppContext context) {
        FXMLLoader loader = new FXMLLoader(KeysTab.class.getResource("/fxml/keys.fxml"));
        try {
            loader.load();
        } catch (IOException e) {
            throw new IllegalStateException("the Keys & Backups tab layout fxml/keys.fxml is missing or broken", e);
        }
        KeysView view = loader.getController();
        BackupsViewModel backups = new BackupsViewModel(context.tasks(), BackupJobStore.standard(), Platform::runLater);
        view.bind(new KeysViewModel(context.tasks(), context.keyring(), ArtifactFolders.standard()), backups,
                new AuditViewModel(AuditLog.standard()), context);
        backups.startScheduler(SCHEDULER_PERIOD_SECONDS);
        view.root().getStylesheets().add(KeysTab.class.getResource("/styles/keys.css").toExternalForm());
        return view.root();
    }
}
