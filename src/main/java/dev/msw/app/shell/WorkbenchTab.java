package dev.msw.app.shell;

import javafx.scene.Node;

/** One tab of the main window. Implementations live in {@code app/<tab>/} and are listed in {@link Tabs}. */
public interface WorkbenchTab {
    /** Stable id, used for the tab's node id ("tab-" + id) and its screenshot name. */
    String id();

    String title();

    /** Builds the tab's content; called once, on the FX thread. */
    Node createContent(AppContext context);
}
