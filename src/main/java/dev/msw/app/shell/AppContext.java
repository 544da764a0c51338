package dev.msw.app.shell;

import dev.msw.app.task.TaskRunner;
import java.util.function.Consumer;
import javafx.stage.Window;

/** What every tab gets from the shell: the task runner, the status line and the owner window for dialogs. */
public final class AppContext {
    private final TaskRunner tasks;
    private final Consumer<String> status;
    private final Window window;

    public AppContext(TaskRunner tasks, Consumer<String> status, Window window) {
        this.tasks = tasks;
        this.status = status;
        this.window = window;
    }

    public TaskRunner tasks() {
        return tasks;
    }

    /** Shows a short message in the status bar. */
    public void status(String message) {
        status.accept(message);
    }

    /** The main window, owner for dialogs and file choosers (null in toolkit-free tests). */
    public Window window() {
        return window;
    }
}
