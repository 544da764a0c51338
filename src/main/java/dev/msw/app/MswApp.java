package dev.msw.app;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.msw.app.shell.GuiPreferences;
import dev.msw.app.shell.MainView;
import dev.msw.app.shell.Tabs;
import dev.msw.app.task.FxTaskRunner;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** The desktop app: one window, one tab per job, theme and window size remembered between runs. */
public final class MswApp extends Application {
    static final String LIGHT_CSS = "/styles/app.css";
    static final String DARK_CSS = "/styles/app-dark.css";

    public static void launchApp(String[] args) {
        Application.launch(MswApp.class);
    }

    @Override
    public void start(Stage stage) {
        GuiPreferences prefs = GuiPreferences.load();
        MainView view = MainView.load(new FxTaskRunner(), stage, Tabs.all());
        Scene scene = new Scene(view.root(), prefs.getDouble("window.width", 1280), prefs.getDouble("window.height", 820));
        applyTheme(scene, prefs.getBoolean("theme.dark", false));
        view.setDark(prefs.getBoolean("theme.dark", false));
        wire(view, scene, stage, prefs);
        stage.setTitle("Model Security Workbench");
        if (prefs.getBoolean("window.maximized", false)) {
            stage.setMaximized(true);
        }
        stage.setScene(scene);
        stage.show();
    }

    /** Connects theme toggle, quit and size persistence; shared with the GUI tests. */
    public static void wire(MainView view, Scene scene, Stage stage, GuiPreferences prefs) {
        view.onThemeToggleFromApp(() -> {
            applyTheme(scene, view.isDark());
            prefs.put("theme.dark", view.isDark());
            prefs.save();
        });
        view.onQuitFromApp(() -> {
            saveWindow(stage, prefs);
            Platform.exit();
        });
        stage.setOnCloseRequest(e -> saveWindow(stage, prefs));
    }

    static void saveWindow(Stage stage, GuiPreferences prefs) {
        prefs.put("window.maximized", stage.isMaximized());
        if (!stage.isMaximized()) {
            prefs.put("window.width", stage.getWidth());
            prefs.put("window.height", stage.getHeight());
        }
        prefs.save();
    }

    public static void applyTheme(Scene scene, boolean dark) {
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
        scene.getStylesheets().setAll(MswApp.class.getResource(LIGHT_CSS).toExternalForm());
        if (dark) {
            scene.getStylesheets().add(MswApp.class.getResource(DARK_CSS).toExternalForm());
        }
        scene.getRoot().getStyleClass().removeAll("theme-dark", "theme-light");
        scene.getRoot().getStyleClass().add(dark ? "theme-dark" : "theme-light");
    }
}
