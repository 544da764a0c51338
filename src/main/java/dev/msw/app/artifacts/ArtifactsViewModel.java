package dev.msw.app.artifacts;

import dev.msw.app.shell.ErrorDialogs;
import dev.msw.app.shell.SessionKeyring;
import dev.msw.app.task.RunningTask;
import dev.msw.app.task.TaskRunner;
import dev.msw.core.CancelledException;
import dev.msw.core.Sizes;
import dev.msw.crypto.ArtifactBatch;
import dev.msw.crypto.ArtifactHeader;
import dev.msw.crypto.Identity;
import dev.msw.crypto.PassphraseIdentity;
import dev.msw.crypto.PassphraseRecipient;
import dev.msw.crypto.Recipient;
import dev.msw.keys.LocalKeyring;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
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
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;

/**
 * State and commands of the Artifacts tab, free of controls so that it is tested without a toolkit. The
 * keyring is the session's one, shared with every tab: unlocking it here unlocks it everywhere; passphrases
 * typed here are only held in the fields.
 */
public final class ArtifactsViewModel {
    /** Keyring state shown in the keyring bar. */
    public enum KeyringState { MISSING, LOCKED, UNLOCKED }

    private final TaskRunner tasks;
    private final SessionKeyring session;

    // ---- properties ----
    private final ObservableList<Path> files = FXCollections.observableArrayList();
    private final ObjectProperty<Path> selectedFile = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<HeaderSummary> header = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper headerNote = new ReadOnlyStringWrapper("Select a file to see its encryption header.");
    private final ReadOnlyObjectWrapper<KeyringState> keyringState = new ReadOnlyObjectWrapper<>();
    private final ObservableList<String> keyNames = FXCollections.observableArrayList();
    private final ObservableSet<String> chosenKeys = FXCollections.observableSet();
    private final StringProperty passphrase = new SimpleStringProperty("");
    private final StringProperty passphraseRepeat = new SimpleStringProperty("");
    private final ObjectProperty<Path> outputFolder = new SimpleObjectProperty<>();
    private final BooleanProperty overwrite = new SimpleBooleanProperty(false);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper resultOk = new ReadOnlyBooleanWrapper(true);
    private final BooleanBinding canEncrypt;
    private final BooleanBinding canDecrypt;

    public ArtifactsViewModel(TaskRunner tasks, SessionKeyring session) {
        this.tasks = tasks;
        this.session = session;
        session.addListener(this::followSession);
        followSession();
        selectedFile.addListener((o, was, now) -> loadHeader(now));
        BooleanBinding hasRecipient = Bindings.createBooleanBinding(() -> !chosenKeys.isEmpty()
                || (!passphrase.get().isEmpty() && passphrase.get().equals(passphraseRepeat.get())),
                chosenKeys, passphrase, passphraseRepeat);
        canEncrypt = Bindings.isNotEmpty(files).and(busy.not()).and(hasRecipient);
        canDecrypt = Bindings.isNotEmpty(files).and(busy.not());
    }

    public ObservableList<Path> files() {
        return files;
    }

    public ObjectProperty<Path> selectedFileProperty() {
        return selectedFile;
    }

