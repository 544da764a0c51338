package dev.msw.app.shell;

import dev.msw.keys.LocalKeyring;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The local keyring as the whole GUI sees it: unlocked once per session (DESIGN.md §4), from any tab, and then
 * used by every tab. Properties and listeners change on the caller's thread, so call the mutators on the FX
 * thread (or, in toolkit-free tests, on the test thread); open the keyring off the FX thread and hand it over
 * with {@link #adopt}.
 */
public final class SessionKeyring {
    private final Path path;
    private final ReadOnlyObjectWrapper<LocalKeyring> keyring = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper unlocked = new ReadOnlyBooleanWrapper(false);
    private final List<Runnable> listeners = new ArrayList<>();

    public SessionKeyring(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    /** Whether the keyring file exists (it may still be locked). */
    public boolean exists() {
        return LocalKeyring.exists(path);
    }

    public ReadOnlyBooleanProperty unlockedProperty() {
        return unlocked.getReadOnlyProperty();
    }

    public boolean isUnlocked() {
        return unlocked.get();
    }

    /** The unlocked keyring, or null while locked. */
    public ReadOnlyObjectProperty<LocalKeyring> keyringProperty() {
        return keyring.getReadOnlyProperty();
    }

    public Optional<LocalKeyring> keyring() {
        return Optional.ofNullable(keyring.get());
    }

    /** One line for the status bar. */
    public String describe() {
        if (isUnlocked()) {
            return "Keyring unlocked (" + path.getFileName() + ")";
        }
        return exists() ? "Keyring locked" : "No keyring yet";
    }

    /** Creates the keyring file and keeps it unlocked; the passphrase array is cleared. */
    public LocalKeyring create(char[] passphrase) throws IOException {
        try {
            return adopt(LocalKeyring.create(path, passphrase));
        } finally {
            Arrays.fill(passphrase, '\0');
        }
    }

    /** Opens the keyring with its passphrase and keeps it unlocked; the passphrase array is cleared. */
    public LocalKeyring unlock(char[] passphrase) throws IOException {
        try {
            return adopt(LocalKeyring.open(path, passphrase));
        } finally {
            Arrays.fill(passphrase, '\0');
        }
    }

    /**
     * Makes a keyring opened elsewhere (off the FX thread) the session's one. If the session is unlocked
     * already, the keyring every tab holds stays and {@code ring} is closed (tabs never hold a closed one).
     */
    public LocalKeyring adopt(LocalKeyring ring) {
        if (!ring.path().toAbsolutePath().normalize().equals(path.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("the keyring " + ring.path() + " is not the session's keyring " + path);
        }
        LocalKeyring current = keyring.get();
        if (current != null && current != ring) {
            ring.close();
            fire();
            return current;
        }
        keyring.set(ring);
        unlocked.set(true);
        fire();
        return ring;
    }

    /** Forgets the keyring and clears its passphrase from memory; every tab sees it locked. */
    public void lock() {
        LocalKeyring old = keyring.get();
        if (old == null) {
            return;
        }
        keyring.set(null);
        unlocked.set(false);
        fire();
        old.close();
    }

    /** Tells every tab that keys were added or rotated, so their lists follow. */
    public void keysChanged() {
        fire();
    }

    /** Called after every unlock, lock and key change. */
    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    public void removeListener(Runnable listener) {
        listeners.remove(listener);
    }

    private void fire() {
        for (Runnable r : List.copyOf(listeners)) {
            r.run();
        }
    }
}
