package dev.msw.app.keys;

import dev.msw.app.shell.SessionKeyring;
import dev.msw.app.task.RunningTask;
import dev.msw.app.task.TaskRunner;
import dev.msw.core.CancellationToken;
import dev.msw.core.ProgressListener;
import dev.msw.core.Sizes;
import dev.msw.core.UserFacingException;
import dev.msw.keys.ArtifactFolders;
import dev.msw.keys.ArtifactInventory;
import dev.msw.keys.KeyBackend;
import dev.msw.keys.KeyInfo;
import dev.msw.keys.LocalKeyBackend;
import dev.msw.keys.LocalKeyring;
import dev.msw.keys.MinimumVersionGuard;
import dev.msw.keys.RewrapSummary;
import dev.msw.keys.RewrapSummary.Outcome;
import dev.msw.keys.Rewrapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Keys (local keyring or Vault Transit) and the artifact inventory: unlock or connect, create, rotate with
 * rewrap, raise the minimum decryption version safely, and see which version protects each file.
 */
public final class KeysViewModel {
    /** One file of the inventory, one row per stanza that names a key. */
    public record InventoryRow(Path file, String size, String key, String version, String status) {
    }

    private final TaskRunner tasks;
    private final SessionKeyring session;
    private final ArtifactFolders folderStore;
    private KeyBackend backend;

    // properties
    private final ObservableList<KeyInfo> keys = FXCollections.observableArrayList();
    private final ObservableList<KeyInfo.Version> versions = FXCollections.observableArrayList();
    private final ObservableList<Path> folders = FXCollections.observableArrayList();
    private final ObservableList<InventoryRow> inventory = FXCollections.observableArrayList();
    private final ObjectProperty<KeyInfo> selectedKey = new SimpleObjectProperty<>();
    private final ReadOnlyBooleanWrapper connected = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper backendDescription = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper inventorySummary = new ReadOnlyStringWrapper("");
    private final TaskFeedback feedback = new TaskFeedback();
    private ArtifactInventory lastInventory;

    public KeysViewModel(TaskRunner tasks, SessionKeyring session, ArtifactFolders folderStore) {
        this.tasks = tasks;
        this.session = session;
        this.folderStore = folderStore;
        session.addListener(this::followSession);
        followSession();
        selectedKey.addListener((o, was, now) -> versions.setAll(now == null ? List.of() : now.versions()));
        try {
            folders.setAll(folderStore.list());
        } catch (IOException e) {
            feedback.failed(e);
        }
    }

    public ObservableList<KeyInfo> keys() {
        return keys;
    }

    public ObservableList<KeyInfo.Version> versions() {
        return versions;
    }

    public ObservableList<Path> folders() {
        return folders;
    }

    public ObservableList<InventoryRow> inventory() {
        return inventory;
    }

    public ObjectProperty<KeyInfo> selectedKeyProperty() {
        return selectedKey;
    }

