package dev.msw.app.artifacts;

import dev.msw.app.shell.ErrorDialogs;
import dev.msw.app.shell.SessionKeyring;
import dev.msw.app.task.RunningTask;
import dev.msw.app.task.TaskRunner;
import dev.msw.audit.Audit;
import dev.msw.crypto.Recipient;
import dev.msw.crypto.legacy.LegacyContent;
import dev.msw.crypto.legacy.LegacyImporter;
import dev.msw.crypto.legacy.LegacyReader;
import dev.msw.crypto.legacy.ValueTree;
import dev.msw.inspect.Finding;
import dev.msw.keys.LocalKeyring;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
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

/**
 * The legacy import flow: read the file with the safe reader and show its findings first; import only plain
 * content, into the msw container for a session keyring key or as safetensors.
 */
public final class LegacyImportViewModel {
    private final SessionKeyring session;
    private final ObjectProperty<Path> source = new SimpleObjectProperty<>();
    private final StringProperty keyHex = new SimpleStringProperty("");
    private final ObjectProperty<Path> destination = new SimpleObjectProperty<>();
    private final StringProperty keyName = new SimpleStringProperty("");
    private final StringProperty keyringPassphrase = new SimpleStringProperty("");
    private final BooleanProperty toSafetensors = new SimpleBooleanProperty();
    private final ReadOnlyObjectWrapper<LegacyContent> content = new ReadOnlyObjectWrapper<>();
    private final ObservableList<Finding> findings = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<ValueTree> tree = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("Choose a legacy file and enter its key.");
    private final SimpleBooleanProperty busy = new SimpleBooleanProperty();

    private final BooleanBinding readDisabled = source.isNull().or(keyHex.isEmpty()).or(busy);
    private final BooleanBinding importDisabled = Bindings.createBooleanBinding(
            () -> content.get() == null || !content.get().plain() || destination.get() == null || busy.get()
                    || (keyName.get().isBlank() && !toSafetensors.get()),
            content, destination, busy, keyName, toSafetensors);

    /** A finished import, and the keyring it unlocked on the way (null if the session's was already open). */
    private record Imported(LegacyImporter.Result result, LocalKeyring unlocked) {
    }

    public LegacyImportViewModel(SessionKeyring session) {
        this.session = session;
    }

    public SessionKeyring session() {
        return session;
    }

    public ObjectProperty<Path> sourceProperty() {
        return source;
    }

    public StringProperty keyHexProperty() {
        return keyHex;
    }

    public ObjectProperty<Path> destinationProperty() {
        return destination;
    }

    public StringProperty keyNameProperty() {
        return keyName;
    }

    public StringProperty keyringPassphraseProperty() {
        return keyringPassphrase;
    }

    public BooleanProperty toSafetensorsProperty() {
        return toSafetensors;
    }

    public ReadOnlyObjectProperty<LegacyContent> contentProperty() {
        return content.getReadOnlyProperty();
    }

    public ObservableList<Finding> findings() {
        return findings;
    }

    public ReadOnlyObjectProperty<ValueTree> treeProperty() {
        return tree.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public BooleanBinding readDisabled() {
        return readDisabled;
    }

    public BooleanBinding importDisabled() {
        return importDisabled;
    }

    /** Step 1: decrypt in memory and parse with the safe reader; findings come first. */
    public RunningTask read(TaskRunner tasks) {
        Path file = source.get();
        String hex = keyHex.get();
        busy.set(true);
        content.set(null);
        findings.clear();
        tree.set(null);
        return tasks.run("Reading legacy file", (p, c) -> {
            byte[] key = LegacyReader.parseKeyHex(hex);
            try {
                LegacyContent lc = LegacyReader.read(file, key);
                Audit.record("legacy-show", file.toString(), lc.plain() ? "plain" : "refused",
                        Map.of("findings", Integer.toString(lc.findings().size()), "via", "gui"));
                return lc;
            } finally {
                Arrays.fill(key, (byte) 0);
            }
        }, lc -> {
            busy.set(false);
            content.set(lc);
            findings.setAll(lc.findings());
            tree.set(lc.plain() ? ValueTree.of(null, lc.value()) : null);
            message.set("Warning: " + LegacyContent.UNAUTHENTICATED_WARNING + ". "
                    + (lc.plain() ? "Plain data only: it can be imported."
                            : "Refused: the pickle constructs objects or calls functions (see the findings); it will not be imported."));
        }, t -> {
            busy.set(false);
            message.set(ErrorDialogs.describe(t));
        });
    }

    /**
     * Step 2: write the import (encrypted for the named key of the session keyring, or as plain safetensors). A
     * locked session keyring is unlocked with the keyring passphrase field, for every tab.
     */
    public RunningTask importNow(TaskRunner tasks) {
        Path file = source.get();
        Path out = destination.get();
        String hex = keyHex.get();
        String name = keyName.get().strip();
        char[] pass = keyringPassphrase.get().toCharArray();
        keyringPassphrase.set("");
        boolean st = toSafetensors.get();
        LocalKeyring sessionRing = session.keyring().orElse(null);
        Path ringPath = session.path();
        busy.set(true);
        return tasks.run("Importing legacy file", (p, c) -> {
            byte[] key = LegacyReader.parseKeyHex(hex);
            try {
                List<Recipient> recipients = new ArrayList<>();
                LocalKeyring opened = null;
                if (!name.isEmpty()) {
                    LocalKeyring ring = sessionRing;
                    if (ring == null) {
                        opened = LocalKeyring.open(ringPath, pass);
                        ring = opened;
                    }
                    recipients.add(ring.recipient(name));
                }
                return new Imported(LegacyImporter.importFile(file, key, out, recipients, st, false, p, c), opened);
            } finally {
                Arrays.fill(key, (byte) 0);
                Arrays.fill(pass, '\0');
            }
        }, done -> {
            busy.set(false);
            if (done.unlocked() != null) {
                session.adopt(done.unlocked());
            }
            LegacyImporter.Result r = done.result();
            message.set("Imported to " + r.destination() + " (" + r.format() + (r.encrypted() ? ", encrypted" : ", not encrypted") + ").");
        }, t -> {
            busy.set(false);
            message.set(ErrorDialogs.describe(t));
        });
    }
}
