package dev.msw.audit;

import dev.msw.audit.AuditLog.AuditEntry;
import dev.msw.core.UserFacingException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A filter over audit entries, shared by {@code msw audit show} and the GUI's log viewer. Every criterion is
 * optional; a null or blank value matches everything.
 *
 * @param since   only entries at or after this instant
 * @param action  an action name or prefix ({@code key} matches {@code key.rotate} and {@code key.create})
 * @param outcome {@code success}, {@code failure} or {@code denied}
 * @param text    a case-insensitive substring of the target, user, identity or any detail value
 */
public record AuditQuery(Instant since, String action, String outcome, String text) {
    public static final AuditQuery ALL = new AuditQuery(null, null, null, null);
    private static final Pattern RELATIVE = Pattern.compile("(\\d{1,7})\\s*([smhdw])");

    public boolean matches(AuditEntry e) {
        if (since != null && e.time().isBefore(since)) {
            return false;
        }
        if (action != null && !action.isBlank()) {
            String a = action.trim().toLowerCase(Locale.ROOT);
            String ea = e.action().toLowerCase(Locale.ROOT);
            if (!(ea.equals(a) || ea.startsWith(a + ".") || ea.startsWith(a))) {
                return false;
            }
        }
        if (outcome != null && !outcome.isBlank() && !e.outcome().equalsIgnoreCase(outcome.trim())) {
            return false;
        }
        if (text != null && !text.isBlank()) {
            String t = text.trim().toLowerCase(Locale.ROOT);
            boolean hit = contains(e.target(), t) || contains(e.user(), t) || contains(e.identity(), t)
                    || e.details().values().stream().anyMatch(v -> contains(v, t));
            if (!hit) {
                return false;
            }
        }
        return true;
    }

    public List<AuditEntry> apply(List<AuditEntry> entries) {
        return entries.stream().filter(this::matches).toList();
    }

    private static boolean contains(String s, String lowerNeedle) {
        return s != null && s.toLowerCase(Locale.ROOT).contains(lowerNeedle);
    }

    /**
     * Parses a "since" value as a person types it: an instant ({@code 2026-11-25T10:00:00Z}), a date
     * ({@code 2026-11-25}, local midnight) or an age ({@code 30m}, {@code 24h}, {@code 7d}, {@code 2w}).
     */
    public static Instant parseSince(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        Matcher m = RELATIVE.matcher(v);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofDays(7 * n);
            };
            return now.minus(d);
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(value.trim()).atStartOfDay(ZoneId.systemDefault()).toInstant();
            } catch (DateTimeParseException e2) {
                throw new UserFacingException("Cannot read the time '" + value + "'",
                        "it is neither an age like 24h or 7d, a date like 2026-11-25, nor an instant like 2026-11-25T10:00:00Z",
                        "use one of those forms");
            }
        }
    }
}
