package dev.msw.app.console;

import dev.msw.app.shell.AppContext;
import dev.msw.app.shell.WorkbenchTab;
import javafx.scene.Node;

/** The prediction Console: the twelve guarded stages on real models, one request or a batch at a time. */
public final class ConsoleTab implements WorkbenchTab {
    public static final String ID = "console";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Console";
    }

    @Override
    public Node createContent(AppContext context) {
        return ConsoleView.load(context).root();
    }
}
