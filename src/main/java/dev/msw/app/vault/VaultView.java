package dev.msw.app.vault;

import dev.msw.app.shell.AppContext;
import dev.msw.app.vault.VaultViewModel.StoreKind;
import dev.msw.keys.LocalKeyring;
import dev.msw.secrets.Environments;
import dev.msw.secrets.MetadataSettings;
import dev.msw.secrets.SecretMetadata;
import dev.msw.secrets.SecretOperation;
import dev.msw.secrets.VersionInfo;
import dev.msw.secrets.local.LocalSecretStore;
import dev.msw.secrets.policy.Capability;
import dev.msw.secrets.policy.LintFinding;
import dev.msw.secrets.vault.ConnectionProfiles;
import dev.msw.secrets.vault.VaultLogin;
import dev.msw.secrets.vault.VaultSecretStore;
import dev.msw.secrets.vault.VaultSession;
import dev.msw.secrets.vault.VaultSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.TreeView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.util.Duration;

/** Thin controller of {@code fxml/vault.fxml}: binds controls to {@link VaultViewModel} and shows dialogs. */
public final class VaultView {
    @FXML private BorderPane root;
    @FXML private ToggleButton localButton;
    @FXML private ToggleButton vaultButton;
    @FXML private HBox vaultFields;
    @FXML private HBox localFields;
    @FXML private TextField addressField;
    @FXML private ChoiceBox<String> authChoice;
    @FXML private TextField userField;
    @FXML private TextField roleField;
    @FXML private PasswordField secretField;
    @FXML private TextField mountField;
    @FXML private Button connectButton;
    @FXML private javafx.scene.control.ComboBox<String> profileBox;
    @FXML private Button saveProfileButton;
    @FXML private Label identityLabel;
    @FXML private Button renewButton;
    @FXML private Label expiryLabel;
    @FXML private HBox envButtons;
    @FXML private Label envBanner;
    @FXML private SplitPane split;
    @FXML private TextField searchField;
    @FXML private TreeView<String> pathTree;
    @FXML private Button newButton;
    @FXML private Button refreshButton;
    @FXML private TabPane detailTabs;
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
    @FXML private TableView<VersionInfo> historyTable;
    @FXML private Button viewVersionButton;
    @FXML private Button diffButton;
    @FXML private Button deleteVersionsButton;
    @FXML private Button undeleteButton;
    @FXML private Button destroyButton;
    @FXML private ListView<String> diffList;
    @FXML private TextField maxVersionsField;
    @FXML private CheckBox casRequiredBox;
    @FXML private TextField deleteAfterField;
    @FXML private TextArea customArea;
    @FXML private Label metadataInfo;
    @FXML private Button saveMetadataButton;
    @FXML private Label capabilitiesLabel;
    @FXML private TextField whyPathField;
    @FXML private ChoiceBox<String> whyOpChoice;
    @FXML private TextArea whyArea;
    @FXML private ListView<String> policyList;
    @FXML private TextField policyNameField;
    @FXML private TextArea policyArea;
    @FXML private Button savePolicyButton;
    @FXML private Button deletePolicyButton;
    @FXML private ListView<LintFinding> lintList;
    @FXML private TextField userpassMountField;
    @FXML private Button wizardButton;
    @FXML private GridPane matrixGrid;
    @FXML private Label matrixVerdict;
    @FXML private TextArea passwordsArea;
    @FXML private ToggleButton showPasswordsToggle;
    @FXML private Label messageLabel;

    private VaultViewModel vm;
    private VaultPoliciesModel policies;
    private AppContext context;
    private final PathTree tree = new PathTree();
    private final ToggleGroup envGroup = new ToggleGroup();

    public Parent root() {
        return root;
    }

    public void bind(VaultViewModel model, VaultPoliciesModel policiesModel, AppContext ctx) {
        this.vm = model;
        this.policies = policiesModel;
        this.context = ctx;
        bindConnection();
        bindBrowsing();
        bindSecret();
        bindHistoryAndMetadata();
        bindAccessAndPolicies();
        messageLabel.textProperty().bind(vm.messageProperty());
        vm.messageProperty().addListener((o, a, b) -> context.status(b));
    }

    // ---- connection ----------------------------------------------------------------------------------------

