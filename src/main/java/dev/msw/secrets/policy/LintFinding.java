package dev.msw.secrets.policy;

/** One problem the linter found in a policy: where, how serious, what is wrong and how to fix it. */
public record LintFinding(Severity severity, String code, String policy, int line, String pattern, String message,
        String suggestion) {
    public enum Severity { ERROR, WARNING, INFO }

    /** {@code developer.hcl:3: warning [kv2-missing-data] path "…": message. Fix: suggestion}. */
    public String format() {
        return policy + ":" + line + ": " + severity.name().toLowerCase(java.util.Locale.ROOT) + " [" + code
                + "] path \"" + pattern + "\": " + message + (suggestion == null ? "" : " Fix: " + suggestion);
    }
}
