package dev.msw.app.vault;

import dev.msw.secrets.SecretOperation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.util.Duration;

/** The Secret pane: masked values with reveal, JSON view, copy (clipboard cleared after 30 s), edit, save, delete. */
public final class SecretPane {
    @FXML private Label pathLabel;
    @FXML private ToggleButton revealToggle;
    @FXML private ToggleButton jsonToggle;
    @FXML private Button copyButton;
    @FXML private Label clipboardLabel;
    @FXML private TableView<SecretRow> rowsTable;
    @FXML private TextArea jsonArea;
    @FXML private TextArea editArea;
    @FXML private Button editButton;
    @FXML private Button saveButton;
    @FXML private Button deleteButton;
    @FXML private Button deleteAllButton;

    private PaneContext c;

    void bind(PaneContext context) {
        this.c = context;
        VaultViewModel vm = c.vm();
        pathLabel.textProperty().bind(Bindings.createStringBinding(() -> {
            String p = vm.selectedPathProperty().get();
            if (p == null) {
                return "Select a secret in the tree";
            }
            var s = vm.secretProperty().get();
            return vm.environmentProperty().get() + "/" + p + (s == null ? "  (new)" : "  ·  version "
                    + s.info().version() + "  ·  " + s.info().state());
        }, vm.selectedPathProperty(), vm.secretProperty(), vm.environmentProperty()));
        TableColumn<SecretRow, String> key = new TableColumn<>("Key");
        key.setCellValueFactory(r -> new ReadOnlyStringWrapper(r.getValue().key()));
        TableColumn<SecretRow, String> value = new TableColumn<>("Value");
        value.setCellValueFactory(r -> Bindings.createStringBinding(() -> r.getValue().shown(vm.revealedProperty().get()),
                vm.revealedProperty()));
        rowsTable.getColumns().setAll(List.of(key, value));
        rowsTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        rowsTable.setItems(vm.rows());
        rowsTable.setPlaceholder(new Label("No values to show"));
        revealToggle.selectedProperty().bindBidirectional(vm.revealedProperty());
        jsonArea.visibleProperty().bind(jsonToggle.selectedProperty());
        rowsTable.visibleProperty().bind(jsonToggle.selectedProperty().not());
        Runnable updateJson = () -> jsonArea.setText(vm.json());
        vm.revealedProperty().addListener((o, a, b) -> updateJson.run());
        vm.rows().addListener((javafx.collections.ListChangeListener<SecretRow>) ch -> updateJson.run());
        var noRows = Bindings.isEmpty(vm.rows());
        revealToggle.disableProperty().bind(noRows);
        copyButton.disableProperty().bind(rowsTable.getSelectionModel().selectedItemProperty().isNull());
        editButton.disableProperty().bind(noRows);
        saveButton.disableProperty().bind(vm.selectedPathProperty().isNull().or(vm.allowedProperty(SecretOperation.UPDATE)
                .not().and(vm.allowedProperty(SecretOperation.CREATE).not())));
        var noSecret = vm.secretProperty().isNull();
        deleteButton.disableProperty().bind(noSecret.or(vm.allowedProperty(SecretOperation.SOFT_DELETE).not()));
        deleteAllButton.disableProperty().bind(noSecret.or(vm.allowedProperty(SecretOperation.DELETE_ALL).not()));
        deleteAllButton.getStyleClass().add("danger");
    }

    /** Clears the editor and focuses it for a new secret. */
    void startNew() {
        editArea.clear();
        editArea.setPromptText("api_key=…");
        editArea.requestFocus();
    }

    @FXML
    private void copyValue() {
        SecretRow row = rowsTable.getSelectionModel().getSelectedItem();
        if (row == null) {
            return;
        }
        ClipboardContent content = new ClipboardContent();
        content.putString(row.value());
        Clipboard.getSystemClipboard().setContent(content);
        clipboardLabel.setText("Copied " + row.key() + "; the clipboard is cleared in "
                + VaultViewModel.CLIPBOARD_CLEAR_SECONDS + " s");
        PauseTransition clear = new PauseTransition(Duration.seconds(VaultViewModel.CLIPBOARD_CLEAR_SECONDS));
        clear.setOnFinished(e -> {
            Clipboard cb = Clipboard.getSystemClipboard();
            if (cb.hasString() && cb.getString().equals(row.value())) {
                cb.clear();
            }
            clipboardLabel.setText("Clipboard cleared");
        });
        clear.play();
    }

    @FXML
    private void edit() {
        StringBuilder sb = new StringBuilder();
        c.vm().rows().forEach(r -> sb.append(r.key()).append('=').append(r.value()).append('\n'));
        editArea.setText(sb.toString());
    }

    @FXML
    private void save() {
        Map<String, String> data = new LinkedHashMap<>();
        for (String line : editArea.getText().split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                c.app().status("Each line must be key=value; this one is not: " + line.replaceAll("=.*", "=…"));
                return;
            }
            data.put(line.substring(0, eq).strip(), line.substring(eq + 1));
        }
        if (data.isEmpty()) {
            c.app().status("Nothing to save: write key=value lines in the editor.");
            return;
        }
        if (c.vm().isProduction() && !Confirmations.confirm(c.app().window(), c.vm(), "Save a new version of")) {
            return;
        }
        c.vm().save(data);
        editArea.clear();
    }

    @FXML
    private void softDelete() {
        if (Confirmations.confirm(c.app().window(), c.vm(), "Delete the latest version of")) {
            c.vm().softDelete(List.of());
        }
    }

    @FXML
    private void deleteAll() {
        if (Confirmations.confirm(c.app().window(), c.vm(), "Delete ALL versions and metadata of")) {
            c.vm().deleteAll();
        }
    }
}
