package dev.msw.pipeline;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Personal data or a secret found in the model's output: the entity type, where it was (in the output before
 * masking), how sure the detector is (0–1) and what replaced it.
 */
@JsonPropertyOrder({"entity", "start", "end", "score", "masking", "masked"})
public record PiiFinding(String entity, int start, int end, double score, String masking, String masked) {
    public Span span() {
        return new Span(start, end);
    }
}
