package dev.msw.app.keys;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** Asks for a new backup job's name, sources, destination, schedule, retention and optional signing key. */
final class NewJobDialog {
    /** What the person entered. */
    record Answer(String name, List<Path> sources, Path destination, String schedule, int keepLast, int keepDaily, int keepWeekly,
                  Path signingKey) {
    }

    private NewJobDialog() {
    }

    static Optional<Answer> show(Window owner, Path suggestedSource) {
        Dialog<ButtonType> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle("New backup job");
        d.setHeaderText("Back up artifact folders, the keyring and the secret store on a schedule");
        TextField name = new TextField("nightly");
        name.setId("job-name");
        TextArea sources = new TextArea(suggestedSource == null ? "" : suggestedSource.toString());
        sources.setId("job-sources");
        sources.setPrefRowCount(3);
        sources.setPromptText("One folder or file per line");
        TextField dest = new TextField();
        dest.setId("job-dest");
        dest.setPromptText("Destination folder, ideally on another disk");
        ComboBox<String> schedule = new ComboBox<>();
        schedule.setId("job-schedule");
        schedule.setEditable(true);
        schedule.getItems().addAll("daily 02:00", "weekly sun 03:00", "every 6h", "hourly", "manual");
        schedule.setValue("daily 02:00");
        Spinner<Integer> keepLast = new Spinner<>(0, 1000, 7);
        Spinner<Integer> keepDaily = new Spinner<>(0, 1000, 0);
        Spinner<Integer> keepWeekly = new Spinner<>(0, 1000, 4);
        keepLast.setId("job-keep-last");
        TextField signKey = new TextField();
        signKey.setId("job-sign-key");
        signKey.setPromptText("Optional: PEM private key that signs each manifest");

        Button addSource = new Button("Add folder…");
        addSource.setOnAction(e -> {
            File f = new DirectoryChooser().showDialog(d.getDialogPane().getScene().getWindow());
            if (f != null) {
                sources.appendText((sources.getText().isBlank() ? "" : "\n") + f);
            }
        });
        Button browseDest = new Button("Browse…");
        browseDest.setOnAction(e -> {
            File f = new DirectoryChooser().showDialog(d.getDialogPane().getScene().getWindow());
            if (f != null) {
                dest.setText(f.toString());
            }
        });
        Button browseKey = new Button("Browse…");
        browseKey.setOnAction(e -> {
            File f = new FileChooser().showOpenDialog(d.getDialogPane().getScene().getWindow());
            if (f != null) {
                signKey.setText(f.toString());
            }
        });

        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(8);
        g.addRow(0, new Label("Name"), name);
        g.addRow(1, new Label("Sources"), sources, addSource);
        g.addRow(2, new Label("Destination"), dest, browseDest);
        g.addRow(3, new Label("Schedule"), schedule);
        g.addRow(4, new Label("Keep"), new HBox(6, new Label("last"), keepLast, new Label("daily"), keepDaily,
                new Label("weekly"), keepWeekly));
        g.addRow(5, new Label("Signing key"), signKey, browseKey);
        d.getDialogPane().setContent(g);
        d.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        d.getDialogPane().setPrefWidth(760);
        return d.showAndWait().filter(b -> b == ButtonType.OK).map(b -> new Answer(name.getText().trim(),
                Arrays.stream(sources.getText().split("\\R")).map(String::trim).filter(s -> !s.isEmpty()).map(Path::of).toList(),
                dest.getText().isBlank() ? null : Path.of(dest.getText().trim()), schedule.getEditor().getText(),
                keepLast.getValue(), keepDaily.getValue(), keepWeekly.getValue(),
                signKey.getText().isBlank() ? null : Path.of(signKey.getText().trim())));
    }
}