    public ReadOnlyObjectProperty<HeaderSummary> headerProperty() {
        return header.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty headerNoteProperty() {
        return headerNote.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<KeyringState> keyringStateProperty() {
        return keyringState.getReadOnlyProperty();
    }

    public Path keyringPath() {
        return session.path();
    }

    public ObservableList<String> keyNames() {
        return keyNames;
    }

    public ObservableSet<String> chosenKeys() {
        return chosenKeys;
    }

    public StringProperty passphraseProperty() {
        return passphrase;
    }

    public StringProperty passphraseRepeatProperty() {
        return passphraseRepeat;
    }

    public ObjectProperty<Path> outputFolderProperty() {
        return outputFolder;
    }

    public BooleanProperty overwriteProperty() {
        return overwrite;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty resultOkProperty() {
        return resultOk.getReadOnlyProperty();
    }

    public BooleanBinding canEncryptProperty() {
        return canEncrypt;
    }

    public BooleanBinding canDecryptProperty() {
        return canDecrypt;
    }

    // ---- commands: files ----

    /** Adds dropped or picked files and folders (duplicates ignored) and selects the first new one. */
    public void addFiles(List<Path> paths) {
        Path first = null;
        for (Path p : paths) {
            Path abs = p.toAbsolutePath().normalize();
            if (!files.contains(abs)) {
                files.add(abs);
                first = first == null ? abs : first;
            }
        }
        if (first != null) {
            selectedFile.set(first);
        }
    }

    public void removeSelected() {
        Path p = selectedFile.get();
        if (p != null) {
            files.remove(p);
            selectedFile.set(files.isEmpty() ? null : files.get(0));
        }
    }

    public void clearFiles() {
        files.clear();
        selectedFile.set(null);
    }

    void loadHeader(Path p) {
        header.set(null);
        if (p == null) {
            headerNote.set("Select a file to see its encryption header.");
            return;
        }
        try {
            if (Files.isDirectory(p)) {
                headerNote.set(p.getFileName() + " is a folder: every file in it is processed, keeping the tree.");
            } else if (!Files.isRegularFile(p)) {
                headerNote.set(p + " does not exist any more.");
            } else if (!ArtifactHeader.hasMagic(p)) {
                headerNote.set(p.getFileName() + " is not encrypted (" + Sizes.human(Files.size(p)) + ").");
            } else {
                header.set(HeaderSummary.of(p, ArtifactHeader.read(p), Files.size(p)));
                headerNote.set("");
            }
        } catch (IOException | RuntimeException e) {
            headerNote.set(ErrorDialogs.describe(e));
        }
    }

    // ---- commands: keyring ----

    /** Creates the keyring (off the FX thread: PKCS#12 key derivation takes a moment). */
    public void createKeyring(String pass, String repeat) {
        if (!pass.equals(repeat)) {
            report(false, "The passphrases differ: type the same passphrase twice.");
            return;
        }
        Path keyringPath = session.path();
        openKeyring("Creating the keyring", () -> LocalKeyring.create(keyringPath, pass.toCharArray()),
                "Created the keyring " + keyringPath + ". Keep its passphrase safe.");
    }

    /** Unlocks the keyring for the rest of the session, in every tab. */
    public void unlock(String pass) {
        Path keyringPath = session.path();
        openKeyring("Unlocking the keyring", () -> LocalKeyring.open(keyringPath, pass.toCharArray()),
                "Keyring unlocked for this session.");
    }

    private interface KeyringOpener {
        LocalKeyring open() throws Exception;
    }

    private void openKeyring(String title, KeyringOpener opener, String message) {
        busy.set(true);
        tasks.run(title, (p, c) -> opener.open(), ring -> {
            busy.set(false);
            session.adopt(ring);
            report(true, message);
        }, failure -> {
            busy.set(false);
            report(false, ErrorDialogs.describe(failure));
        });
    }

    public void createKey(String name) {
        run(() -> {
            requireUnlocked();
            var v = session.keyring().orElseThrow().createKey(name.trim());
            dev.msw.audit.Audit.record("key.create", v.name(), "success", java.util.Map.of("keyring",
                    session.path().toString(), "version", "1"));
            session.keysChanged();
            chosenKeys.add(v.name());
            report(true, "Created key '" + v.name() + "' (version 1).");
        });
    }

    /** Follows the session keyring: its state, and its key names while it is unlocked. */
    private void followSession() {
        LocalKeyring ring = session.keyring().orElse(null);
        keyringState.set(ring != null ? KeyringState.UNLOCKED : session.exists() ? KeyringState.LOCKED : KeyringState.MISSING);
        if (ring == null) {
            keyNames.clear();
        } else {
            keyNames.setAll(ring.keyNames());
        }
        chosenKeys.retainAll(keyNames);
    }

    private void requireUnlocked() {
        if (!session.isUnlocked()) {
            throw new IllegalStateException("Unlock the keyring first.");
        }
    }

    // ---- commands: encrypt / decrypt ----

    /** Encrypts every listed file and folder for the chosen keys and/or the passphrase. */
    public RunningTask encrypt(Consumer<RunningTask> onStart) {
        List<Recipient> recipients = new ArrayList<>();
        LocalKeyring keyring = session.keyring().orElse(null);
        for (String k : keyNames) {
            if (chosenKeys.contains(k)) {
                recipients.add(keyring.recipient(k));
            }
        }
        PassphraseRecipient pr = passphrase.get().isEmpty() ? null : new PassphraseRecipient(passphrase.get().toCharArray());
        if (pr != null) {
            recipients.add(pr);
        }
        List<Path> inputs = List.copyOf(files);
        Path outDir = outputFolder.get();
        boolean force = overwrite.get();
        return start("Encrypting", onStart, (progress, cancel) -> {
            List<ArtifactBatch.Item> plan = new ArrayList<>();
            for (Path in : inputs) {
                plan.addAll(ArtifactBatch.planEncrypt(in, OutputNames.encrypted(in, outDir)));
            }
            try {
                return new ArtifactBatch().encrypt(plan, recipients, force, progress, cancel);
            } finally {
                if (pr != null) {
                    pr.destroy();
                }
            }
        }, "Encrypted");
    }

    /** Decrypts every listed encrypted file and folder with the unlocked keyring and/or the passphrase. */
    public RunningTask decrypt(Consumer<RunningTask> onStart) {
        List<Identity> ids = new ArrayList<>();
        session.keyring().ifPresent(ring -> ids.add(ring.identity()));
        PassphraseIdentity pi = passphrase.get().isEmpty() ? null : new PassphraseIdentity(passphrase.get().toCharArray());
        if (pi != null) {
            ids.add(pi);
        }
        List<Path> inputs = List.copyOf(files);
        Path outDir = outputFolder.get();
        boolean force = overwrite.get();
        return start("Decrypting", onStart, (progress, cancel) -> {
            List<ArtifactBatch.Item> plan = new ArrayList<>();
            for (Path in : inputs) {
                plan.addAll(ArtifactBatch.planDecrypt(in, OutputNames.decrypted(in, outDir)));
            }
            try {
                return new ArtifactBatch().decrypt(plan, ids, force, progress, cancel);
            } finally {
                if (pi != null) {
                    pi.destroy();
                }
            }
        }, "Decrypted");
    }

    private RunningTask start(String title, Consumer<RunningTask> onStart,
            dev.msw.app.task.BackgroundWork<List<ArtifactBatch.Outcome>> work, String verb) {
        busy.set(true);
        report(true, "");
        RunningTask t = tasks.run(title, work, done -> {
            busy.set(false);
            long bytes = done.stream().mapToLong(o -> o.result().plaintextBytes()).sum();
            Path last = done.isEmpty() ? null : done.get(done.size() - 1).destination();
            report(true, verb + " " + done.size() + (done.size() == 1 ? " file" : " files") + " (" + Sizes.human(bytes)
                    + ")" + (last == null ? "" : ", last: " + last) + ".");
            if (selectedFile.get() != null) {
                loadHeader(selectedFile.get());
            }
        }, failure -> {
            busy.set(false);
            report(false, failure instanceof CancelledException ? "Cancelled: nothing was written."
                    : ErrorDialogs.describe(failure));
        });
        onStart.accept(t);
        return t;
    }

    private void run(ThrowingAction action) {
        try {
            action.run();
        } catch (Exception e) {
            report(false, e instanceof IllegalArgumentException || e instanceof IllegalStateException
                    ? e.getMessage() : ErrorDialogs.describe(e));
        }
    }

    private interface ThrowingAction {
        void run() throws Exception;
    }

    private void report(boolean ok, String message) {
        resultOk.set(ok);
        result.set(message);
    }
}
