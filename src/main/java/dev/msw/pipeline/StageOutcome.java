package dev.msw.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;

/** What a stage returns; the pipeline adds the stage's identity and timing to make a {@link StageResult}. */
public final class StageOutcome {
    private final StageStatus status;
    private final String reason;
    private String field;
    private Span span;
    private Map<String, Object> details;

    private StageOutcome(StageStatus status, String reason) {
        this.status = status;
        this.reason = reason;
    }

    public static StageOutcome passed(String reason) {
        return new StageOutcome(StageStatus.PASSED, reason);
    }

    public static StageOutcome failed(String reason) {
        return new StageOutcome(StageStatus.FAILED, reason);
    }

    public static StageOutcome warned(String reason) {
        return new StageOutcome(StageStatus.WARNED, reason);
    }

    public static StageOutcome skipped(String reason) {
        return new StageOutcome(StageStatus.SKIPPED, reason);
    }

    /** The offending input field as a JSON Pointer ("/text"); a bare name is turned into one. */
    public StageOutcome field(String f) {
        this.field = f == null || f.isEmpty() || f.startsWith("/") ? f : "/" + f;
        return this;
    }

    public StageOutcome span(Span s) {
        this.span = s;
        return this;
    }

    public StageOutcome detail(String key, Object value) {
        if (details == null) {
            details = new LinkedHashMap<>();
        }
        details.put(key, value);
        return this;
    }

    public StageStatus status() {
        return status;
    }

    StageResult toResult(Stage stage, long micros) {
        return new StageResult(stage.id(), stage.name(), stage.group(), status, reason, field, span,
                details == null ? null : Map.copyOf(details), micros);
    }
}
