package dev.msw.app.keys;

import atlantafx.base.theme.Styles;
import dev.msw.app.shell.AppContext;
import dev.msw.app.widgets.ProgressPanel;
import dev.msw.audit.AuditLog.AuditEntry;
import dev.msw.backup.BackupRepository.StoredBackup;
import dev.msw.core.Sizes;
import dev.msw.keys.KeyInfo;
import dev.msw.keys.transit.VaultEndpoint;
import dev.msw.keys.transit.VaultTransitBackend;
import dev.msw.keys.transit.VaultTransitClient;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.fxml.FXML;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
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
    // backups
    @FXML private TableView<BackupsViewModel.JobRow> jobsTable;
    @FXML private TableColumn<BackupsViewModel.JobRow, String> jobNameColumn;
    @FXML private TableColumn<BackupsViewModel.JobRow, String> jobSourcesColumn;
    @FXML private TableColumn<BackupsViewModel.JobRow, String> jobDestColumn;
    @FXML private TableColumn<BackupsViewModel.JobRow, String> jobScheduleColumn;
    @FXML private TableColumn<BackupsViewModel.JobRow, String> jobRetentionColumn;
    @FXML private TableColumn<BackupsViewModel.JobRow, String> jobLastColumn;
    @FXML private TableColumn<BackupsViewModel.JobRow, String> jobNextColumn;
    @FXML private Button newJobButton;
    @FXML private Button runJobButton;
    @FXML private Button removeJobButton;
    @FXML private TableView<StoredBackup> historyTable;
    @FXML private TableColumn<StoredBackup, String> backupIdColumn;
    @FXML private TableColumn<StoredBackup, String> backupCreatedColumn;
    @FXML private TableColumn<StoredBackup, String> backupFilesColumn;
    @FXML private TableColumn<StoredBackup, String> backupSizeColumn;
    @FXML private TableColumn<StoredBackup, String> backupSignedColumn;
    @FXML private TableColumn<StoredBackup, String> backupPlainColumn;
    @FXML private ListView<String> reportList;
    @FXML private Button verifyButton;
    @FXML private Button restoreButton;
    // audit
    @FXML private TextField auditSince;
    @FXML private ComboBox<String> auditAction;
    @FXML private ComboBox<String> auditOutcome;
    @FXML private TextField auditText;
    @FXML private Button auditVerify;
    @FXML private Label auditSummary;
    @FXML private Label auditVerification;
    @FXML private TableView<AuditEntry> auditTable;
    @FXML private TableColumn<AuditEntry, String> seqColumn;
    @FXML private TableColumn<AuditEntry, String> timeColumn;
    @FXML private TableColumn<AuditEntry, String> userColumn;
    @FXML private TableColumn<AuditEntry, String> actionColumn;
    @FXML private TableColumn<AuditEntry, String> targetColumn;
    @FXML private TableColumn<AuditEntry, String> outcomeColumn;
    @FXML private TableColumn<AuditEntry, String> detailsColumn;

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
        for (TableView<?> t : List.of(keysTable, versionsTable, inventoryTable, jobsTable, historyTable, auditTable)) {
            t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        }
        bindKeys();
        bindInventory();
        bindBackups();
        bindAudit();
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

    /** A text column whose cells show their full text as a tooltip (paths are often wider than the column). */
    private static <S> void column(TableColumn<S, String> c, Function<S, String> value) {
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(value.apply(cd.getValue())));
        c.setCellFactory(col -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setTooltip(empty || item == null || item.isEmpty() ? null : new javafx.scene.control.Tooltip(item));
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
        column(keyNameColumn, KeyInfo::name);
        column(keyBackendColumn, KeyInfo::backend);
        column(keyCurrentColumn, k -> "v" + k.latestVersion());
        column(keyVersionsColumn, k -> Integer.toString(k.versions().size()));
        column(keyMinColumn, k -> "v" + Math.max(1, k.minDecryptionVersion()));
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
        column(versionColumn, v -> "v" + v.version());
        column(createdColumn, v -> BackupsViewModel.TIME.format(v.created()));
        column(versionStatusColumn, v -> {
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
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, text, new ButtonType(okText, ButtonType.OK.getButtonData()), ButtonType.CANCEL);
        a.initOwner(context.window());
        a.setTitle(title);
        a.setHeaderText(title);
        a.getDialogPane().setPrefWidth(640);
        return a.showAndWait().filter(b -> b.getButtonData() == ButtonType.OK.getButtonData()).isPresent();
    }

    // ---- inventory ----

    private void bindInventory() {
        folderList.setItems(keys.folders());
        inventorySummary.textProperty().bind(keys.inventorySummaryProperty());
        inventoryTable.setItems(keys.inventory());
        column(fileColumn, r -> r.file().toString());
        column(sizeColumn, KeysViewModel.InventoryRow::size);
        column(invKeyColumn, KeysViewModel.InventoryRow::key);
        column(invVersionColumn, KeysViewModel.InventoryRow::version);
        column(invStatusColumn, KeysViewModel.InventoryRow::status);
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

    // ---- backups ----

    private void bindBackups() {
        jobsTable.setItems(backups.jobs());
        column(jobNameColumn, BackupsViewModel.JobRow::name);
        column(jobSourcesColumn, BackupsViewModel.JobRow::sources);
        column(jobDestColumn, r -> r.job().destination().toString());
        column(jobScheduleColumn, r -> r.job().schedule().toString());
        column(jobRetentionColumn, r -> r.job().retention().toString());
        column(jobLastColumn, BackupsViewModel.JobRow::lastRun);
        column(jobNextColumn, BackupsViewModel.JobRow::nextRun);
        jobsTable.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null) {
                backups.selectedJobProperty().set(now);
            }
        });
        backups.selectedJobProperty().addListener((o, was, now) -> jobsTable.getSelectionModel().select(now));
        historyTable.setItems(backups.history());
        column(backupIdColumn, StoredBackup::id);
        column(backupCreatedColumn, b -> BackupsViewModel.TIME.format(b.manifest().created()));
        column(backupFilesColumn, b -> Integer.toString(b.manifest().files().size()));
        column(backupSizeColumn, b -> Sizes.human(b.manifest().totalBytes()));
        column(backupSignedColumn, b -> b.signed() ? "yes" : "no");
        column(backupPlainColumn, b -> Long.toString(b.manifest().unprotectedFiles()));
        reportList.setItems(backups.report());
        var busy = backups.feedback().busyProperty();
        var noJob = jobsTable.getSelectionModel().selectedItemProperty().isNull();
        runJobButton.disableProperty().bind(noJob.or(busy));
        removeJobButton.disableProperty().bind(noJob.or(busy));
        var noBackup = historyTable.getSelectionModel().selectedItemProperty().isNull().or(busy);
        verifyButton.disableProperty().bind(noBackup);
        restoreButton.disableProperty().bind(noBackup);
        newJobButton.setGraphic(new FontIcon(Feather.PLUS));
        runJobButton.setGraphic(new FontIcon(Feather.PLAY));
        runJobButton.getStyleClass().add(Styles.ACCENT);
        verifyButton.setGraphic(new FontIcon(Feather.CHECK_CIRCLE));
        restoreButton.setGraphic(new FontIcon(Feather.ROTATE_CCW));
        removeJobButton.getStyleClass().add(Styles.DANGER);
        backups.history().addListener((javafx.collections.ListChangeListener<StoredBackup>) c -> {
            if (!backups.history().isEmpty() && historyTable.getSelectionModel().isEmpty()) {
                historyTable.getSelectionModel().select(0);
            }
        });
    }

    @FXML
    private void newJob() {
        Path suggestion = keys.folders().isEmpty() ? null : keys.folders().get(0);
        NewJobDialog.show(context.window(), suggestion).ifPresent(a -> {
            if (a.destination() == null) {
                backups.feedback().failed(new dev.msw.core.UserFacingException("The job has no destination",
                        "a backup job needs a folder to write to", "enter or browse to a destination folder"));
                return;
            }
            backups.addJob(a.name(), a.sources(), a.destination(), a.schedule(), a.keepLast(), a.keepDaily(), a.keepWeekly(),
                    a.signingKey());
        });
    }

    @FXML
    private void runJob() {
        backups.runNow(jobsTable.getSelectionModel().getSelectedItem());
    }

    @FXML
    private void removeJob() {
        BackupsViewModel.JobRow r = jobsTable.getSelectionModel().getSelectedItem();
        if (confirm("Remove backup job " + r.name(), "The job '" + r.name() + "' stops running. Its backups stay in "
                + r.job().destination() + ".", "Remove job")) {
            backups.removeJob(r);
        }
    }

    @FXML
    private void verifyBackup() {
        backups.verify(historyTable.getSelectionModel().getSelectedItem());
    }

    @FXML
    private void restoreBackup() {
        StoredBackup b = historyTable.getSelectionModel().getSelectedItem();
        RestoreDialog.show(context.window(), b).ifPresent(a -> backups.restore(b, a.target(), a.only()));
    }

    // ---- audit ----

    private void bindAudit() {
        auditSince.textProperty().bindBidirectional(audit.sinceProperty());
        auditAction.getItems().setAll("", "key", "rewrap", "rekey", "backup", "encrypt", "decrypt", "sign", "verify", "secret", "policy");
        auditAction.valueProperty().bindBidirectional(audit.actionProperty());
        auditOutcome.getItems().setAll(AuditViewModel.OUTCOMES);
        auditOutcome.valueProperty().bindBidirectional(audit.outcomeProperty());
        auditText.textProperty().bindBidirectional(audit.textProperty());
        for (ObservableValue<String> p : List.of(audit.sinceProperty(), audit.actionProperty(), audit.outcomeProperty(),
                audit.textProperty())) {
            p.addListener((o, was, now) -> audit.refresh());
        }
        auditSummary.textProperty().bind(audit.summaryProperty());
        auditVerification.textProperty().bind(audit.verificationProperty());
        audit.intactProperty().addListener((o, was, now) -> {
            auditVerification.getStyleClass().removeAll("audit-intact", "audit-broken");
            auditVerification.getStyleClass().add(now ? "audit-intact" : "audit-broken");
        });
        auditVerification.getStyleClass().add("audit-intact");
        auditTable.setItems(audit.entries());
        column(seqColumn, e -> Long.toString(e.seq()));
        column(timeColumn, e -> BackupsViewModel.TIME.format(e.time()));
        column(userColumn, e -> e.user() + (e.identity() != null ? " (" + e.identity() + ")" : ""));
        column(actionColumn, AuditEntry::action);
        column(targetColumn, AuditEntry::target);
        column(outcomeColumn, AuditEntry::outcome);
        column(detailsColumn, e -> e.details().entrySet().stream().map(d -> d.getKey() + "=" + d.getValue())
                .collect(Collectors.joining("  ")));
        auditVerify.setGraphic(new FontIcon(Feather.SHIELD));
    }

    @FXML
    private void clearAuditFilters() {
        audit.clearFilters();
    }

    @FXML
    private void verifyAudit() {
        audit.verify();
        audit.refresh();
    }
}
