package dev.msw.audit;

import java.util.Map;

/**
 * The one call sites use: {@code Audit.record("encrypt", path, "success", Map.of("key", "team:v2"))}. Writes
 * to {@link AuditLog#standard()}; a failure to write the audit log is reported on stderr but never changes
 * the outcome of the audited action.
 */
public final class Audit {
    private Audit() {
    }

    public static void record(String action, String target, String outcome, Map<String, String> details) {
        record(new AuditEvent(action, target, outcome, null, details));
    }

    public static void record(AuditEvent event) {
        try {
            AuditLog.standard().append(event);
        } catch (RuntimeException e) {
            System.err.println("msw: warning: could not write the audit log (" + e.getMessage()
                    + "); the action itself was not affected.");
        }
    }
}
