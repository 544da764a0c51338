package dev.msw.inspect;

import java.time.Instant;
import java.util.List;

/**
 * The result of inspecting a set of paths: one report per file (with members nested), whether unknown callables
 * were treated as critical, and the counts that decide a pipeline gate.
 */
public record InspectionReport(List<ArtifactReport> files, boolean strict, Instant started, long millis) {

    public int count(Severity s) {
        return files.stream().mapToInt(f -> f.count(s)).sum();
    }

    /** True when any finding is at or above {@code threshold}. */
    public boolean failsAt(Severity threshold) {
        for (Severity s : Severity.values()) {
            if (s.atLeast(threshold) && count(s) > 0) {
                return true;
            }
        }
        return false;
    }

    public Severity worst() {
        Severity w = null;
        for (ArtifactReport f : files) {
            Severity s = f.worst();
            if (s != null && (w == null || s.ordinal() < w.ordinal())) {
                w = s;
            }
        }
        return w;
    }
}
