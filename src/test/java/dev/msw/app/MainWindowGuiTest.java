package dev.msw.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.msw.app.shell.GuiPreferences;
import dev.msw.testsupport.GuiTest;
import dev.msw.testsupport.Screenshots;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

class MainWindowGuiTest extends GuiTest {

    @Test
    void everyTabRendersAndIsScreenshotted(FxRobot robot) {
        for (Tab tab : main.tabPane().getTabs()) {
            robot.interact(() -> main.tabPane().getSelectionModel().select(tab));
            assertTrue(tab.getContent() != null, "tab " + tab.getText() + " has content");
            Screenshots.save(main.root(), "main-" + tab.getId());
        }
        Screenshots.save(main.root(), "main-window");
    }

    @Test
    void aboutDialogListsVersions(FxRobot robot) {
        robot.clickOn("Help").clickOn("About Model Security Workbench");
        Window dialog = robot.listTargetWindows().stream().filter(w -> w != stage).findFirst().orElseThrow();
        Label java = robot.from(dialog.getScene().getRoot()).lookup("Java").queryAs(Label.class);
        assertTrue(java.isVisible());
        Screenshots.saveWindow(dialog, "about-dialog");
        robot.interact(() -> ((javafx.stage.Stage) dialog).close());
    }

    @Test
    void darkThemeIsRememberedAndWindowSizeSaved(FxRobot robot) {
        robot.clickOn("View").clickOn("Dark theme");
        assertTrue(main.root().getStyleClass().contains("theme-dark"));
        Screenshots.save(main.root(), "main-window-dark");
        robot.interact(() -> {
            stage.setWidth(1111);
            MswApp.saveWindow(stage, GuiPreferences.load());
        });
        GuiPreferences prefs = GuiPreferences.load();
        assertTrue(prefs.getBoolean("theme.dark", false));
        assertEquals(1111, prefs.getDouble("window.width", 0), 1);
        robot.clickOn("View").clickOn("Dark theme");
        assertTrue(main.root().getStyleClass().contains("theme-light"));
    }
}
