package dev.msw.pipeline;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Optional;

/**
 * The result of one run through the twelve stages, in order. {@code allowed} is true when no stage failed;
 * then {@code output} is the response after masking (null when the run was stopped).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"model", "allowed", "prediction", "stages", "output", "encodedOutput", "pii", "totalMicros"})
public record RunResult(String model, boolean allowed, Prediction prediction, List<StageResult> stages, String output,
                        String encodedOutput, List<PiiFinding> pii, long totalMicros) {
    /** The stage that stopped the run, if any. */
    @JsonIgnore
    public Optional<StageResult> failedStage() {
        return stages.stream().filter(StageResult::failed).findFirst();
    }

    public StageResult stage(String id) {
        return stages.stream().filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no stage " + id));
    }
}
