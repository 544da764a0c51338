package dev.msw.pipeline;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Outcome of one stage. A failed stage stops the run; every later stage is skipped. */
public enum StageStatus {
    PASSED, FAILED, WARNED, SKIPPED;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
