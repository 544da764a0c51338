package dev.msw.app.vault;

import dev.msw.app.shell.ErrorDialogs;
import dev.msw.app.shell.SessionKeyring;
import dev.msw.app.task.TaskRunner;
import dev.msw.secrets.Environments;
import dev.msw.secrets.MetadataSettings;
import dev.msw.secrets.SecretDiff;
import dev.msw.secrets.SecretMetadata;
import dev.msw.secrets.SecretMigration;
import dev.msw.secrets.SecretOperation;
import dev.msw.secrets.SecretStore;
import dev.msw.secrets.SecretVersion;
import dev.msw.secrets.SecretsException;
import dev.msw.secrets.TokenIdentity;
import dev.msw.secrets.VersionInfo;
import dev.msw.secrets.local.LocalSecretStore;
import dev.msw.secrets.vault.VaultSecretStore;
import dev.msw.secrets.vault.VaultSession;
import dev.msw.keys.LocalKeyring;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State and commands of the Vault tab, independent of the toolkit: the open stores (local and Vault, switched
 * with one click), the environment, the tree of secret paths, the selected secret with its versions, metadata and
 * the operations the current identity may perform. Values are masked unless {@link #revealedProperty()} is set.
 */
public final class VaultViewModel {
    /** The clipboard is cleared this long after a value was copied. */
    public static final int CLIPBOARD_CLEAR_SECONDS = 30;

    public enum StoreKind { LOCAL, VAULT }

    // ---- properties -----------------------------------------------------------------------------------------
    private final ObjectProperty<StoreKind> storeKind = new SimpleObjectProperty<>(StoreKind.LOCAL);
    private final ReadOnlyObjectWrapper<SecretStore> store = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper identityText = new ReadOnlyStringWrapper("Not connected");
    private final ReadOnlyStringWrapper expiryWarning = new ReadOnlyStringWrapper("");
    private final ObservableList<String> environments = FXCollections.observableArrayList();
    private final ObjectProperty<String> environment = new SimpleObjectProperty<>();
    private final ObservableList<String> paths = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper selectedPath = new ReadOnlyStringWrapper();
    private final ReadOnlyObjectWrapper<SecretVersion> secret = new ReadOnlyObjectWrapper<>();
    private final ObservableList<SecretRow> rows = FXCollections.observableArrayList();
    private final BooleanProperty revealed = new SimpleBooleanProperty(false);
    private final ObservableList<VersionInfo> history = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<SecretMetadata> metadata = new ReadOnlyObjectWrapper<>();
    private final Map<SecretOperation, ReadOnlyBooleanWrapper> allowed = new EnumMap<>(SecretOperation.class);
    private final ReadOnlyStringWrapper capabilitiesText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<dev.msw.app.task.RunningTask> currentTask = new ReadOnlyObjectWrapper<>();

    private final TaskRunner tasks;
    private final Map<StoreKind, SecretStore> open = new EnumMap<>(StoreKind.class);
    private final SessionKeyring keyring;
    private final Path localStorePath;
    private String localRole;

    /** The local store lives at {@code localStorePath}, encrypted with the session keyring shared by every tab. */
    public VaultViewModel(TaskRunner tasks, SessionKeyring keyring, Path localStorePath) {
        this.tasks = tasks;
        this.keyring = keyring;
        this.localStorePath = localStorePath;
        keyring.addListener(this::followKeyring);
        for (SecretOperation op : SecretOperation.values()) {
            allowed.put(op, new ReadOnlyBooleanWrapper(false));
        }
        environment.addListener((o, a, b) -> {
            if (b != null && store.get() != null) {
                refreshTree();
            }
        });
    }

    public ObjectProperty<StoreKind> storeKindProperty() {
        return storeKind;
    }

    public ReadOnlyObjectProperty<SecretStore> storeProperty() {
        return store.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty identityTextProperty() {
        return identityText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty expiryWarningProperty() {
        return expiryWarning.getReadOnlyProperty();
    }

    public ObservableList<String> environments() {
        return environments;
    }

    public ObjectProperty<String> environmentProperty() {
        return environment;
    }

    public ObservableList<String> paths() {
        return paths;
    }

    public ReadOnlyStringProperty selectedPathProperty() {
        return selectedPath.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<SecretVersion> secretProperty() {
        return secret.getReadOnlyProperty();
    }

    public ObservableList<SecretRow> rows() {
        return rows;
    }

    public BooleanProperty revealedProperty() {
        return revealed;
    }

    public ObservableList<VersionInfo> history() {
        return history;
    }

    public ReadOnlyObjectProperty<SecretMetadata> metadataProperty() {
        return metadata.getReadOnlyProperty();
    }

    /** Whether the identity may perform {@code op} on the selected path (from the server or the local engine). */
    public ReadOnlyBooleanProperty allowedProperty(SecretOperation op) {
        return allowed.get(op).getReadOnlyProperty();
    }

    public ReadOnlyStringProperty capabilitiesTextProperty() {
        return capabilitiesText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The most recently started task (the view's progress panel follows it). */
    public ReadOnlyObjectProperty<dev.msw.app.task.RunningTask> currentTaskProperty() {
        return currentTask.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public boolean isProduction() {
        return environment.get() != null && Environments.isProduction(environment.get());
    }

    // ---- connection ----------------------------------------------------------------------------------------

    /** Opens a store (off the FX thread) and makes it the active one. */
    public void connect(StoreKind kind, Supplier<SecretStore> opener) {
        run("Connecting", (progress, cancel) -> opener.get(), st -> {
            SecretStore old = open.put(kind, st);
            if (old != null && old != st) {
                old.close();
            }
            storeKind.set(kind);
            activate(st);
        });
    }

    /**
     * Unlocks the local store: with the session keyring if it is unlocked already, else unlocks that keyring
     * (creating it if there is none yet) with {@code passphrase}, for every tab. The array is cleared.
     */
    public void unlockLocal(char[] passphrase, String role) {
        localRole = role;
        LocalKeyring ring = keyring.keyring().orElse(null);
        if (ring != null) {
            java.util.Arrays.fill(passphrase, '\0');
            connectLocal(ring);
            return;
        }
        Path ringPath = keyring.path();
        run("Connecting", (progress, cancel) -> {
            try {
                return LocalKeyring.exists(ringPath) ? LocalKeyring.open(ringPath, passphrase)
                        : LocalKeyring.create(ringPath, passphrase);
            } finally {
                java.util.Arrays.fill(passphrase, '\0');
            }
        }, keyring::adopt); // the keyring listener then opens the store
    }

    private void connectLocal(LocalKeyring ring) {
        String role = localRole;
        run("Connecting", (progress, cancel) -> LocalSecretStore.open(localStorePath, ring, role), st -> {
            SecretStore old = open.put(StoreKind.LOCAL, st);
            if (old != null && old != st) {
                old.close();
            }
            storeKind.set(StoreKind.LOCAL);
            activate(st);
            keyring.keysChanged(); // the store may have added its key to the keyring
        });
    }

    /** The session keyring was unlocked or locked in some tab: open or close the local store to match. */
    private void followKeyring() {
        LocalKeyring ring = keyring.keyring().orElse(null);
        if (ring == null && open.containsKey(StoreKind.LOCAL)) {
            open.remove(StoreKind.LOCAL).close();
            if (storeKind.get() == StoreKind.LOCAL) {
                switchTo(StoreKind.LOCAL);
                message.set("The keyring was locked, so the local store is locked too.");
            }
        } else if (ring != null && !open.containsKey(StoreKind.LOCAL) && storeKind.get() == StoreKind.LOCAL && !busy.get()) {
            connectLocal(ring);
        }
    }

    /** One click: switch to the other store if it is already open (else the view asks for its credentials). */
    public boolean switchTo(StoreKind kind) {
        SecretStore st = open.get(kind);
        storeKind.set(kind);
        if (st == null && kind == StoreKind.LOCAL && keyring.isUnlocked() && !busy.get()) {
            connectLocal(keyring.keyring().orElseThrow());
            return true;
        }
        if (st == null) {
            store.set(null);
            identityText.set(kind == StoreKind.VAULT ? "Vault: not connected" : "Local store: locked");
            environments.clear();
            paths.clear();
            clearSelection();
            return false;
        }
        activate(st);
        return true;
    }

    public boolean isOpen(StoreKind kind) {
        return open.containsKey(kind);
    }

    public SecretStore openStore(StoreKind kind) {
        return open.get(kind);
    }

    private void activate(SecretStore st) {
        store.set(st);
        updateIdentity(st.identity());
        String previous = environment.get();
        environments.setAll(st.environments().names());
        environment.set(null);
        environment.set(previous != null && environments.contains(previous) ? previous : environments.get(0));
        message.set("Connected: " + st.describe());
    }

    private void updateIdentity(TokenIdentity id) {
        String ttl = id.ttlSeconds() == 0 ? "no expiry" : "expires in " + formatTtl(id.ttlSeconds());
        identityText.set(id.displayName() + "  ·  policies " + id.policies() + "  ·  " + ttl);
        SecretStore st = store.get();
        String warning = st instanceof VaultSecretStore v ? v.session().expiryWarning() : null;
        expiryWarning.set(warning == null ? "" : warning);
    }

    /**
     * Changes the environment names: for Vault the same session with the new folders, for the local store the
     * names saved in the store (owner only).
     */
    public void setEnvironments(List<String> names) {
        SecretStore st = store.get();
        StoreKind kind = storeKind.get();
        run("Changing environments", (progress, cancel) -> {
            if (st instanceof VaultSecretStore v) {
                return (SecretStore) v.withEnvironments(new Environments(st.environments().mount(), names));
            }
            ((LocalSecretStore) st).setEnvironments(names);
            return st;
        }, changed -> {
            open.put(kind, changed);
            activate(changed);
        });
    }

    /** Renews the Vault token (auth/token/renew-self). */
    public void renewToken() {
        if (!(store.get() instanceof VaultSecretStore v)) {
            message.set("Only Vault tokens can be renewed.");
            return;
        }
        run("Renewing token", (progress, cancel) -> v.session().renewSelf(), id -> {
            updateIdentity(id);
            message.set("Token renewed: " + formatTtl(id.ttlSeconds()) + " left.");
        });
    }

    /** Re-reads the token's remaining TTL so the expiry warning appears in time (the view calls it every minute). */
    public void checkExpiry() {
        if (store.get() instanceof VaultSecretStore v) {
            tasks.run("Checking the token", (p, c) -> v.session().lookupSelf(), this::updateIdentity,
                    t -> expiryWarning.set("The Vault token no longer works: " + ErrorDialogs.describe(t)));
        }
    }

    static String formatTtl(long seconds) {
        if (seconds >= 86400) {
            return seconds / 86400 + " d " + (seconds % 86400) / 3600 + " h";
        }
        if (seconds >= 3600) {
            return seconds / 3600 + " h " + (seconds % 3600) / 60 + " min";
        }
        return seconds / 60 + " min " + seconds % 60 + " s";
    }

    // ---- browsing ------------------------------------------------------------------------------------------

    public void refreshTree() {
        SecretStore st = store.get();
        String env = environment.get();
        if (st == null || env == null) {
            return;
        }
        run("Listing " + env, (progress, cancel) -> SecretMigration.allPaths(st, env, cancel), list -> {
            paths.setAll(list);
            clearSelection();
            message.set(list.size() + (list.size() == 1 ? " secret in " : " secrets in ") + env);
        });
        loadPermissions("");
    }

    /** Paths containing {@code text} (case-insensitive), for the search box. */
    public List<String> search(String text) {
        String t = text.toLowerCase(java.util.Locale.ROOT);
        return paths.stream().filter(p -> p.toLowerCase(java.util.Locale.ROOT).contains(t)).toList();
    }

    public void select(String path) {
        SecretStore st = store.get();
        String env = environment.get();
        if (st == null || path == null) {
            return;
        }
        selectedPath.set(path);
        revealed.set(false);
        loadPermissions(path);
        run("Reading " + env + "/" + path, (progress, cancel) -> st.read(env, path, 0), this::show);
        run("Reading history", (progress, cancel) -> st.metadata(env, path), m -> {
            metadata.set(m);
            history.setAll(m.versions());
        });
    }

    /** Starts a new, not yet saved secret at {@code path}. */
    public void startNew(String path) {
        selectedPath.set(Environments.cleanPath(path));
        secret.set(null);
        rows.clear();
        history.clear();
        metadata.set(null);
        loadPermissions(path);
    }

    public void readVersion(int version) {
        SecretStore st = store.get();
        String env = environment.get();
        String path = selectedPath.get();
        run("Reading version " + version, (progress, cancel) -> st.read(env, path, version), this::show);
    }

    private void show(SecretVersion v) {
        secret.set(v);
        rows.clear();
        v.data().forEach((k, val) -> rows.add(new SecretRow(k, val)));
        if (!v.info().state().equals("active")) {
            message.set("Version " + v.info().version() + " is " + v.info().state() + ": it holds no data.");
        }
    }

    private void clearSelection() {
        selectedPath.set(null);
        secret.set(null);
        rows.clear();
        history.clear();
        metadata.set(null);
    }

    private void loadPermissions(String path) {
        SecretStore st = store.get();
        String env = environment.get();
        run("Checking capabilities", (progress, cancel) -> st.permissions(env, path), perms -> {
            perms.forEach((op, ok) -> allowed.get(op).set(ok));
            StringBuilder sb = new StringBuilder();
            perms.forEach((op, ok) -> sb.append(ok ? "✓ " : "✗ ").append(op.label()).append('\n'));
            capabilitiesText.set(sb.toString().strip());
        });
    }

    /** Pretty JSON of the displayed secret, masked unless revealed. */
    public String json() {
        Map<String, String> m = new LinkedHashMap<>();
        rows.forEach(r -> m.put(r.key(), r.shown(revealed.get())));
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(m);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return "{}";
        }
    }

    // ---- changes -------------------------------------------------------------------------------------------

    /** Saves a new version with check-and-set against the version on screen (0 for a new secret). */
    public void save(Map<String, String> data) {
        SecretStore st = store.get();
        String env = environment.get();
        String path = selectedPath.get();
        SecretVersion current = secret.get();
        int cas = current == null ? 0 : currentVersionNumber(current);
        run("Saving " + env + "/" + path, (progress, cancel) -> st.write(env, path, data, cas), v -> {
            message.set("Saved " + env + "/" + path + " version " + v + ".");
            if (!paths.contains(path)) {
                paths.add(path);
                paths.sort(null);
            }
            select(path);
        });
    }

    private int currentVersionNumber(SecretVersion shown) {
        SecretMetadata m = metadata.get();
        return m != null ? m.currentVersion() : shown.info().version();
    }

    public void softDelete(List<Integer> versions) {
        change("Deleting", (st, env, p) -> st.softDelete(env, p, versions), "deleted");
    }

    public void undelete(List<Integer> versions) {
        change("Undeleting", (st, env, p) -> st.undelete(env, p, versions), "undeleted");
    }

    public void destroy(List<Integer> versions) {
        change("Destroying", (st, env, p) -> st.destroy(env, p, versions), "destroyed");
    }

    public void deleteAll() {
        SecretStore st = store.get();
        String env = environment.get();
        String path = selectedPath.get();
        run("Deleting " + env + "/" + path, (progress, cancel) -> {
            st.deleteAll(env, path);
            return path;
        }, p -> {
            paths.remove(p);
            clearSelection();
            message.set("Deleted " + env + "/" + p + " with all versions and metadata.");
        });
    }

    public void saveMetadata(MetadataSettings settings) {
        change("Saving metadata", (st, env, p) -> st.writeMetadata(env, p, settings), "metadata saved");
    }

    /** Key-level differences between two versions, values masked. */
    public void diff(int older, int newer, java.util.function.Consumer<List<String>> onResult) {
        SecretStore st = store.get();
        String env = environment.get();
        String path = selectedPath.get();
        run("Comparing versions", (progress, cancel) -> SecretDiff.between(st.read(env, path, older).data(),
                st.read(env, path, newer).data()).lines(), onResult::accept);
    }

    /** The text a confirmation must show; in production the user must type {@link #confirmationTarget()}. */
    public String confirmationText(String action) {
        return action + " " + confirmationTarget() + " in the " + environment.get().toUpperCase(java.util.Locale.ROOT)
                + " environment (" + (store.get() == null ? "" : store.get().describe()) + ")?";
    }

    public String confirmationTarget() {
        return environment.get() + "/" + selectedPath.get();
    }

    // ---- plumbing ------------------------------------------------------------------------------------------

    @FunctionalInterface
    private interface Change {
        void apply(SecretStore st, String env, String path);
    }

    private void change(String title, Change c, String done) {
        SecretStore st = store.get();
        String env = environment.get();
        String path = selectedPath.get();
        run(title + " " + env + "/" + path, (progress, cancel) -> {
            c.apply(st, env, path);
            return path;
        }, p -> {
            message.set(env + "/" + p + ": " + done + ".");
            select(p);
        });
    }

    /** Runs work through the task runner; the view shows the running task in its progress panel. */
    <T> void run(String title, dev.msw.app.task.BackgroundWork<T> work, java.util.function.Consumer<T> onSuccess) {
        if (store.get() == null && !title.equals("Connecting")) {
            message.set("Connect to a store first.");
            return;
        }
        busy.set(true);
        currentTask.set(tasks.run(title, work, r -> {
            busy.set(false);
            onSuccess.accept(r);
        }, t -> {
            busy.set(false);
            if (!(t instanceof dev.msw.core.CancelledException)) {
                message.set(ErrorDialogs.describe(t));
            } else {
                message.set(title + ": cancelled.");
            }
        }));
    }

    /** Closes every open store (the tab is going away). */
    public void close() {
        open.values().forEach(SecretStore::close);
        open.clear();
    }

    static SecretsException notConnected() {
        return new SecretsException("Not connected", null, "connect to Vault or unlock the local store");
    }

    /** Identity of the Vault session, for the policies view. */
    VaultSession vaultSession() {
        return store.get() instanceof VaultSecretStore v ? v.session() : null;
    }

    LocalSecretStore localStore() {
        return store.get() instanceof LocalSecretStore l ? l : null;
    }
}
