package dev.msw.app.shell;

import dev.msw.app.task.TaskRunner;
import dev.msw.core.Version;
import java.io.IOException;
import java.net.URL;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.stage.Window;

/** Controller of the main window: menu, tabs from {@link Tabs}, status bar. */
public final class MainView {
    @FXML
    private BorderPane root;
    @FXML
    private TabPane tabs;
    @FXML
    private Label statusLabel;
    @FXML
    private Label versionLabel;
    @FXML
    private CheckMenuItem darkThemeItem;

    private Runnable themeToggle = () -> { };
    private Runnable quitAction = () -> { };

    /** Loads {@code fxml/main.fxml} and fills the tabs. */
    public static MainView load(TaskRunner tasks, Window window, java.util.List<WorkbenchTab> tabList) {
        URL url = MainView.class.getResource("/fxml/main.fxml");
        FXMLLoader loader = new FXMLLoader(url);
        try {
            loader.load();
        } catch (IOException e) {
            throw new IllegalStateException("the main window layout fxml/main.fxml is missing or broken", e);
        }
        MainView view = loader.getController();
        view.versionLabel.setText("msw " + Version.product());
        AppContext ctx = new AppContext(tasks, view::setStatus, window);
        for (WorkbenchTab t : tabList) {
            Tab tab = new Tab(t.title(), t.createContent(ctx));
            tab.setId("tab-" + t.id());
            view.tabs.getTabs().add(tab);
        }
        return view;
    }

    public Parent root() {
        return root;
    }

    public TabPane tabPane() {
        return tabs;
    }

    public void setStatus(String message) {
        statusLabel.setText(message);
    }

    public void setDark(boolean dark) {
        darkThemeItem.setSelected(dark);
    }

    public boolean isDark() {
        return darkThemeItem.isSelected();
    }

    public void onThemeToggleFromApp(Runnable r) {
        this.themeToggle = r;
    }

    public void onQuitFromApp(Runnable r) {
        this.quitAction = r;
    }

    @FXML
    private void toggleTheme() {
        themeToggle.run();
    }

    @FXML
    private void quit() {
        quitAction.run();
    }

    @FXML
    private void about() {
        AboutDialog.show(root.getScene() == null ? null : root.getScene().getWindow());
    }
}
