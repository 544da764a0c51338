package dev.msw.app.shell;

import dev.msw.app.task.TaskRunner;
import dev.msw.core.Version;
import dev.msw.keys.LocalKeyring;
import java.io.IOException;
import java.net.URL;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

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
    @FXML
    private Label keyringLabel;
    @FXML
    private Button lockButton;

    private SessionKeyring keyring;

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
        // resolved now, not at class load, so a test's isolated msw.config.dir is honoured
        view.keyring = new SessionKeyring(LocalKeyring.defaultPath());
        view.keyring.addListener(view::showKeyringState);
        view.showKeyringState();
        AppContext ctx = new AppContext(tasks, view::setStatus, window, view.keyring);
        for (WorkbenchTab t : tabList) {
            Tab tab = new Tab(t.title(), t.createContent(ctx));
            tab.setId("tab-" + t.id());
            view.tabs.getTabs().add(tab);
        }
        return view;
    }

    private void showKeyringState() {
        boolean open = keyring.isUnlocked();
        keyringLabel.setText(keyring.describe());
        keyringLabel.setGraphic(new FontIcon(open ? Feather.UNLOCK : Feather.LOCK));
        keyringLabel.getStyleClass().removeAll("status-passed", "text-muted");
        keyringLabel.getStyleClass().add(open ? "status-passed" : "text-muted");
        lockButton.setVisible(open);
        lockButton.setManaged(open);
    }

    /** The keyring every tab shares. */
    public SessionKeyring keyring() {
        return keyring;
    }

    @FXML
    private void lockKeyring() {
        keyring.lock();
        setStatus("Keyring locked: its passphrase is no longer in memory.");
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
