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

    /**
     * Loads and warms what {@link #record} needs on a background thread, for commands whose work leaves a core
     * idle (hashing one file); the later record then costs a few milliseconds instead of ~50.
     */
    public static void prepareInBackground() {
        Thread t = new Thread(AuditLog::warmUp, "msw-audit-warmup");
        t.setDaemon(true);
        t.start();
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
