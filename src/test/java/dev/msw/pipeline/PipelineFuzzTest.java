package dev.msw.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.msw.core.CancellationToken;
import dev.msw.core.ProgressListener;

/**
 * Fuzzes the two parsers of the Console: requests through the pipeline (every input ends in twelve stage
 * results, never an exception) and contracts (anything invalid is a ContractException with a line). Runs its
 * seeds in normal test runs; {@code JAZZER_FUZZ=1} fuzzes for real.
 */
class PipelineFuzzTest {
    private static Pipeline support;

    private static synchronized Pipeline support() {
        if (support == null) {
            support = new Pipeline(SampleModels.load("support-intent.onnx", ProgressListener.NONE, CancellationToken.NONE));
        }
        return support;
    }

    @FuzzTest(maxDuration = "30s")
    void everyRequestEndsInTwelveStageResults(FuzzedDataProvider data) {
        String request = data.consumeRemainingAsString();
        RunResult r = support().run(request);
        assertEquals(12, r.stages().size());
        if (!r.allowed()) {
            assertEquals(null, r.output());
        }
    }

    @FuzzTest(maxDuration = "30s")
    void contractsAreAcceptedOrRejectedWithALine(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        try {
            ModelContract.parse(text, "fuzz.contract.json");
        } catch (ContractException e) {
            if (e.line() < 1) {
                throw new AssertionError("no line for: " + e.getMessage());
            }
        }
    }
}
