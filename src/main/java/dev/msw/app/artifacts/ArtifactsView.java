package dev.msw.app.artifacts;

import atlantafx.base.theme.Styles;
import dev.msw.app.artifacts.ArtifactsViewModel.KeyringState;
import dev.msw.app.shell.AppContext;
import dev.msw.app.widgets.ProgressPanel;
import dev.msw.core.Sizes;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.SetChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Thin controller of {@code fxml/artifacts.fxml}: binds controls to {@link ArtifactsViewModel} and delegates. */
public final class ArtifactsView {
    static final String DROP_HOVER = "drop-hover";
    /** The view model is kept in the root's properties under this key (for tests driving the real window). */
    public static final String MODEL_KEY = "artifacts.viewModel";
    public static final String ROOT_ID = "artifacts-root";

    @FXML private VBox root;
    @FXML private HBox keyringBar;
    @FXML private Label keyringStatus;
    @FXML private PasswordField keyringPassphrase;
    @FXML private PasswordField keyringRepeat;
    @FXML private Button keyringButton;
    @FXML private TextField newKeyName;
    @FXML private Button createKeyButton;
    @FXML private VBox filesPane;
    @FXML private ListView<Path> fileList;
    @FXML private Button addFilesButton;
    @FXML private Button addFolderButton;
    @FXML private Button removeButton;
    @FXML private Button clearButton;
    @FXML private Label headerNote;
    @FXML private GridPane headerGrid;
    @FXML private Label formatValue;
    @FXML private Label chunkValue;
    @FXML private Label plainValue;
    @FXML private Label encryptedValue;
    @FXML private Label fileIdValue;
    @FXML private TableView<HeaderSummary.StanzaRow> stanzaTable;
    @FXML private TableColumn<HeaderSummary.StanzaRow, Number> numberColumn;
    @FXML private TableColumn<HeaderSummary.StanzaRow, String> typeColumn;
    @FXML private TableColumn<HeaderSummary.StanzaRow, String> keyColumn;
    @FXML private TableColumn<HeaderSummary.StanzaRow, String> versionColumn;
    @FXML private TableColumn<HeaderSummary.StanzaRow, String> detailsColumn;
    @FXML private FlowPane keyChoices;
    @FXML private PasswordField passphrase;
    @FXML private PasswordField passphraseRepeat;
    @FXML private TextField outputFolder;
    @FXML private Button chooseOutputButton;
    @FXML private Button besideInputButton;
    @FXML private CheckBox overwriteCheck;
    @FXML private Button encryptButton;
    @FXML private Button decryptButton;
    @FXML private Label resultLabel;
    @FXML private ProgressPanel progress;

    private ArtifactsViewModel model;
    private AppContext context;

    public VBox root() {
        return root;
    }

    void bind(ArtifactsViewModel vm, AppContext ctx) {
        this.model = vm;
        this.context = ctx;
        root.setId(ROOT_ID);
        root.getProperties().put(MODEL_KEY, vm);
        bindKeyring();
        bindFiles();
        bindHeader();
        bindRecipients();
        outputFolder.textProperty().bind(vm.outputFolderProperty().asString().map(s -> "null".equals(s) ? "" : s));
        overwriteCheck.selectedProperty().bindBidirectional(vm.overwriteProperty());
        encryptButton.getStyleClass().add(Styles.ACCENT);
        encryptButton.setGraphic(new FontIcon(Feather.LOCK));
        decryptButton.setGraphic(new FontIcon(Feather.UNLOCK));
        encryptButton.disableProperty().bind(vm.canEncryptProperty().not());
        decryptButton.disableProperty().bind(vm.canDecryptProperty().not());
        resultLabel.textProperty().bind(vm.resultProperty());
        vm.resultOkProperty().addListener((o, was, ok) -> updateResultStyle());
        vm.resultProperty().addListener((o, was, now) -> {
            updateResultStyle();
            if (!now.isBlank()) {
                ctx.status(now);
            }
        });
    }

