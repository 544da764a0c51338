package dev.msw.app.keys;

import atlantafx.base.theme.Styles;
import dev.msw.app.shell.AppContext;
import dev.msw.app.widgets.ProgressPanel;
import dev.msw.keys.KeyInfo;
import dev.msw.keys.transit.VaultEndpoint;
import dev.msw.keys.transit.VaultTransitBackend;
import dev.msw.keys.transit.VaultTransitClient;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Controller of fxml/keys.fxml: binds the three view models and turns clicks into their commands. */
public final class KeysView {
    static final String LOCAL = "Local keyring";
    static final String VAULT = "Vault Transit";

    @FXML private VBox root;
    @FXML private Label notification;
    @FXML private Label message;
    @FXML private ProgressPanel progress;
    @FXML private javafx.scene.control.TabPane sections;
    @FXML private javafx.scene.control.Tab backupsSection;
    @FXML private javafx.scene.control.Tab auditSection;
    // keys
    @FXML private ComboBox<String> backendChoice;
    @FXML private PasswordField passphrase;
    @FXML private TextField transitMount;
    @FXML private TextField vaultAddress;
    @FXML private PasswordField vaultToken;
    @FXML private Button openButton;
    @FXML private Label backendLabel;
    @FXML private TableView<KeyInfo> keysTable;
    @FXML private TableColumn<KeyInfo, String> keyNameColumn;
    @FXML private TableColumn<KeyInfo, String> keyBackendColumn;
    @FXML private TableColumn<KeyInfo, String> keyCurrentColumn;
    @FXML private TableColumn<KeyInfo, String> keyVersionsColumn;
    @FXML private TableColumn<KeyInfo, String> keyMinColumn;
    @FXML private TextField newKeyName;
    @FXML private Button createKeyButton;
    @FXML private Label versionsTitle;
    @FXML private TableView<KeyInfo.Version> versionsTable;
    @FXML private TableColumn<KeyInfo.Version, String> versionColumn;
    @FXML private TableColumn<KeyInfo.Version, String> createdColumn;
    @FXML private TableColumn<KeyInfo.Version, String> versionStatusColumn;
    @FXML private Button rotateButton;
    @FXML private Button rewrapButton;
    @FXML private Spinner<Integer> minVersion;
    @FXML private Button setMinButton;
    // inventory
    @FXML private ListView<Path> folderList;
    @FXML private Button addFolderButton;
    @FXML private Button removeFolderButton;
    @FXML private Label inventorySummary;
    @FXML private TableView<KeysViewModel.InventoryRow> inventoryTable;
    @FXML private TableColumn<KeysViewModel.InventoryRow, String> fileColumn;
    @FXML private TableColumn<KeysViewModel.InventoryRow, String> sizeColumn;
    @FXML private TableColumn<KeysViewModel.InventoryRow, String> invKeyColumn;
    @FXML private TableColumn<KeysViewModel.InventoryRow, String> invVersionColumn;
    @FXML private TableColumn<KeysViewModel.InventoryRow, String> invStatusColumn;
    @FXML private BackupsView backupsController;
    @FXML private AuditView auditController;
    private KeysViewModel keys;
    private BackupsViewModel backups;
    private AuditViewModel audit;
    private AppContext context;

    public VBox root() {
        return root;
    }

