package dev.msw.app.artifacts;

import dev.msw.app.shell.AppContext;
import dev.msw.app.widgets.ProgressPanel;
import dev.msw.crypto.legacy.ValueTree;
import dev.msw.inspect.Finding;
import java.io.File;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Modality;
import javafx.stage.Stage;

/**
 * "Legacy import…": pick a file in the reference snippet's format and its key, see the safe reader's findings
 * and the plain data first, then import it into the authenticated format (or safetensors).
 */
public final class LegacyImportDialog {
    private final AppContext context;
    private final LegacyImportViewModel model;
    private final Stage stage = new Stage();
    private final ProgressPanel progress = new ProgressPanel();

    public LegacyImportDialog(AppContext context) {
        this.context = context;
        this.model = new LegacyImportViewModel(context.keyring());
        build();
    }

    public LegacyImportViewModel model() {
        return model;
    }

    public Stage stage() {
        return stage;
    }

    public void show() {
        stage.show();
    }

    private void build() {
        TextField source = new TextField();
        source.setId("legacy-source");
        source.setEditable(false);
        source.setPromptText("legacy file (iv ‖ AES-256-CBC(pickle))");
        model.sourceProperty().addListener((o, was, now) -> source.setText(now == null ? "" : now.toString()));
        Button browse = new Button("Browse…");
        browse.setOnAction(e -> {
            File f = new FileChooser().showOpenDialog(stage);
            if (f != null) {
                model.sourceProperty().set(f.toPath());
            }
        });
        PasswordField hex = new PasswordField();
        hex.setId("legacy-key-hex");
        hex.setPromptText("64 hex digits");
        hex.textProperty().bindBidirectional(model.keyHexProperty());
        Button read = new Button("Read and check");
        read.setId("legacy-read");
        read.getStyleClass().add(atlantafx.base.theme.Styles.ACCENT);
        read.disableProperty().bind(model.readDisabled());
        read.setOnAction(e -> progress.track(model.read(context.tasks()), false));

        Label message = new Label();
        message.setId("legacy-message");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        message.getStyleClass().add("severity-warning");

        TableView<Finding> findings = new TableView<>(model.findings());
        findings.setId("legacy-findings");
        findings.setPlaceholder(new Label("No findings."));
        findings.setPrefHeight(150);
        TableColumn<Finding, String> sev = new TableColumn<>("Severity");
        sev.setPrefWidth(95);
        sev.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().severity().label()));
        TableColumn<Finding, String> subject = new TableColumn<>("Callable / structure");
        subject.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().subject()));
        subject.setPrefWidth(200);
        TableColumn<Finding, String> why = new TableColumn<>("Why");
        why.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().why()));
        why.setPrefWidth(480);
        findings.getColumns().setAll(java.util.List.of(sev, subject, why));
        findings.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);

        TreeView<String> tree = new TreeView<>();
        tree.setId("legacy-tree");
        tree.setPrefHeight(180);
        model.treeProperty().addListener((o, was, now) -> tree.setRoot(now == null ? null : item(now)));

        TextField dest = new TextField();
        dest.setId("legacy-destination");
        dest.setPromptText("output file");
        dest.textProperty().addListener((o, was, now) -> model.destinationProperty().set(now.isBlank() ? null : java.nio.file.Path.of(now)));
        Button save = new Button("Choose…");
        save.setOnAction(e -> {
            File f = new FileChooser().showSaveDialog(stage);
            if (f != null) {
                dest.setText(f.getPath());
            }
        });
        TextField keyName = new TextField();
        keyName.setId("legacy-key-name");
        keyName.setPromptText("keyring key name (empty: plain safetensors)");
        keyName.textProperty().bindBidirectional(model.keyNameProperty());
        PasswordField ringPass = new PasswordField();
        ringPass.setId("legacy-keyring-passphrase");
        ringPass.setPromptText("keyring passphrase (unlocks it for every tab)");
        ringPass.textProperty().bindBidirectional(model.keyringPassphraseProperty());
        // the session keyring, once unlocked anywhere, needs no passphrase here
        ringPass.visibleProperty().bind(context.keyring().unlockedProperty().not());
        CheckBox st = new CheckBox("Convert to safetensors (dict of numeric lists only)");
        st.setId("legacy-safetensors");
        st.selectedProperty().bindBidirectional(model.toSafetensorsProperty());
        Button doImport = new Button("Import");
        doImport.setId("legacy-import");
        doImport.disableProperty().bind(model.importDisabled());
        doImport.setOnAction(e -> progress.track(model.importNow(context.tasks()), false));

        GridPane top = new GridPane();
        top.setHgap(8);
        top.setVgap(8);
        top.addRow(0, new Label("Legacy file"), source, browse);
        top.addRow(1, new Label("AES key (hex)"), hex, read);
        GridPane.setHgrow(source, Priority.ALWAYS);
        GridPane bottom = new GridPane();
        bottom.setHgap(8);
        bottom.setVgap(8);
        bottom.addRow(0, new Label("Import to"), dest, save);
        bottom.addRow(1, new Label("Encrypt for key"), keyName, ringPass);
        bottom.add(st, 1, 2);
        bottom.add(doImport, 2, 2);
        GridPane.setHgrow(dest, Priority.ALWAYS);

        Label findingsTitle = new Label("1. Findings (checked before anything is imported)");
        findingsTitle.getStyleClass().add("section-title");
        Label dataTitle = new Label("Plain data");
        dataTitle.getStyleClass().add("section-title");
        Label importTitle = new Label("2. Import");
        importTitle.getStyleClass().add("section-title");
        VBox root = new VBox(10, top, message, findingsTitle, findings, dataTitle, tree, importTitle, bottom, progress);
        root.setPadding(new Insets(14));
        root.setId("legacy-dialog");
        root.getProperties().put(LegacyImportDialog.class, this);
        Scene scene = new Scene(root, 900, 720);
        if (context.window() != null && context.window().getScene() != null) {
            scene.getStylesheets().setAll(context.window().getScene().getStylesheets());
            stage.initOwner(context.window());
        }
        stage.initModality(Modality.NONE);
        stage.setTitle("Legacy import");
        stage.setScene(scene);
    }

    private static TreeItem<String> item(ValueTree t) {
        TreeItem<String> it = new TreeItem<>(t.label());
        for (ValueTree c : t.children()) {
            it.getChildren().add(item(c));
        }
        it.setExpanded(true);
        return it;
    }
}