    private void bindConnection() {
        ToggleGroup g = new ToggleGroup();
        localButton.setToggleGroup(g);
        vaultButton.setToggleGroup(g);
        VaultSettings env = VaultSettings.fromEnvironment();
        addressField.setText(env.address() == null ? "" : env.address());
        authChoice.getItems().setAll("token", "userpass", "approle");
        authChoice.setValue("token");
        mountField.setText("secret");
        vaultFields.managedProperty().bind(vaultButton.selectedProperty());
        vaultFields.visibleProperty().bind(vaultButton.selectedProperty());
        localFields.managedProperty().bind(localButton.selectedProperty());
        localFields.visibleProperty().bind(localButton.selectedProperty());
        mountField.managedProperty().bind(vaultButton.selectedProperty());
        mountField.visibleProperty().bind(vaultButton.selectedProperty());
        secretField.promptTextProperty().bind(Bindings.createStringBinding(() -> localButton.isSelected()
                ? "keyring passphrase" : switch (authChoice.getValue()) {
                    case "userpass" -> "password";
                    case "approle" -> "secret id";
                    default -> "token (empty: VAULT_TOKEN)";
                }, localButton.selectedProperty(), authChoice.valueProperty()));
        userField.disableProperty().bind(authChoice.valueProperty().isEqualTo("token"));
        g.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) {
                g.selectToggle(a);
                return;
            }
            StoreKind kind = b == vaultButton ? StoreKind.VAULT : StoreKind.LOCAL;
            if (vm.storeKindProperty().get() != kind || vm.storeProperty().get() == null) {
                vm.switchTo(kind);
            }
        });
        vm.storeKindProperty().addListener((o, a, b) -> g.selectToggle(b == StoreKind.VAULT ? vaultButton : localButton));
        g.selectToggle(env.configured() ? vaultButton : localButton);
        connectButton.textProperty().bind(Bindings.when(localButton.selectedProperty()).then("Unlock").otherwise("Connect"));
        identityLabel.textProperty().bind(vm.identityTextProperty());
        saveProfileButton.managedProperty().bind(vaultButton.selectedProperty());
        saveProfileButton.visibleProperty().bind(vaultButton.selectedProperty());
        loadProfiles();
        profileBox.valueProperty().addListener((o, a, name) -> {
            if (name == null) {
                return;
            }
            ConnectionProfiles.standard().get(name).ifPresent(p -> {
                addressField.setText(p.address() == null ? "" : p.address());
                authChoice.setValue(p.auth() == null ? "token" : p.auth());
                userField.setText(p.user() == null ? "" : p.user());
                mountField.setText(p.mount() == null ? "secret" : p.mount());
            });
        });
        javafx.animation.Timeline expiryCheck = new javafx.animation.Timeline(new javafx.animation.KeyFrame(
                Duration.minutes(1), e -> vm.checkExpiry()));
        expiryCheck.setCycleCount(javafx.animation.Animation.INDEFINITE);
        expiryCheck.play();
        expiryLabel.textProperty().bind(vm.expiryWarningProperty());
        renewButton.visibleProperty().bind(Bindings.createBooleanBinding(
                () -> vm.storeProperty().get() instanceof VaultSecretStore, vm.storeProperty()));
        renewButton.disableProperty().bind(Bindings.createBooleanBinding(() -> !(vm.storeProperty().get()
                instanceof VaultSecretStore v) || !v.identity().renewable(), vm.storeProperty(), vm.identityTextProperty()));
    }

    @FXML
    private void connect() {
        char[] secret = secretField.getText().toCharArray();
        secretField.clear();
        if (localButton.isSelected()) {
            String role = roleField.getText().isBlank() ? null : roleField.getText().strip();
            vm.connect(StoreKind.LOCAL, () -> {
                try {
                    return LocalSecretStore.open(LocalSecretStore.defaultPath(), LocalKeyring.defaultPath(), secret, role);
                } finally {
                    java.util.Arrays.fill(secret, '\0');
                }
            });
            return;
        }
        String address = addressField.getText().strip();
        String auth = authChoice.getValue();
        String user = userField.getText().strip();
        String mount = mountField.getText().isBlank() ? "secret" : mountField.getText().strip();
        vm.connect(StoreKind.VAULT, () -> {
            VaultSettings s = VaultSettings.fromEnvironment().withAddress(address);
            VaultLogin login = switch (auth) {
                case "userpass" -> new VaultLogin.UserPass("userpass", user, secret);
                case "approle" -> new VaultLogin.AppRole("approle", user, secret);
                default -> new VaultLogin.Token(secret.length == 0 ? null : new String(secret));
            };
            return new VaultSecretStore(VaultSession.open(s, login), new Environments(mount, Environments.DEFAULT_NAMES));
        });
    }

    private void loadProfiles() {
        try {
            profileBox.getItems().setAll(ConnectionProfiles.standard().all().keySet());
        } catch (RuntimeException e) {
            context.status(dev.msw.app.shell.ErrorDialogs.describe(e));
        }
    }

    @FXML
    private void saveProfile() {
        TextInputDialog d = new TextInputDialog(profileBox.getValue() == null ? "" : profileBox.getValue());
        d.initOwner(context.window());
        d.setTitle("Save connection profile");
        d.setHeaderText("Save address, auth method, user and mount (never the token or password)");
        d.setContentText("Profile name:");
        d.showAndWait().filter(n -> !n.isBlank()).ifPresent(name -> {
            try {
                VaultSettings env = VaultSettings.fromEnvironment();
                ConnectionProfiles.standard().save(name.strip(), new ConnectionProfiles.Profile(
                        addressField.getText().strip(), env.namespace(),
                        env.caCert() == null ? null : env.caCert().toString(), env.skipVerify(),
                        authChoice.getValue(), userField.getText().isBlank() ? null : userField.getText().strip(),
                        null, mountField.getText().strip(), null));
                loadProfiles();
                profileBox.setValue(name.strip());
                context.status("Saved profile " + name.strip() + " (no credentials stored).");
            } catch (RuntimeException e) {
                context.status(dev.msw.app.shell.ErrorDialogs.describe(e));
            }
        });
    }

    @FXML
    private void renew() {
        vm.renewToken();
    }

    // ---- browsing ------------------------------------------------------------------------------------------

    private void bindBrowsing() {
        vm.environments().addListener((javafx.collections.ListChangeListener<String>) c -> rebuildEnvButtons());
        vm.environmentProperty().addListener((o, a, b) -> {
            envBanner.getStyleClass().removeIf(s -> s.startsWith("env-") && !s.equals("env-banner"));
            if (b != null) {
                envBanner.setText(b.toUpperCase(java.util.Locale.ROOT) + (Environments.isProduction(b) ? "  ⚠" : ""));
                envBanner.getStyleClass().add(envStyle(b));
                envButtons.getChildren().stream().map(n -> (ToggleButton) n).filter(t -> t.getText().equals(b))
                        .findFirst().ifPresent(envGroup::selectToggle);
            } else {
                envBanner.setText("");
            }
        });
        vm.paths().addListener((javafx.collections.ListChangeListener<String>) c -> showTree(vm.paths()));
        searchField.textProperty().addListener((o, a, b) -> showTree(b.isBlank() ? vm.paths() : vm.search(b)));
        pathTree.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            String p = b == null ? null : tree.pathOf(b);
            if (p != null && !p.equals(vm.selectedPathProperty().get())) {
                vm.select(p);
            }
        });
        BooleanBindingOnStore connected = new BooleanBindingOnStore(vm);
        newButton.disableProperty().bind(connected.not());
        refreshButton.disableProperty().bind(connected.not());
    }

    /** True while a store is open. */
    private static final class BooleanBindingOnStore extends javafx.beans.binding.BooleanBinding {
        private final VaultViewModel vm;

        BooleanBindingOnStore(VaultViewModel vm) {
            this.vm = vm;
            bind(vm.storeProperty());
        }

        @Override
        protected boolean computeValue() {
            return vm.storeProperty().get() != null;
        }
    }

    static String envStyle(String env) {
        if (Environments.isProduction(env)) {
            return "env-production";
        }
        return env.startsWith("test") || env.equals("staging") ? "env-testing" : "env-development";
    }

    private void rebuildEnvButtons() {
        envButtons.getChildren().clear();
        for (String env : vm.environments()) {
            ToggleButton b = new ToggleButton(env);
            b.setId("vault-env-" + env);
            b.getStyleClass().addAll("env-button", envStyle(env));
            b.setToggleGroup(envGroup);
            b.setOnAction(e -> {
                if (!b.isSelected()) {
                    b.setSelected(true);
                }
                vm.environmentProperty().set(env);
            });
            if (env.equals(vm.environmentProperty().get())) {
                b.setSelected(true);
            }
            envButtons.getChildren().add(b);
        }
    }

    private void showTree(List<String> paths) {
        pathTree.setRoot(tree.build(paths));
    }

    @FXML
    private void refresh() {
        vm.refreshTree();
    }

    @FXML
    private void newSecret() {
        TextInputDialog d = new TextInputDialog();
        d.initOwner(context.window());
        d.setTitle("New secret");
        d.setHeaderText("New secret in " + vm.environmentProperty().get());
        d.setContentText("Path (e.g. model/api):");
        d.showAndWait().filter(s -> !s.isBlank()).ifPresent(p -> {
            vm.startNew(p.strip());
            editArea.clear();
            editArea.setPromptText("api_key=…");
            editArea.requestFocus();
        });
    }

    // ---- secret ----------------------------------------------------------------------------------------------

    private void bindSecret() {
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
        key.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().key()));
        key.setPrefWidth(200);
        TableColumn<SecretRow, String> value = new TableColumn<>("Value");
        value.setCellValueFactory(c -> Bindings.createStringBinding(() -> c.getValue().shown(vm.revealedProperty().get()),
                vm.revealedProperty()));
        value.setPrefWidth(420);
        rowsTable.getColumns().setAll(List.of(key, value));
        rowsTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        rowsTable.setItems(vm.rows());
        rowsTable.setPlaceholder(new Label("No values to show"));
        revealToggle.selectedProperty().bindBidirectional(vm.revealedProperty());
        jsonArea.visibleProperty().bind(jsonToggle.selectedProperty());
        rowsTable.visibleProperty().bind(jsonToggle.selectedProperty().not());
        Runnable updateJson = () -> jsonArea.setText(vm.json());
        vm.revealedProperty().addListener((o, a, b) -> updateJson.run());
        vm.rows().addListener((javafx.collections.ListChangeListener<SecretRow>) c -> updateJson.run());
        var hasRows = Bindings.isEmpty(vm.rows());
        revealToggle.disableProperty().bind(hasRows);
        copyButton.disableProperty().bind(rowsTable.getSelectionModel().selectedItemProperty().isNull());
        var noPath = vm.selectedPathProperty().isNull();
        editButton.disableProperty().bind(hasRows);
        saveButton.disableProperty().bind(noPath.or(vm.allowedProperty(SecretOperation.UPDATE).not()
                .and(vm.allowedProperty(SecretOperation.CREATE).not())));
        var noSecret = vm.secretProperty().isNull();
        deleteButton.disableProperty().bind(noSecret.or(vm.allowedProperty(SecretOperation.SOFT_DELETE).not()));
        deleteAllButton.disableProperty().bind(noSecret.or(vm.allowedProperty(SecretOperation.DELETE_ALL).not()));
        deleteAllButton.getStyleClass().add("danger");
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
        vm.rows().forEach(r -> sb.append(r.key()).append('=').append(r.value()).append('\n'));
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
                context.status("Each line must be key=value; this one is not: " + line.replaceAll("=.*", "=…"));
                return;
            }
            data.put(line.substring(0, eq).strip(), line.substring(eq + 1));
        }
        if (data.isEmpty()) {
            context.status("Nothing to save: write key=value lines in the editor.");
            return;
        }
        if (vm.isProduction() && !Confirmations.confirm(context.window(), vm, "Save a new version of")) {
            return;
        }
        vm.save(data);
        editArea.clear();
    }

    @FXML
    private void softDelete() {
        if (Confirmations.confirm(context.window(), vm, "Delete the latest version of")) {
            vm.softDelete(List.of());
        }
    }

    @FXML
    private void deleteAll() {
        if (Confirmations.confirm(context.window(), vm, "Delete ALL versions and metadata of")) {
            vm.deleteAll();
        }
    }

    // ---- history and metadata --------------------------------------------------------------------------------

    private void bindHistoryAndMetadata() {
        TableColumn<VersionInfo, String> v = new TableColumn<>("Version");
        v.setCellValueFactory(c -> new ReadOnlyStringWrapper(String.valueOf(c.getValue().version())));
        TableColumn<VersionInfo, String> state = new TableColumn<>("State");
        state.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().state()));
        TableColumn<VersionInfo, String> created = new TableColumn<>("Created");
        created.setCellValueFactory(c -> new ReadOnlyStringWrapper(String.valueOf(c.getValue().created())));
        created.setPrefWidth(240);
        TableColumn<VersionInfo, String> deleted = new TableColumn<>("Deleted");
        deleted.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().deleted() == null ? ""
                : c.getValue().deleted().toString()));
        deleted.setPrefWidth(240);
        historyTable.getColumns().setAll(List.of(v, state, created, deleted));
        historyTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        historyTable.setItems(vm.history());
        historyTable.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        var none = Bindings.isEmpty(historyTable.getSelectionModel().getSelectedItems());
        viewVersionButton.disableProperty().bind(none);
        diffButton.disableProperty().bind(Bindings.size(historyTable.getSelectionModel().getSelectedItems()).isNotEqualTo(2));
        deleteVersionsButton.disableProperty().bind(none.or(vm.allowedProperty(SecretOperation.SOFT_DELETE).not()));
        undeleteButton.disableProperty().bind(none.or(vm.allowedProperty(SecretOperation.UNDELETE).not()));
        destroyButton.disableProperty().bind(none.or(vm.allowedProperty(SecretOperation.DESTROY).not()));
        vm.metadataProperty().addListener((o, a, m) -> showMetadata(m));
        saveMetadataButton.disableProperty().bind(vm.metadataProperty().isNull()
                .or(vm.allowedProperty(SecretOperation.WRITE_METADATA).not()));
    }

    private void showMetadata(SecretMetadata m) {
        if (m == null) {
            maxVersionsField.clear();
            casRequiredBox.setSelected(false);
            deleteAfterField.clear();
            customArea.clear();
            metadataInfo.setText("");
            return;
        }
        maxVersionsField.setText(String.valueOf(m.maxVersions()));
        casRequiredBox.setSelected(m.casRequired());
        deleteAfterField.setText(m.deleteVersionAfter());
        StringBuilder sb = new StringBuilder();
        m.customMetadata().forEach((k, val) -> sb.append(k).append('=').append(val).append('\n'));
        customArea.setText(sb.toString());
        metadataInfo.setText("Current version " + m.currentVersion() + ", oldest kept " + m.oldestVersion()
                + ", created " + m.created() + ", updated " + m.updated());
    }

    private List<Integer> selectedVersions() {
        return historyTable.getSelectionModel().getSelectedItems().stream().map(VersionInfo::version).sorted().toList();
    }

    @FXML
    private void viewVersion() {
        List<Integer> vs = selectedVersions();
        if (!vs.isEmpty()) {
            vm.readVersion(vs.get(vs.size() - 1));
            detailTabs.getSelectionModel().select(0);
        }
    }

    @FXML
    private void diff() {
        List<Integer> vs = selectedVersions();
        if (vs.size() == 2) {
            vm.diff(vs.get(0), vs.get(1), lines -> {
                diffList.getItems().setAll("Version " + vs.get(0) + " → " + vs.get(1) + " (values masked):");
                diffList.getItems().addAll(lines);
            });
        }
    }

    @FXML
    private void deleteVersions() {
        if (Confirmations.confirm(context.window(), vm, "Delete versions " + selectedVersions() + " of")) {
            vm.softDelete(selectedVersions());
        }
    }

    @FXML
    private void undelete() {
        vm.undelete(selectedVersions());
    }

    @FXML
    private void destroy() {
        if (Confirmations.confirm(context.window(), vm, "Permanently DESTROY versions " + selectedVersions() + " of")) {
            vm.destroy(selectedVersions());
        }
    }

    @FXML
    private void saveMetadata() {
        Map<String, String> custom = new LinkedHashMap<>();
        for (String line : customArea.getText().split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                custom.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        int max;
        try {
            max = Integer.parseInt(maxVersionsField.getText().strip());
        } catch (NumberFormatException e) {
            context.status("Max versions must be a whole number (0 = default 10).");
            return;
        }
        vm.saveMetadata(new MetadataSettings(max, casRequiredBox.isSelected(), deleteAfterField.getText().strip(), custom));
    }

    // ---- access, policies, environments -----------------------------------------------------------------------

    private void bindAccessAndPolicies() {
        capabilitiesLabel.textProperty().bind(vm.capabilitiesTextProperty());
        whyOpChoice.getItems().setAll("read", "list", "create", "update", "delete", "patch");
        whyOpChoice.setValue("read");
        vm.selectedPathProperty().addListener((o, a, b) -> {
            if (b != null && vm.storeProperty().get() != null) {
                whyPathField.setText(vm.storeProperty().get().environments().apiPath("data",
                        vm.environmentProperty().get(), b));
            }
        });
        whyArea.textProperty().bind(policies.whyProperty());
        policyList.setItems(policies.names());
        policyList.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> policies.open(b));
        policyNameField.textProperty().bindBidirectional(policies.policyNameProperty());
        policyArea.textProperty().bindBidirectional(policies.policyTextProperty());
        lintList.setItems(policies.findings());
        lintList.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(LintFinding f, boolean empty) {
                super.updateItem(f, empty);
                getStyleClass().removeAll("severity-critical", "severity-warning", "severity-info");
                if (empty || f == null) {
                    setText(null);
                    return;
                }
                setText(f.format());
                setWrapText(true);
                getStyleClass().add(switch (f.severity()) {
                    case ERROR -> "severity-critical";
                    case WARNING -> "severity-warning";
                    case INFO -> "severity-info";
                });
            }
        });
        lintList.setPlaceholder(new Label("Lint shows policy mistakes here"));
        vm.storeProperty().addListener((o, a, b) -> {
            if (b != null) {
                policies.refresh();
            } else {
                policies.names().clear();
            }
        });
        policies.matrixProperty().addListener((o, a, m) -> {
            MatrixGrid.fill(matrixGrid, m);
            matrixVerdict.setText(m == null ? "" : m.allAgree() ? "Verified: every cell matches the plan."
                    : "MISMATCH: cells marked (!) differ from the plan.");
            matrixVerdict.getStyleClass().setAll("label", m != null && m.allAgree() ? "status-passed" : "status-failed");
        });
        passwordsArea.textProperty().bind(Bindings.when(showPasswordsToggle.selectedProperty())
                .then(policies.passwordsProperty()).otherwise(Bindings.createStringBinding(() ->
                        policies.passwordsProperty().get().isEmpty() ? "" : "One-time passwords are hidden; press "
                                + "\"Show one-time passwords\" and hand them out now (they are not stored).",
                        policies.passwordsProperty())));
        showPasswordsToggle.disableProperty().bind(policies.passwordsProperty().isEmpty());
        wizardButton.disableProperty().bind(vm.storeProperty().isNull());
    }

    @FXML
    private void explain() {
        Capability op = Capability.fromApiName(whyOpChoice.getValue()).orElse(Capability.READ);
        policies.explain(whyPathField.getText().strip(), op);
    }

    @FXML
    private void reloadPolicies() {
        policies.refresh();
    }

    @FXML
    private void lint() {
        policies.lint();
    }

    @FXML
    private void savePolicy() {
        policies.save();
    }

    @FXML
    private void deletePolicy() {
        javafx.scene.control.Alert a = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.CONFIRMATION,
                "Delete policy \"" + policies.policyNameProperty().get() + "\"? Tokens holding it lose its grants.",
                javafx.scene.control.ButtonType.OK, javafx.scene.control.ButtonType.CANCEL);
        a.initOwner(context.window());
        if (a.showAndWait().filter(b -> b == javafx.scene.control.ButtonType.OK).isPresent()) {
            policies.delete();
        }
    }

    @FXML
    private void runWizard() {
        javafx.scene.control.Alert a = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.CONFIRMATION,
                "Create or replace the policies developer, ci and prod-operator and one user per role in "
                        + vm.storeProperty().get().describe() + "?",
                javafx.scene.control.ButtonType.OK, javafx.scene.control.ButtonType.CANCEL);
        a.initOwner(context.window());
        a.getDialogPane().setId("vault-confirm-wizard");
        if (a.showAndWait().filter(b -> b == javafx.scene.control.ButtonType.OK).isPresent()) {
            policies.runWizard(userpassMountField.getText().isBlank() ? "userpass" : userpassMountField.getText().strip());
        }
    }
}
