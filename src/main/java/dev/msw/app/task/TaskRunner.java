package dev.msw.app.task;

import java.util.function.Consumer;

/**
 * Runs long work off the FX thread. {@link FxTaskRunner} is the real one; {@link ImmediateTaskRunner} runs
 * on the calling thread so view models can be tested without a toolkit.
 */
public interface TaskRunner {
    /**
     * Starts {@code work}; exactly one of the callbacks is called afterwards on the FX thread (or the calling
     * thread for the immediate runner). Cancellation ends in {@code onFailure} with a
     * {@link dev.msw.core.CancelledException}.
     */
    <T> RunningTask run(String title, BackgroundWork<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure);
}
