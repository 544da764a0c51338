package dev.msw.app.inspect;

import dev.msw.app.shell.AppContext;
import dev.msw.app.shell.WorkbenchTab;
import javafx.scene.Node;

/** The Inspect tab: what is inside model artifacts, before anyone loads them. */
public final class InspectTab implements WorkbenchTab {
    @Override
    public String id() {
        return "inspect";
    }

    @Override
    public String title() {
        return "Inspect";
    }

    @Override
    public Node createContent(AppContext context) {
        return InspectView.load(context, new InspectViewModel()).root();
    }
}
