package dev.msw.app.task;

import java.util.function.Consumer;

/** Runs work synchronously on the calling thread: for view-model tests without a running toolkit. */
public final class ImmediateTaskRunner implements TaskRunner {
    @Override
    public <T> RunningTask run(String title, BackgroundWork<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        RunningTask task = new RunningTask(title);
        T result;
        try {
            result = work.call(task.listener(Runnable::run), task.token());
        } catch (Throwable t) {
            task.finished();
            onFailure.accept(t);
            return task;
        }
        task.finished();
        onSuccess.accept(result);
        return task;
    }
}