    private void updateResultStyle() {
        resultLabel.getStyleClass().removeAll("status-passed", "status-failed");
        resultLabel.getStyleClass().add(model.resultOkProperty().get() ? "status-passed" : "status-failed");
    }

    private void bindKeyring() {
        model.keyringStateProperty().addListener((o, was, now) -> {
            showKeyringState(now);
            rebuildKeyChoices();
        });
        showKeyringState(model.keyringStateProperty().get());
        newKeyName.setOnAction(e -> createKey());
        keyringPassphrase.setOnAction(e -> keyringAction());
        keyringRepeat.setOnAction(e -> keyringAction());
    }

    private void showKeyringState(KeyringState state) {
        boolean unlocked = state == KeyringState.UNLOCKED;
        boolean missing = state == KeyringState.MISSING;
        keyringStatus.setGraphic(new FontIcon(unlocked ? Feather.UNLOCK : Feather.LOCK));
        keyringStatus.setText(switch (state) {
            case MISSING -> "No keyring yet: choose a passphrase to create one";
            case LOCKED -> "Keyring locked";
            case UNLOCKED -> "Keyring unlocked: " + model.keyringPath();
        });
        show(keyringPassphrase, !unlocked);
        show(keyringRepeat, missing);
        show(keyringButton, !unlocked);
        keyringButton.setText(missing ? "Create keyring" : "Unlock");
        show(newKeyName, unlocked);
        show(createKeyButton, unlocked);
        keyringPassphrase.clear();
        keyringRepeat.clear();
    }

    private static void show(javafx.scene.Node n, boolean visible) {
        n.setVisible(visible);
        n.setManaged(visible);
    }

