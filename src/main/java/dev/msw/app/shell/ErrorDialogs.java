package dev.msw.app.shell;

import dev.msw.core.CancelledException;
import dev.msw.core.UserFacingException;
import javafx.scene.control.Alert;
import javafx.scene.control.TextArea;
import javafx.stage.Window;

/** Turns failures into messages for people: what failed, why, what to do. Never a bare stack trace. */
public final class ErrorDialogs {
    private ErrorDialogs() {
    }

    /** One line for a status bar or a result label. */
    public static String describe(Throwable t) {
        Throwable u = t;
        while (!(u instanceof UserFacingException) && u.getCause() != null && u.getCause() != u) {
            u = u.getCause();
        }
        if (u instanceof UserFacingException) {
            return u.getMessage();
        }
        if (t instanceof java.io.IOException || t instanceof java.io.UncheckedIOException) {
            return "Input/output error: " + t.getMessage() + ". Check the path, free disk space and permissions.";
        }
        return "Unexpected error: " + t + ". This is a bug; please report it.";
    }

    public static void show(Window owner, String title, Throwable t) {
        if (t instanceof CancelledException) {
            return;
        }
        Alert a = new Alert(Alert.AlertType.ERROR);
        a.initOwner(owner);
        a.setTitle(title);
        a.setHeaderText(title);
        TextArea text = new TextArea(describe(t));
        text.setWrapText(true);
        text.setEditable(false);
        text.setPrefRowCount(4);
        a.getDialogPane().setContent(text);
        a.show();
    }
}
