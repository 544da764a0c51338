package dev.msw.app.keys;

import dev.msw.app.task.RunningTask;
import dev.msw.core.CancelledException;
import dev.msw.core.UserFacingException;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * What a section of the tab tells the person about its long work: the task now running (for the progress
 * panel, with byte or count units), and the last outcome as a message that is either fine or an error.
 */
public final class TaskFeedback {
    /** A running task and whether its units are bytes. */
    public record Tracked(RunningTask task, boolean bytes) {
    }

    private final ReadOnlyObjectWrapper<Tracked> current = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper error = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);

    public ReadOnlyObjectProperty<Tracked> currentProperty() {
        return current.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    private int running;

    /** Tracks {@code t} until it stops running; busy while any tracked task runs. */
    void started(RunningTask t, boolean bytes) {
        if (!t.runningProperty().get()) {
            return;
        }
        running++;
        busy.set(true);
        t.runningProperty().addListener((o, was, now) -> {
            if (!now) {
                running = Math.max(0, running - 1);
                busy.set(running > 0);
            }
        });
        current.set(new Tracked(t, bytes));
    }

    void ok(String text) {
        error.set(false);
        message.set(text);
    }

    void failed(Throwable t) {
        error.set(true);
        message.set(describe(t));
    }

    static String describe(Throwable t) {
        Throwable u = t;
        while (!(u instanceof UserFacingException) && u.getCause() != null && u.getCause() != u) {
            u = u.getCause();
        }
        if (u instanceof CancelledException) {
            return "Cancelled: nothing was left half-written; run it again when ready.";
        }
        if (u instanceof UserFacingException) {
            return u.getMessage();
        }
        return "Unexpected error: " + t + ". This is a bug; please report it.";
    }
}
