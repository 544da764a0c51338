package dev.msw.app.task;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.application.Platform;

/** Runs work on a small pool of daemon threads and reports back on the FX thread. */
public final class FxTaskRunner implements TaskRunner {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "msw-worker-" + COUNTER.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    @Override
    public <T> RunningTask run(String title, BackgroundWork<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        RunningTask task = new RunningTask(title);
        var listener = task.listener(Platform::runLater);
        pool.execute(() -> {
            try {
                T result = work.call(listener, task.token());
                Platform.runLater(() -> {
                    task.finished();
                    onSuccess.accept(result);
                });
            } catch (Throwable t) {
                Platform.runLater(() -> {
                    task.finished();
                    onFailure.accept(t);
                });
            }
        });
        return task;
    }
}
