package dev.msw.signing;

import dev.msw.core.CancellationToken;
import dev.msw.core.CancelledException;
import dev.msw.core.ProgressListener;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A SHA-256 of one file being computed on its own thread, so that its caller can do other work meanwhile (read
 * and decrypt the signing key); {@link #abandon()} stops it. Made by {@link RawSignatures#digestAhead} and by
 * {@link EarlyDigests}.
 */
public final class DigestAhead {

    private final CancellationToken cancel;
    private final CompletableFuture<byte[]> digest = new CompletableFuture<>();
    private volatile ProgressListener progress = ProgressListener.NONE;

    private DigestAhead(CancellationToken cancel) {
        this.cancel = cancel;
    }

    static DigestAhead start(Path file, CancellationToken parent) {
        DigestAhead d = new DigestAhead(parent.child());
        Thread t = new Thread(() -> {
            try {
                d.digest.complete(FileDigests.digest(file, "SHA-256",
                        (done, total, what) -> d.progress.progress(done, total, what), d.cancel));
            } catch (Throwable e) {
                d.digest.completeExceptionally(e);
            }
        }, "msw-digest-ahead");
        t.setDaemon(true);
        t.start();
        return d;
    }

    /** From now on, progress goes to {@code listener}. */
    DigestAhead reportingTo(ProgressListener listener) {
        this.progress = listener;
        return this;
    }

    /** Stops the hashing (the key could not be read, or it is an Ed25519 key, which signs the whole file). */
    public void abandon() {
        cancel.cancel();
    }

    /** Waits for the digest; {@code userCancel} (the command's Cancel) stops the hashing and the wait. */
    byte[] join(CancellationToken userCancel) {
        try {
            while (true) {
                try {
                    return digest.get(50, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    if (userCancel.isCancelled()) {
                        abandon();
                        throw new CancelledException();
                    }
                }
            }
        } catch (InterruptedException e) {
            abandon();
            Thread.currentThread().interrupt();
            throw new CancelledException();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
