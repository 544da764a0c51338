package dev.msw.core;

import java.util.concurrent.atomic.AtomicBoolean;

/** A flag that long-running core work checks between chunks; the GUI's Cancel button and Ctrl-C set it. */
public final class CancellationToken {
    public static final CancellationToken NONE = new CancellationToken();

    private final AtomicBoolean cancelled = new AtomicBoolean();

    public void cancel() {
        if (this != NONE) {
            cancelled.set(true);
        }
    }

    public boolean isCancelled() {
        return cancelled.get();
    }

    /** Throws {@link CancelledException} once {@link #cancel()} has been called. */
    public void throwIfCancelled() {
        if (cancelled.get()) {
            throw new CancelledException();
        }
    }
}
