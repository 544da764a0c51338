package dev.msw.app.signing;

import dev.msw.app.shell.AppContext;
import dev.msw.app.shell.WorkbenchTab;
import javafx.scene.Node;

/** The Signing tab: key pairs, signing files and model folders, verification reports. */
public final class SigningTab implements WorkbenchTab {
    @Override
    public String id() {
        return "signing";
    }

    @Override
    public String title() {
        return "Signing";
    }

    @Override
    public Node createContent(AppContext context) {
        SigningView view = SigningView.load(context);
        view.root().getProperties().put(SigningView.class, view);
        return view.root();
    }
}
