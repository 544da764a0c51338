package dev.msw.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.msw.core.CancellationToken;
import dev.msw.core.ProgressListener;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every "Try an example" entry does what its menu label promises, on the real sample models. */
class StageExamplesTest {

    @TestFactory
    List<DynamicTest> eachExampleEndsAsAdvertised() {
        return StageExamples.all().stream().map(e -> DynamicTest.dynamicTest(e.menuLabel(), () -> {
            ModelContract contract = ModelContract.parse(e.contractText(), e.model() + " (example)");
            byte[] bytes = SampleModels.read(e.model());
            try (LoadedModel m = ModelFiles.fromBytes(e.model(), bytes, contract, List.of(), ProgressListener.NONE,
                    CancellationToken.NONE)) {
                RunResult r = new Pipeline(m).run(e.input());
                StageResult s = r.stage(e.stage());
                assertEquals(e.expect(), s.status(), () -> e.menuLabel() + " gave " + r.stages());
                assertEquals(12, r.stages().size());
                if (e.expect() == StageStatus.FAILED) {
                    assertFalse(r.allowed());
                    int at = Pipeline.STAGES.stream().map(Stage::id).toList().indexOf(e.stage());
                    for (StageResult later : r.stages().subList(at + 1, 12)) {
                        assertEquals(StageStatus.SKIPPED, later.status(), later.id() + " after a failure");
                    }
                    assertTrue(s.reason() != null && s.reason().length() > 20, s.reason());
                } else {
                    assertTrue(r.allowed(), () -> e.menuLabel() + " was stopped: " + r.failedStage());
                }
            }
        })).toList();
    }

    @Test
    void everyStageHasAPassingAndANonPassingExample() {
        List<StageExamples.Example> all = StageExamples.all();
        for (Stage stage : Pipeline.STAGES) {
            Set<StageStatus> kinds = all.stream().filter(e -> e.stage().equals(stage.id()))
                    .map(StageExamples.Example::expect).collect(Collectors.toSet());
            assertTrue(kinds.contains(StageStatus.PASSED), stage.id() + " lacks a passing example");
            assertTrue(kinds.contains(StageStatus.FAILED) || kinds.contains(StageStatus.WARNED),
                    stage.id() + " lacks a failing example");
        }
    }
}
