package dev.msw.core;

/** Thrown by core work that stopped because its {@link CancellationToken} was cancelled. */
public final class CancelledException extends UserFacingException {
    public CancelledException() {
        super("Cancelled", "the operation was cancelled before it finished; nothing was written", "run it again when ready");
    }
}
