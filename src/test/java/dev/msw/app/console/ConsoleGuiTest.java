package dev.msw.app.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.msw.pipeline.StageExamples;
import dev.msw.testsupport.GuiTest;
import dev.msw.testsupport.Screenshots;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

class ConsoleGuiTest extends GuiTest {
    @Override
    protected String tabUnderTest() {
        return ConsoleTab.ID;
    }


    private ConsoleView view(FxRobot robot) {
        robot.interact(() -> {   // other tests may have resized the shared stage
            stage.setWidth(1400);
            stage.setHeight(900);
        });
        selectTab(robot, ConsoleTab.ID);
        Tab tab = main.tabPane().getTabs().stream().filter(t -> t.getId().equals("tab-console")).findFirst().orElseThrow();
        ConsoleView v = (ConsoleView) tab.getContent().getProperties().get(ConsoleView.class);
        waitFor(() -> v.viewModel().modelProperty().get() != null && !v.viewModel().busyProperty().get());
        return v;
    }

    private static void waitFor(BooleanSupplier condition) {
        try {
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition::getAsBoolean);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the Console did not reach the expected state in 20 s", e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static StageExamples.Example example(String stage, String expect, String model) {
        return StageExamples.all().stream().filter(e -> e.stage().equals(stage) && e.expect().label().equals(expect)
                && e.model().startsWith(model)).findFirst().orElseThrow();
    }

    private void tryAndRun(FxRobot robot, ConsoleView v, StageExamples.Example e) {
        robot.interact(() -> v.viewModel().tryExample(e));
        waitFor(() -> !v.viewModel().busyProperty().get() && v.viewModel().modelProperty().get() != null);
        robot.clickOn("#console-run");
        waitFor(() -> !v.viewModel().busyProperty().get() && v.viewModel().resultProperty().get() != null
                && !v.flow().stateOf("OV4").equals("stage-pending") && !v.flow().stateOf("OV4").equals("stage-running"));
        sleep(200);
    }

