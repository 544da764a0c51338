package dev.msw.app.task;

import dev.msw.core.CancellationToken;
import dev.msw.core.ProgressListener;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** Observable state of one piece of background work: units done and total, a message, running, cancel. */
public final class RunningTask {
    private final String title;
    private final CancellationToken token = new CancellationToken();
    private final long startNanos = System.nanoTime();

    // properties
    private final ReadOnlyLongWrapper done = new ReadOnlyLongWrapper(0);
    private final ReadOnlyLongWrapper total = new ReadOnlyLongWrapper(-1);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(true);

    public RunningTask(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    public ReadOnlyLongProperty doneProperty() {
        return done.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty totalProperty() {
        return total.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public long startNanos() {
        return startNanos;
    }

    // commands

    /** Asks the work to stop at its next checkpoint. */
    public void cancel() {
        token.cancel();
    }

    public boolean isCancelled() {
        return token.isCancelled();
    }

    CancellationToken token() {
        return token;
    }

    /** Applies a progress update; call on the thread that owns the properties. */
    void update(long d, long t, String m) {
        done.set(d);
        total.set(t);
        if (m != null) {
            message.set(m);
        }
    }

    void finished() {
        running.set(false);
    }

    /** A listener that forwards to {@link #update} through {@code dispatcher}, coalescing bursts. */
    ProgressListener listener(java.util.function.Consumer<Runnable> dispatcher) {
        java.util.concurrent.atomic.AtomicBoolean pending = new java.util.concurrent.atomic.AtomicBoolean();
        long[] latest = new long[2];
        String[] latestMsg = new String[1];
        return (d, t, m) -> {
            synchronized (latest) {
                latest[0] = d;
                latest[1] = t;
                latestMsg[0] = m;
            }
            if (pending.compareAndSet(false, true)) {
                dispatcher.accept(() -> {
                    pending.set(false);
                    long dd;
                    long tt;
                    String mm;
                    synchronized (latest) {
                        dd = latest[0];
                        tt = latest[1];
                        mm = latestMsg[0];
                    }
                    update(dd, tt, mm);
                });
            }
        };
    }
}
