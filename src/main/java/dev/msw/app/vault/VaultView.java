package dev.msw.app.vault;

import dev.msw.app.shell.AppContext;
import dev.msw.app.vault.VaultViewModel.StoreKind;
import dev.msw.secrets.Environments;
import dev.msw.secrets.local.LocalSecretStore;
import dev.msw.secrets.vault.ConnectionProfiles;
import dev.msw.secrets.vault.VaultLogin;
import dev.msw.secrets.vault.VaultSecretStore;
import dev.msw.secrets.vault.VaultSession;
import dev.msw.secrets.vault.VaultSettings;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.TreeView;
import javafx.scene.layout.BorderPane;
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
    @FXML private Button environmentsButton;
    @FXML private SplitPane split;
    @FXML private TextField searchField;
    @FXML private TreeView<String> pathTree;
    @FXML private Button newButton;
    @FXML private Button refreshButton;
    @FXML private TabPane detailTabs;
    @FXML private SecretPane secretController;
    @FXML private HistoryPane historyController;
    @FXML private MetadataPane metadataController;
    @FXML private AccessPane accessController;
    @FXML private PoliciesPane policiesController;
    @FXML private EnvironmentsPane environmentsController;
    @FXML private Label messageLabel;
    @FXML private dev.msw.app.widgets.ProgressPanel progress;

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
        PaneContext panes = new PaneContext(vm, policies, ctx, () -> detailTabs.getSelectionModel().select(0));
        secretController.bind(panes);
        historyController.bind(panes);
        metadataController.bind(panes);
        accessController.bind(panes);
        policiesController.bind(panes);
        environmentsController.bind(panes);
        messageLabel.textProperty().bind(vm.messageProperty());
        vm.currentTaskProperty().addListener((o, a, t) -> {
            if (t != null && t.runningProperty().get()) {
                progress.track(t, false);
            }
        });
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
                ? (context.keyring().isUnlocked() ? "keyring unlocked: none needed" : "keyring passphrase") : switch (authChoice.getValue()) {
                    case "userpass" -> "password";
                    case "approle" -> "secret id";
                    default -> "token (empty: VAULT_TOKEN)";
                }, localButton.selectedProperty(), authChoice.valueProperty(), context.keyring().unlockedProperty()));
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
        profileBox.managedProperty().bind(vaultButton.selectedProperty());
        profileBox.visibleProperty().bind(vaultButton.selectedProperty());
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
            vm.unlockLocal(secret, role);
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
        environmentsButton.disableProperty().bind(connected.not());
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

    @FXML
    private void editEnvironments() {
        TextInputDialog d = new TextInputDialog(String.join(",", vm.environments()));
        d.initOwner(context.window());
        d.setTitle("Environments");
        d.setHeaderText("Environment folders of mount " + vm.storeProperty().get().environments().mount()
                + " (comma-separated; names starting with 'prod' are treated as production)");
        d.setContentText("Environments:");
        d.showAndWait().ifPresent(text -> {
            List<String> names = java.util.Arrays.stream(text.split(",")).map(String::strip)
                    .filter(n -> !n.isEmpty()).toList();
            if (!names.isEmpty()) {
                vm.setEnvironments(names);
            }
        });
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
            detailTabs.getSelectionModel().select(0);
            secretController.startNew();
        });
    }
}