    private static void sleep(long ms) {
        WaitForAsyncUtils.sleep(ms, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void passingAndFailingRunsLightUpTheFlow(FxRobot robot) {
        ConsoleView v = view(robot);
        assertEquals("iris-classifier", v.viewModel().modelProperty().get().name(), "opens with a sample ready");
        tryAndRun(robot, v, example("IV1", "passed", "iris"));
        for (String id : new String[] {"IV1", "IV2", "IV3", "IV4", "IV5", "P1", "P2", "P3", "OV1", "OV2", "OV3", "OV4"}) {
            assertEquals("stage-passed", v.flow().stateOf(id), id);
        }
        assertTrue(v.viewModel().resultProperty().get().allowed());
        assertFalse(robot.lookup("#console-run").queryButton().isDisabled(), "Run is enabled after a run");
        Screenshots.save(main.root(), "console-passing-run");

        tryAndRun(robot, v, example("IV3", "failed", "iris"));
        assertEquals("stage-failed", v.flow().stateOf("IV3"));
        assertEquals("stage-passed", v.flow().stateOf("IV2"));
        assertEquals("stage-skipped", v.flow().stateOf("P3"));
        assertTrue(v.form().field("petal_length").getStyleClass().contains(InputForm.OFFENDING),
                "the offending field is highlighted");
        Label reason = robot.lookup(".stage-details").queryAs(VBox.class).getChildren().stream()
                .filter(n -> n instanceof Label l && l.getText().contains("outside the allowed range"))
                .map(n -> (Label) n).findFirst().orElseThrow(() -> new AssertionError("the failed stage's reason is shown"));
        assertTrue(reason.isVisible());
        Screenshots.save(main.root(), "console-failing-run");

        robot.clickOn("#stage-IV2");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("IV2", v.flow().selectedProperty().get().id());
        assertEquals(2, v.viewModel().history().size());
    }

    @Test
    void piiIsHighlightedAndMasked(FxRobot robot) {
        ConsoleView v = view(robot);
        tryAndRun(robot, v, example("OV3", "warned", "support"));
        assertEquals("stage-warned", v.flow().stateOf("OV3"));
        assertEquals(2, v.viewModel().resultProperty().get().pii().size());
        assertFalse(v.viewModel().resultProperty().get().output().contains("billing@example.com"));
        assertTrue(robot.lookup(".pii-span").queryAll().size() >= 2, "masked spans are highlighted");
        Screenshots.save(main.root(), "console-pii-masked");
    }

    @Test
    void batchProbeContractEditorEncryptedModelAndReports(FxRobot robot) throws Exception {
        ConsoleView v = view(robot);
        Path csv = Files.createTempFile(configDir, "rows", ".csv");
        StringBuilder rows = new StringBuilder("sepal_length,sepal_width,petal_length,petal_width\n");
        for (int i = 0; i < 60; i++) {
            rows.append(4.5 + (i % 30) * 0.1).append(',').append(3.0).append(',').append(1.0 + (i % 12) * 0.5)
                    .append(',').append(0.2 + (i % 10) * 0.25).append('\n');
        }
        rows.append("5.1,3.5,25,0.2\n");
        Files.writeString(csv, rows);
        TabPane left = robot.lookup(".tab-pane").queryAllAs(TabPane.class).stream()
                .filter(t -> t.getTabs().stream().anyMatch(x -> "Batch".equals(x.getText()))).findFirst().orElseThrow();
        robot.interact(() -> left.getSelectionModel().select(2));
        robot.interact(() -> robot.lookup("#console-batch-path").queryAs(TextField.class).setText(csv.toString()));
        robot.clickOn("#console-run-batch");
        waitFor(() -> v.viewModel().batchSummaryProperty().get() != null);
        assertEquals(61, v.viewModel().batchSummaryProperty().get().rows());
        assertEquals(61, robot.lookup("#console-batch-table").queryAs(TableView.class).getItems().size());
        assertEquals(1, v.viewModel().batchSummaryProperty().get().count("IV3", dev.msw.pipeline.StageStatus.FAILED));
        sleep(300);
        Screenshots.save(main.root(), "console-batch");

        robot.interact(() -> left.getSelectionModel().select(3));
        robot.interact(() -> v.viewModel().inputProperty().set(example("OV1", "failed", "iris").input()));
        robot.clickOn("#console-run-probe");
        waitFor(() -> v.viewModel().probeProperty().get() != null);
        assertEquals(4, v.viewModel().probeProperty().get().features().size());
        assertTrue(v.viewModel().probeProperty().get().totalFlips() > 0, "a borderline flower flips under nudges");
        assertFalse(robot.lookup("#console-run").queryButton().isDisabled(), "Run is enabled after a probe");
        Screenshots.save(main.root(), "console-robustness");

        robot.interact(() -> left.getSelectionModel().select(1));
        String good = v.viewModel().contractTextProperty().get();
        robot.interact(() -> v.viewModel().contractTextProperty().set(good.replace("\"labels\":", "\"lables\":")));
        assertTrue(v.viewModel().contractStatusProperty().get().startsWith("Line "), v.viewModel().contractStatusProperty().get());
        assertTrue(robot.lookup("Apply").queryAs(Button.class).isDisabled());
        Screenshots.save(main.root(), "console-contract-error");
        robot.interact(() -> v.viewModel().contractTextProperty().set(good));
        assertFalse(robot.lookup("Apply").queryAs(Button.class).isDisabled());

        robot.interact(() -> left.getSelectionModel().select(0));
        robot.interact(() -> v.viewModel().loadSample("iris-classifier.onnx.msw"));
        waitFor(() -> v.viewModel().modelProperty().get().encrypted() && !v.viewModel().busyProperty().get());
        robot.interact(() -> v.viewModel().inputProperty().set(example("IV1", "passed", "iris").input()));
        robot.clickOn("#console-run");
        waitFor(() -> v.viewModel().resultProperty().get() != null && !v.viewModel().busyProperty().get());
        assertTrue(v.viewModel().resultProperty().get().allowed());
        assertTrue(Files.readString(configDir.resolve("audit.jsonl")).contains("\"predict\""), "audited");

        Path html = configDir.resolve("report.html");
        Path json = configDir.resolve("report.json");
        robot.interact(() -> {
            try {
                v.viewModel().exportReport(html, true);
                v.viewModel().exportReport(json, false);
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        });
        assertTrue(Files.readString(html).contains("<table>"));
        assertTrue(Files.readString(json).contains("\"stages\""));
    }
}
