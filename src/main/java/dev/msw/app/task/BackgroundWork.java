package dev.msw.app.task;

import dev.msw.core.CancellationToken;
import dev.msw.core.ProgressListener;

/** Work for a background thread: plain core calls that report progress and honour cancellation. */
@FunctionalInterface
public interface BackgroundWork<T> {
    T call(ProgressListener progress, CancellationToken cancel) throws Exception;
}
