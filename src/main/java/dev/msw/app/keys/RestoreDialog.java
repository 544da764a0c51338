package dev.msw.app.keys;

import dev.msw.backup.BackupManifest;
import dev.msw.backup.BackupRepository.StoredBackup;
import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;

/** Asks where to restore a backup (a new folder is suggested) and whether to restore everything or one file. */
final class RestoreDialog {
    static final String ALL = "All files";

    /** Target folder and the file to restore, or null for all. */
    record Answer(Path target, String only) {
    }

    private RestoreDialog() {
    }

    static Optional<Answer> show(Window owner, StoredBackup backup) {
        Dialog<ButtonType> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle("Restore backup");
        d.setHeaderText("Restore " + backup.id() + " into a new folder (existing files are never overwritten)");
        TextField target = new TextField(backup.dir().getParent().getParent().resolveSibling("restore-" + backup.id()).toString());
        target.setId("restore-target");
        target.setPrefColumnCount(40);
        ComboBox<String> only = new ComboBox<>();
        only.setId("restore-only");
        only.getItems().add(ALL);
        backup.manifest().files().stream().map(BackupManifest.Entry::path).forEach(only.getItems()::add);
        only.setValue(ALL);
        Button browse = new Button("Browse…");
        browse.setOnAction(e -> {
            File f = new DirectoryChooser().showDialog(d.getDialogPane().getScene().getWindow());
            if (f != null) {
                target.setText(f.toString());
            }
        });
        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(8);
        g.addRow(0, new Label("Restore into"), target, browse);
        g.addRow(1, new Label("Files"), only);
        d.getDialogPane().setContent(g);
        d.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        return d.showAndWait().filter(b -> b == ButtonType.OK && !target.getText().isBlank())
                .map(b -> new Answer(Path.of(target.getText().trim()), ALL.equals(only.getValue()) ? null : only.getValue()));
    }
}