    public ReadOnlyBooleanProperty connectedProperty() {
        return connected.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty backendDescriptionProperty() {
        return backendDescription.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty inventorySummaryProperty() {
        return inventorySummary.getReadOnlyProperty();
    }

    public TaskFeedback feedback() {
        return feedback;
    }

    public Path keyringPath() {
        return session.path();
    }

    // commands

    /** Unlocks the session keyring (for every tab) with {@code passphrase}; the array is cleared afterwards. */
    public boolean unlock(char[] passphrase) {
        try {
            if (session.isUnlocked()) { // unlocked in another tab (or before Vault was used here): switch back to it
                backend = null;
                followSession();
                return true;
            }
            session.unlock(passphrase);
            return true;
        } catch (IOException | RuntimeException e) {
            feedback.failed(e);
            return false;
        } finally {
            java.util.Arrays.fill(passphrase, '\0');
        }
    }

    /**
     * Follows the session keyring: shows its keys once it is unlocked (from this tab or any other) unless Vault
     * Transit is in use, and forgets them when it is locked.
     */
    private void followSession() {
        LocalKeyring ring = session.keyring().orElse(null);
        boolean local = backend == null || backend instanceof LocalKeyBackend;
        if (!local) {
            return;
        }
        if (ring == null) {
            backend = null;
            connected.set(false);
            keys.clear();
            selectedKey.set(null);
            backendDescription.set("Keyring " + session.path() + (session.exists() ? " (locked)" : " (not created yet)"));
            return;
        }
        try {
            if (backend instanceof LocalKeyBackend lb && lb.keyring() == ring) {
                reloadKeys();
            } else {
                use(new LocalKeyBackend(ring), "Keyring " + session.path() + " (unlocked)");
            }
        } catch (IOException | RuntimeException e) {
            feedback.failed(e);
        }
    }

    /** Tells the other tabs that the session keyring's keys changed here. */
    private void announceLocalChange() {
        if (backend instanceof LocalKeyBackend) {
            session.keysChanged();
        }
    }

    /** Uses an already opened backend (the Vault connection, or a keyring opened elsewhere). */
    public void use(KeyBackend b, String description) throws IOException {
        this.backend = b;
        connected.set(true);
        backendDescription.set(description);
        reloadKeys();
        feedback.ok(description + ": " + keys.size() + " key(s).");
    }

    public void reloadKeys() throws IOException {
        if (backend == null) {
            return;
        }
        String keep = selectedKey.get() == null ? null : selectedKey.get().name();
        List<KeyInfo> list = new ArrayList<>();
        for (String n : backend.keyNames()) {
            list.add(backend.info(n));
        }
        keys.setAll(list);
        selectedKey.set(list.stream().filter(k -> k.name().equals(keep)).findFirst().orElse(list.isEmpty() ? null : list.get(0)));
    }

    public void createKey(String name) {
        try {
            requireBackend();
            KeyInfo k = backend.create(name.trim());
            reloadKeys();
            announceLocalChange();
            selectedKey.set(keys.stream().filter(x -> x.name().equals(k.name())).findFirst().orElse(null));
            feedback.ok("Created key " + k.name() + " (" + k.backend() + ", v1).");
        } catch (IOException | RuntimeException e) {
            feedback.failed(e);
        }
    }

    /** What "Rotate" will do, for the confirmation dialog: the key, the new version and the files to rewrap. */
    public String rotationPlan(KeyInfo key) throws IOException {
        ArtifactInventory inv = ArtifactInventory.scan(List.copyOf(existingFolders()), ProgressListener.NONE, CancellationToken.NONE);
        List<ArtifactInventory.Item> files = inv.items().stream()
                .filter(i -> !i.versionsOf(backend.stanzaType(), key.name()).isEmpty()).toList();
        StringBuilder sb = new StringBuilder("Rotate key '" + key.name() + "' (" + key.backend() + ") from v" + key.latestVersion()
                + " to v" + (key.latestVersion() + 1) + ".\n\n");
        if (files.isEmpty()) {
            sb.append("No artifact in the inventory folders uses this key, so nothing will be rewrapped.");
        } else {
            sb.append("Then rewrap ").append(files.size()).append(" artifact(s) to v").append(key.latestVersion() + 1)
                    .append(" (only key stanzas and header MAC change; payloads stay byte for byte):\n");
            files.stream().limit(8).forEach(i -> sb.append("  • ").append(i.file()).append('\n'));
            if (files.size() > 8) {
                sb.append("  • … and ").append(files.size() - 8).append(" more\n");
            }
        }
        sb.append("\nOld versions keep decrypting until you raise the minimum decryption version.");
        return sb.toString();
    }

    /** Rotates, then rewraps every file of the inventory folders to the new version. */
    public RunningTask rotateAndRewrap(KeyInfo key) {
        List<Path> roots = existingFolders();
        KeyBackend b = backend;
        RunningTask t = tasks.run("Rotate " + key.name(), (p, c) -> {
            KeyInfo rotated = b.rotate(key.name());
            RewrapSummary s = roots.isEmpty() ? new RewrapSummary(List.of(), 0) : new Rewrapper(b).rewrap(key.name(), roots, p, c);
            return new Object[] {rotated, s};
        }, r -> {
            afterRewrap("Rotated " + key.name() + " to v" + ((KeyInfo) r[0]).latestVersion() + ". ", (RewrapSummary) r[1]);
            keys.stream().filter(k -> k.name().equals(key.name())).findFirst().ifPresent(selectedKey::set);
        }, this::failedAndReload);
        feedback.started(t, false);
        return t;
    }

    public RunningTask rewrap(KeyInfo key) {
        List<Path> roots = existingFolders();
        KeyBackend b = backend;
        RunningTask t = tasks.run("Rewrap to " + key.name() + " v" + key.latestVersion(),
                (p, c) -> new Rewrapper(b).rewrap(key.name(), roots, p, c), s -> afterRewrap("", s), this::failedAndReload);
        feedback.started(t, false);
        return t;
    }

    private void afterRewrap(String prefix, RewrapSummary s) {
        String text = prefix + "Rewrapped " + s.count(Outcome.DONE) + ", already current " + s.count(Outcome.CURRENT)
                + ", failed " + s.count(Outcome.FAILED) + ".";
        if (!s.failures().isEmpty()) {
            failedAndReload(new UserFacingException(text, s.failures().get(0).file() + ": " + s.failures().get(0).detail(),
                    "fix the cause and rewrap again; failed files were left unchanged"));
            return;
        }
        feedback.ok(text);
        reloadQuietly();
        refreshInventory();
    }

    /** Raises the minimum decryption version after checking the inventory folders. */
    public RunningTask setMinDecryption(KeyInfo key, int version) {
        List<Path> roots = existingFolders();
        KeyBackend b = backend;
        RunningTask t = tasks.run("Check inventory for " + key.name() + " v" + version, (p, c) -> {
            if (roots.isEmpty()) {
                throw new UserFacingException("Refusing to raise the minimum decryption version of '" + key.name() + "'",
                        "no inventory folder is known, so files that would become unreadable cannot be found",
                        "add the folders that hold your artifacts under Inventory first");
            }
            return MinimumVersionGuard.raise(b, key.name(), version, roots, p, c);
        }, k -> {
            feedback.ok("Minimum decryption version of " + k.name() + " is now v" + k.minDecryptionVersion() + ".");
            reloadQuietly();
        }, this::failedAndReload);
        feedback.started(t, false);
        return t;
    }

    public void addFolder(Path folder) {
        try {
            folderStore.add(folder);
            folders.setAll(folderStore.list());
            refreshInventory();
        } catch (IOException e) {
            feedback.failed(e);
        }
    }

    public void removeFolder(Path folder) {
        try {
            folderStore.remove(folder);
            folders.setAll(folderStore.list());
            refreshInventory();
        } catch (IOException e) {
            feedback.failed(e);
        }
    }

    public RunningTask refreshInventory() {
        List<Path> roots = existingFolders();
        RunningTask t = tasks.run("Inventory", (p, c) -> ArtifactInventory.scan(roots, p, c), this::showInventory, feedback::failed);
        feedback.started(t, false);
        return t;
    }

    private void showInventory(ArtifactInventory inv) {
        lastInventory = inv;
        List<InventoryRow> rows = new ArrayList<>();
        for (ArtifactInventory.Item i : inv.items()) {
            if (i.problem() != null) {
                rows.add(new InventoryRow(i.file(), Sizes.human(i.size()), "—", "—", "unreadable header: " + i.problem()));
                continue;
            }
            for (ArtifactInventory.KeyRef k : i.keys()) {
                rows.add(new InventoryRow(i.file(), Sizes.human(i.size()), k.key().isEmpty() ? k.description() : k.keyId(),
                        k.version() < 0 ? "—" : "v" + k.version(), status(k)));
            }
        }
        inventory.setAll(rows);
        String counts = inv.versionCounts().entrySet().stream().map(e -> e.getKey() + ": " + e.getValue().entrySet().stream()
                .map(v -> "v" + v.getKey() + " × " + v.getValue()).collect(Collectors.joining(", "))).collect(Collectors.joining(" · "));
        inventorySummary.set(inv.items().size() + " encrypted artifact(s), " + inv.unencrypted().size() + " other file(s)"
                + (counts.isEmpty() ? "" : " · " + counts)
                + (inv.temporaryFiles() > 0 ? " · " + inv.temporaryFiles() + " leftover temporary file(s)" : ""));
    }

    private String status(ArtifactInventory.KeyRef k) {
        if (backend == null || k.version() < 0 || !k.type().equals(backend.stanzaType())) {
            return "";
        }
        return keys.stream().filter(x -> x.name().equals(k.key())).findFirst().map(info -> {
            if (!info.canDecrypt(k.version())) {
                return "below minimum: does not open";
            }
            return k.version() < info.latestVersion() ? "behind (current v" + info.latestVersion() + ")" : "current";
        }).orElse("");
    }

    public ArtifactInventory lastInventory() {
        return lastInventory;
    }

    private List<Path> existingFolders() {
        return folders.stream().filter(p -> p.toFile().exists()).toList();
    }

    private void requireBackend() {
        if (backend == null) {
            throw new UserFacingException("No keys open", "the keyring is locked and Vault is not connected",
                    "unlock the keyring with its passphrase, or connect to Vault");
        }
    }

    private void reloadQuietly() {
        try {
            reloadKeys();
            announceLocalChange();
        } catch (IOException | RuntimeException e) {
            feedback.failed(e);
        }
    }

    private void failedAndReload(Throwable t) {
        feedback.failed(t);
        reloadQuietly();
    }
}
