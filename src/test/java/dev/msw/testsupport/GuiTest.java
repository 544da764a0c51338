package dev.msw.testsupport;

import dev.msw.app.MswApp;
import dev.msw.app.shell.GuiPreferences;
import dev.msw.app.shell.MainView;
import dev.msw.app.shell.Tabs;
import dev.msw.app.shell.WorkbenchTab;
import dev.msw.app.task.FxTaskRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.Tab;
import javafx.stage.Stage;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Base for TestFX tests: the real main window (all tabs, real theme) in a real window under Xvfb, with an
 * isolated config folder. Subclasses select their tab with {@link #selectTab(String)} and save screenshots.
 */
@ExtendWith(ApplicationExtension.class)
public abstract class GuiTest {
    protected MainView main;
    protected Stage stage;
    protected Path configDir;

    /**
     * The id of the tab a test class exercises, or null for the whole window. With an id, the window holds
     * only that tab, so node lookups by id or text (every tab has a "#progress-details") cannot reach
     * another tab's controls.
     */
    protected String tabUnderTest() {
        return null;
    }

    /** Tabs shown: the tab under test, or all of them. */
    protected List<WorkbenchTab> tabs() {
        String id = tabUnderTest();
        List<WorkbenchTab> all = Tabs.all();
        if (id == null) {
            return all;
        }
        List<WorkbenchTab> one = all.stream().filter(t -> t.id().equals(id)).toList();
        if (one.isEmpty()) {
            throw new AssertionError("no tab with id " + id + " in Tabs.all()");
        }
        return one;
    }

    @BeforeEach
    void openMainWindow() throws Exception {
        Stage primary = FxToolkit.registerPrimaryStage();
        Throwable[] failure = new Throwable[1];
        FxToolkit.setupStage(s -> {
            try {
                start(s);
            } catch (Throwable t) {
                failure[0] = t;
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
        if (failure[0] != null) {
            throw new AssertionError("the main window failed to open: " + failure[0], failure[0]);
        }
        if (stage == null) {
            stage = primary;
        }
    }

    @AfterEach
    void closeWindows() throws Exception {
        FxToolkit.cleanupStages();
    }

    private void start(Stage stage) throws Exception {
        if (System.getenv("DISPLAY") == null && !"true".equals(System.getProperty("testfx.headless"))) {
            throw new AssertionError("GUI tests need a display: run them under 'xvfb-run -a' (see .ci/test).");
        }
        configDir = Files.createTempDirectory("msw-gui-config");
        System.setProperty("msw.config.dir", configDir.toString());
        this.stage = stage;
        beforeWindow();
        main = MainView.load(new FxTaskRunner(), stage, tabs());
        Scene scene = new Scene(main.root(), 1400, 900);
        MswApp.applyTheme(scene, false);
        MswApp.wire(main, scene, stage, GuiPreferences.load());
        stage.setTitle("Model Security Workbench (test)");
        stage.setScene(scene);
        stage.show();
    }

    /** Hook to prepare state (keyrings, files) before the window is built. */
    protected void beforeWindow() throws Exception {
    }

    protected void selectTab(FxRobot robot, String id) {
        Tab tab = main.tabPane().getTabs().stream().filter(t -> ("tab-" + id).equals(t.getId())).findFirst()
                .orElseThrow(() -> new AssertionError("no tab with id " + id));
        robot.interact(() -> main.tabPane().getSelectionModel().select(tab));
    }
}
