package dev.msw.pipeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * What the model said: for classifiers the label, its class index and per-label probabilities with the top
 * one as {@code confidence}; for regressors the value.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Prediction(String label, Integer classIndex, Map<String, Float> probabilities, Float confidence,
                         Double value) {
    /** The prediction as text: the label, or the value with 4 significant decimals. */
    public String asText() {
        return label != null ? label : value == null ? "" : String.format(java.util.Locale.ROOT, "%.4f", value);
    }
}
