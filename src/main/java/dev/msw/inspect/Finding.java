package dev.msw.inspect;

/**
 * One thing a scanner noticed. {@code subject} is the exact callable ("posix.system") or structure
 * ("tensor 'w' offsets"); {@code offset} is the byte offset in the scanned file or member (-1 when it has none);
 * {@code occurrences} counts repeats of the same rule and subject, reported once at the first offset.
 */
public record Finding(Severity severity, String rule, String subject, long offset, String why, int occurrences) {

    public Finding {
        if (severity == null || rule == null || why == null) {
            throw new IllegalArgumentException("a finding needs a severity, a rule and a reason");
        }
        subject = subject == null ? "" : subject;
        occurrences = Math.max(1, occurrences);
    }

    public static Finding of(Severity severity, String rule, String subject, long offset, String why) {
        return new Finding(severity, rule, subject, offset, why, 1);
    }

    Finding plusOne() {
        return new Finding(severity, rule, subject, offset, why, occurrences + 1);
    }

    public Finding withSeverity(Severity s) {
        return new Finding(s, rule, subject, offset, why, occurrences);
    }
}