    void bind(KeysViewModel k, BackupsViewModel b, AuditViewModel a, AppContext ctx) {
        this.keys = k;
        this.backups = b;
        this.audit = a;
        this.context = ctx;
        bindFeedback(k.feedback());
        bindFeedback(b.feedback());
        notification.textProperty().bind(b.notificationProperty());
        notification.visibleProperty().bind(b.notificationProperty().isNotEmpty());
        notification.managedProperty().bind(notification.visibleProperty());
        notification.textProperty().addListener((o, was, now) -> {
            if (now != null && !now.isEmpty()) {
                context.status(now);
            }
        });
        for (TableView<?> t : List.of(keysTable, versionsTable, inventoryTable)) {
            t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        }
        bindKeys();
        bindInventory();
        backupsController.bind(b, ctx, () -> keys.folders().isEmpty() ? null : keys.folders().get(0));
        auditController.bind(a);
        b.reloadJobs();
        a.refresh();
        // jobs run by the scheduler and entries written by other tabs or the CLI show up when a section opens
        sections.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now == auditSection) {
                audit.refresh();
            } else if (now == backupsSection) {
                backups.reloadJobs();
            }
        });
    }

    private void bindFeedback(TaskFeedback f) {
        f.messageProperty().addListener((o, was, now) -> {
            message.setText(now);
            message.getStyleClass().removeAll("error", "ok");
            message.getStyleClass().add(f.errorProperty().get() ? "error" : "ok");
            if (f.errorProperty().get()) {
                context.status(now);
            }
        });
        f.currentProperty().addListener((o, was, now) -> {
            if (now != null) {
                progress.track(now.task(), now.bytes());
            }
        });
    }

    // ---- keys ----

    private void bindKeys() {
        backendChoice.getItems().setAll(LOCAL, VAULT);
        backendChoice.setValue(LOCAL);
        ObservableValue<Boolean> vault = backendChoice.valueProperty().isEqualTo(VAULT);
        passphrase.visibleProperty().bind(backendChoice.valueProperty().isEqualTo(LOCAL));
        passphrase.managedProperty().bind(passphrase.visibleProperty());
        for (javafx.scene.Node n : List.of(transitMount, vaultAddress, vaultToken)) {
            n.visibleProperty().bind(backendChoice.valueProperty().isEqualTo(VAULT));
            n.managedProperty().bind(n.visibleProperty());
        }
        vaultAddress.setText(VaultEndpoint.addressFromEnvironment());
        vaultToken.setOnAction(e -> openBackend());
        openButton.textProperty().bind(Bindings.when(backendChoice.valueProperty().isEqualTo(VAULT)).then("Connect").otherwise("Unlock"));
        openButton.setGraphic(new FontIcon(Feather.UNLOCK));
        openButton.getStyleClass().add(Styles.ACCENT);
        passphrase.setOnAction(e -> openBackend());
        backendLabel.textProperty().bind(keys.backendDescriptionProperty());
        vault.addListener((o, was, now) -> {
            passphrase.clear();
            vaultToken.clear();
        });

        keysTable.setItems(keys.keys());
        TableColumns.text(keyNameColumn, KeyInfo::name);
        TableColumns.text(keyBackendColumn, KeyInfo::backend);
        TableColumns.text(keyCurrentColumn, k -> "v" + k.latestVersion());
        TableColumns.text(keyVersionsColumn, k -> Integer.toString(k.versions().size()));
        TableColumns.text(keyMinColumn, k -> "v" + Math.max(1, k.minDecryptionVersion()));
        keysTable.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null) {
                keys.selectedKeyProperty().set(now);
            }
        });
        keys.selectedKeyProperty().addListener((o, was, now) -> {
            keysTable.getSelectionModel().select(now);
            versionsTitle.setText(now == null ? "Versions" : "Versions of " + now.name());
            if (now != null) {
                minVersion.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(1, now.latestVersion(),
                        Math.max(1, now.minDecryptionVersion())));
            }
        });
        minVersion.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(1, 1, 1));
        versionsTable.setItems(keys.versions());
        TableColumns.text(versionColumn, v -> "v" + v.version());
        TableColumns.text(createdColumn, v -> BackupsViewModel.TIME.format(v.created()));
        TableColumns.text(versionStatusColumn, v -> {
            KeyInfo k = keys.selectedKeyProperty().get();
            if (k == null) {
                return "";
            }
            String s = v.version() == k.latestVersion() ? "current · encrypts and decrypts" : "decrypts old files";
            return k.canDecrypt(v.version()) ? s : "retired · no longer decrypts";
        });
        var noKey = keys.selectedKeyProperty().isNull().or(keys.feedback().busyProperty());
        rotateButton.disableProperty().bind(noKey);
        rewrapButton.disableProperty().bind(noKey);
        setMinButton.disableProperty().bind(noKey);
        minVersion.disableProperty().bind(noKey);
        createKeyButton.disableProperty().bind(keys.connectedProperty().not().or(newKeyName.textProperty().isEmpty()));
        rotateButton.setGraphic(new FontIcon(Feather.REFRESH_CW));
        rotateButton.getStyleClass().add(Styles.ACCENT);
        setMinButton.getStyleClass().add(Styles.DANGER);
        newKeyName.setOnAction(e -> createKey());
    }

    @FXML
    private void openBackend() {
        if (VAULT.equals(backendChoice.getValue())) {
            try {
                VaultEndpoint endpoint = VaultEndpoint.of(vaultAddress.getText(), vaultToken.getText());
                VaultTransitBackend b = new VaultTransitBackend(new VaultTransitClient(endpoint, transitMount.getText()));
                keys.use(b, endpoint + ", Transit at " + b.client().mount() + "/");
                vaultToken.clear();
            } catch (Exception e) {
                keys.feedback().failed(e);
            }
        } else if (keys.unlock(passphrase.getText().toCharArray())) {
            passphrase.clear();
        }
        keys.refreshInventory();
    }

    @FXML
    private void createKey() {
        keys.createKey(newKeyName.getText());
        newKeyName.clear();
    }

    @FXML
    private void rotate() {
        KeyInfo k = keys.selectedKeyProperty().get();
        String plan;
        try {
            plan = keys.rotationPlan(k);
        } catch (Exception e) {
            keys.feedback().failed(e);
            return;
        }
        if (confirm("Rotate key " + k.name(), plan, "Rotate and rewrap")) {
            keys.rotateAndRewrap(k);
        }
    }

    @FXML
    private void rewrap() {
        keys.rewrap(keys.selectedKeyProperty().get());
    }

    @FXML
    private void setMinimum() {
        KeyInfo k = keys.selectedKeyProperty().get();
        int v = minVersion.getValue();
        if (confirm("Minimum decryption version of " + k.name(), "Versions below v" + v + " of key '" + k.name()
                + "' will no longer decrypt. The inventory folders are checked first; if any artifact would become "
                + "unreadable nothing changes and the files are listed.", "Check and set")) {
            keys.setMinDecryption(k, v);
        }
    }

    private boolean confirm(String title, String text, String okText) {
        return TableColumns.confirm(context.window(), title, text, okText);
    }

    // ---- inventory ----

    private void bindInventory() {
        folderList.setItems(keys.folders());
        inventorySummary.textProperty().bind(keys.inventorySummaryProperty());
        inventoryTable.setItems(keys.inventory());
        TableColumns.text(fileColumn, r -> r.file().toString());
        TableColumns.text(sizeColumn, KeysViewModel.InventoryRow::size);
        TableColumns.text(invKeyColumn, KeysViewModel.InventoryRow::key);
        TableColumns.text(invVersionColumn, KeysViewModel.InventoryRow::version);
        TableColumns.text(invStatusColumn, KeysViewModel.InventoryRow::status);
        removeFolderButton.disableProperty().bind(folderList.getSelectionModel().selectedItemProperty().isNull());
        addFolderButton.setGraphic(new FontIcon(Feather.FOLDER_PLUS));
        keys.refreshInventory();
    }

    @FXML
    private void addFolder() {
        File f = new DirectoryChooser().showDialog(context.window());
        if (f != null) {
            keys.addFolder(f.toPath());
        }
    }

    @FXML
    private void removeFolder() {
        keys.removeFolder(folderList.getSelectionModel().getSelectedItem());
    }

    @FXML
    private void refreshInventory() {
        keys.refreshInventory();
    }

}
