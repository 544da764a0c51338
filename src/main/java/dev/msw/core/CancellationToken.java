package dev.msw.core;

import java.util.concurrent.atomic.AtomicBoolean;

/** A flag that long-running core work checks between chunks; the GUI's Cancel button and Ctrl-C set it. */
public final class CancellationToken {
    public static final CancellationToken NONE = new CancellationToken();

    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final CancellationToken parent;

    public CancellationToken() {
        this(null);
    }

    private CancellationToken(CancellationToken parent) {
        this.parent = parent;
    }

    /** A token for part of the work: cancelled with this one, and also on its own without cancelling this one. */
    public CancellationToken child() {
        return new CancellationToken(this);
    }

    public void cancel() {
        if (this != NONE) {
            cancelled.set(true);
        }
    }

    public boolean isCancelled() {
        return cancelled.get() || (parent != null && parent.isCancelled());
    }

    /** Throws {@link CancelledException} once {@link #cancel()} has been called (on this token or its parent). */
    public void throwIfCancelled() {
        if (isCancelled()) {
            throw new CancelledException();
        }
    }
}
