package dev.msw.app.shell;

import dev.msw.app.task.TaskRunner;
import java.util.function.Consumer;
import javafx.stage.Window;

/**
 * What every tab gets from the shell: the task runner, the status line, the owner window for dialogs and the
 * session keyring that every tab shares.
 */
public final class AppContext {
    private final TaskRunner tasks;
    private final Consumer<String> status;
    private final Window window;
    private final SessionKeyring keyring;

    public AppContext(TaskRunner tasks, Consumer<String> status, Window window, SessionKeyring keyring) {
        this.tasks = tasks;
        this.status = status;
        this.window = window;
        this.keyring = keyring;
    }

    /** The local keyring, unlocked once for every tab. */
    public SessionKeyring keyring() {
        return keyring;
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