    private void bindFiles() {
        fileList.setItems(model.files());
        fileList.setPlaceholder(new Label("Drop model files or folders here, or use Add files… / Add folder…"));
        fileList.setCellFactory(lv -> new ListCell<>() {
            @Override
            protected void updateItem(Path p, boolean empty) {
                super.updateItem(p, empty);
                setText(empty || p == null ? null : p.toString());
                setGraphic(empty || p == null ? null
                        : new FontIcon(java.nio.file.Files.isDirectory(p) ? Feather.FOLDER : Feather.FILE));
            }
        });
        fileList.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null) {
                model.selectedFileProperty().set(now);
            }
        });
        model.selectedFileProperty().addListener((o, was, now) -> fileList.getSelectionModel().select(now));
        removeButton.disableProperty().bind(model.selectedFileProperty().isNull());
        clearButton.disableProperty().bind(javafx.beans.binding.Bindings.isEmpty(model.files()));
        root.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
                if (!filesPane.getStyleClass().contains(DROP_HOVER)) {
                    filesPane.getStyleClass().add(DROP_HOVER);
                }
            }
            e.consume();
        });
        root.setOnDragExited(e -> filesPane.getStyleClass().remove(DROP_HOVER));
        root.setOnDragDropped(e -> {
            boolean ok = e.getDragboard().hasFiles();
            if (ok) {
                model.addFiles(e.getDragboard().getFiles().stream().map(File::toPath).toList());
            }
            filesPane.getStyleClass().remove(DROP_HOVER);
            e.setDropCompleted(ok);
            e.consume();
        });
    }

    private void bindHeader() {
        numberColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().number()));
        typeColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().type()));
        keyColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().key()));
        versionColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().version()));
        detailsColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().details()));
        stanzaTable.setPlaceholder(new Label("No key stanzas to show"));
        headerNote.textProperty().bind(model.headerNoteProperty());
        model.headerProperty().addListener((o, was, h) -> showHeader(h));
        showHeader(model.headerProperty().get());
    }

    private void showHeader(HeaderSummary h) {
        boolean has = h != null;
        show(headerGrid, has);
        show(stanzaTable, has);
        show(headerNote, !has);
        if (!has) {
            stanzaTable.getItems().clear();
            return;
        }
        formatValue.setText("msw container v" + h.formatVersion() + " · AES-256-GCM STREAM");
        chunkValue.setText(Sizes.human(h.chunkSize()));
        plainValue.setText(h.plaintextBytes() < 0 ? "unknown" : Sizes.human(h.plaintextBytes()) + " (" + h.plaintextBytes() + " bytes)");
        encryptedValue.setText(Sizes.human(h.encryptedBytes()) + " (" + h.encryptedBytes() + " bytes)");
        fileIdValue.setText(h.fileId());
        fileIdValue.getStyleClass().add("header-grid-value");
        stanzaTable.getItems().setAll(h.stanzas());
    }

    private void bindRecipients() {
        model.keyNames().addListener((javafx.collections.ListChangeListener<String>) c -> rebuildKeyChoices());
        model.chosenKeys().addListener((SetChangeListener<String>) c -> rebuildKeyChoices());
        rebuildKeyChoices();
        passphrase.textProperty().bindBidirectional(model.passphraseProperty());
        passphraseRepeat.textProperty().bindBidirectional(model.passphraseRepeatProperty());
    }

    private void rebuildKeyChoices() {
        keyChoices.getChildren().clear();
        if (model.keyNames().isEmpty()) {
            Label l = new Label(model.keyringStateProperty().get() == KeyringState.UNLOCKED
                    ? "The keyring has no keys yet: create one above, or use a passphrase."
                    : "Unlock the keyring to use its keys, or use a passphrase.");
            l.getStyleClass().add("text-muted");
            keyChoices.getChildren().add(l);
            return;
        }
        for (String name : model.keyNames()) {
            CheckBox cb = new CheckBox("key '" + name + "'");
            cb.setId("key-choice-" + name);
            cb.setSelected(model.chosenKeys().contains(name));
            cb.selectedProperty().addListener((o, was, now) -> {
                if (now) {
                    model.chosenKeys().add(name);
                } else {
                    model.chosenKeys().remove(name);
                }
            });
            keyChoices.getChildren().add(cb);
        }
    }

    // ---- actions ----

    @FXML
    void keyringAction() {
        if (model.keyringStateProperty().get() == KeyringState.MISSING) {
            model.createKeyring(keyringPassphrase.getText(), keyringRepeat.getText());
        } else {
            model.unlock(keyringPassphrase.getText());
        }
    }

    @FXML
    void createKey() {
        model.createKey(newKeyName.getText());
        if (model.resultOkProperty().get()) {
            newKeyName.clear();
        }
    }

    @FXML
    void addFiles() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Add files to encrypt or decrypt");
        List<File> picked = fc.showOpenMultipleDialog(context.window());
        if (picked != null) {
            model.addFiles(picked.stream().map(File::toPath).toList());
        }
    }

    @FXML
    void addFolder() {
        DirectoryChooser dc = new DirectoryChooser();
        dc.setTitle("Add a folder (every file in it is processed)");
        File picked = dc.showDialog(context.window());
        if (picked != null) {
            model.addFiles(List.of(picked.toPath()));
        }
    }

    @FXML
    void removeSelected() {
        model.removeSelected();
    }

    @FXML
    void clearFiles() {
        model.clearFiles();
    }

    @FXML
    void chooseOutput() {
        DirectoryChooser dc = new DirectoryChooser();
        dc.setTitle("Output folder");
        File picked = dc.showDialog(context.window());
        if (picked != null) {
            model.outputFolderProperty().set(picked.toPath());
        }
    }

    @FXML
    void besideInput() {
        model.outputFolderProperty().set(null);
    }

    @FXML
    void encrypt() {
        model.encrypt(t -> progress.track(t, true));
    }

    @FXML
    void decrypt() {
        model.decrypt(t -> progress.track(t, true));
    }
}
