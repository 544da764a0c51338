package dev.msw.pipeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/**
 * What one stage did: status, a reason a person understands, the offending input field (a JSON Pointer like
 * {@code /petal_length}) or span, details for the curious, and the time it took.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"id", "name", "group", "status", "reason", "field", "span", "details", "durationMicros"})
public record StageResult(String id, String name, StageGroup group, StageStatus status, String reason, String field,
                          Span span, Map<String, Object> details, long durationMicros) {
    public boolean failed() {
        return status == StageStatus.FAILED;
    }
}
