package dev.msw.app.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.msw.app.shell.SessionKeyring;
import dev.msw.app.task.ImmediateTaskRunner;
import dev.msw.pipeline.StageExamples;
import dev.msw.pipeline.StageStatus;
import dev.msw.testsupport.ConfigDir;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Console's view model without a toolkit: commands run on the test thread. */
class ConsoleViewModelTest {
    @TempDir
    Path tmp;
    private String previousConfig;
    private ConsoleViewModel vm;

    @BeforeEach
    void setUp() {
        previousConfig = ConfigDir.point(tmp);
        vm = new ConsoleViewModel(new ImmediateTaskRunner(), t -> { }, new SessionKeyring(tmp.resolve("keyring.p12")));
    }

    @AfterEach
    void tearDown() {
        if (vm.modelProperty().get() != null) {
            vm.modelProperty().get().close();
        }
        ConfigDir.restore(previousConfig);
    }

    private static StageExamples.Example example(String stage, String expect) {
        return StageExamples.all().stream().filter(e -> e.stage().equals(stage) && e.expect().label().equals(expect))
                .findFirst().orElseThrow();
    }

    @Test
    void runsExamplesAndKeepsHistory() {
        vm.loadSample("iris-classifier.onnx");
        assertEquals("iris-classifier", vm.modelProperty().get().name());
        assertTrue(vm.contractValidProperty().get());
        vm.tryExample(example("IV1", "passed"));
        vm.run();
        assertTrue(vm.resultProperty().get().allowed());
        vm.tryExample(example("OV4", "failed"));   // needs a patched contract
        assertTrue(vm.modelProperty().get().contract().responseFilters().blockedLabels().contains("virginica"));
        vm.run();
        assertEquals(StageStatus.FAILED, vm.resultProperty().get().stage("OV4").status());
        assertEquals(2, vm.history().size());
        vm.showHistory(vm.history().get(1));
        assertTrue(vm.resultProperty().get().allowed());
        vm.tryExample(example("OV3", "warned"));   // another model: loads it first
        assertEquals("support-intent", vm.modelProperty().get().name());
        vm.run();
        assertEquals(StageStatus.WARNED, vm.resultProperty().get().stage("OV3").status());
    }

    @Test
    void contractEditorValidatesAsYouType() {
        vm.loadSample("diabetes-regressor.onnx");
        String good = vm.contractTextProperty().get();
        vm.contractTextProperty().set(good.replace("\"method\": \"min-max\"", "\"method\": \"minmax\""));
        assertFalse(vm.contractValidProperty().get());
        assertTrue(vm.contractStatusProperty().get().startsWith("Line "), vm.contractStatusProperty().get());
        assertFalse(vm.applyContract());
        vm.revertContract();
        assertEquals(good, vm.contractTextProperty().get());
        assertTrue(vm.contractValidProperty().get());
        assertTrue(vm.applyContract());
    }

    @Test
    void encryptedSampleBatchProbeAndReports() throws Exception {
        vm.loadSample("iris-classifier.onnx.msw");
        assertTrue(vm.modelProperty().get().encrypted());
        vm.inputProperty().set(example("OV1", "failed").input());
        vm.runProbe(0.05, 10);
        assertEquals(4, vm.probeProperty().get().features().size());
        vm.run();
        assertFalse(vm.resultProperty().get().allowed());
        Path html = tmp.resolve("r.html");
        vm.exportReport(html, true);
        assertTrue(Files.readString(html).contains("Blocked by OV1"));
        Path csv = Files.writeString(tmp.resolve("rows.csv"), "sepal_length,sepal_width,petal_length,petal_width\n"
                + "5.1,3.5,1.4,0.2\n5.1,3.5,1.4,\n");
        vm.runBatch(csv);
        assertEquals(2, vm.batchSummaryProperty().get().rows());
        assertEquals(1, vm.batchSummaryProperty().get().blocked());
        String audit = Files.readString(tmp.resolve("audit.jsonl"));
        assertTrue(audit.contains("predict-batch") && audit.contains("blocked"), audit);
        assertNull(vm.errorProperty().get());
    }

    @Test
    void failuresAreReportedNotThrown() {
        vm.loadFile(tmp.resolve("missing.onnx"), null);
        assertNotNull(vm.errorProperty().get());
        assertTrue(vm.messageProperty().get().contains("contract"), vm.messageProperty().get());
        assertFalse(vm.busyProperty().get());
    }
}
