package dev.msw.audit;

import java.util.Map;

/**
 * One audited action. Never carries secret values: {@code details} holds names, paths, key ids, versions,
 * counts and hashes only.
 *
 * @param action  what was done, e.g. {@code encrypt}, {@code key.rotate}, {@code secret.read}
 * @param target  on what (a path, key name, secret path)
 * @param outcome {@code success}, {@code failure} or {@code denied}
 * @param identity who, beyond the OS user (e.g. a Vault display name), or null
 */
public record AuditEvent(String action, String target, String outcome, String identity, Map<String, String> details) {
    public AuditEvent {
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    public static AuditEvent success(String action, String target) {
        return new AuditEvent(action, target, "success", null, Map.of());
    }

    public static AuditEvent failure(String action, String target, String reason) {
        return new AuditEvent(action, target, "failure", null, Map.of("reason", reason == null ? "" : reason));
    }
}
