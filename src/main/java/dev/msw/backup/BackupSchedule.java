package dev.msw.backup;

import dev.msw.core.UserFacingException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a backup job runs by itself (while the app is open): {@code manual}, {@code hourly},
 * {@code every 6h} / {@code every 30m}, {@code daily 02:30}, {@code weekly sun 03:00}. Times are local.
 */
public final class BackupSchedule {
    public static final BackupSchedule MANUAL = new BackupSchedule("manual", null, null, null);

    private static final Pattern EVERY = Pattern.compile("every\\s+(\\d{1,6})\\s*([mh])");
    private static final Pattern DAILY = Pattern.compile("daily(?:\\s+(\\d{1,2}):(\\d{2}))?");
    private static final Pattern WEEKLY = Pattern.compile("weekly(?:\\s+([a-z]{3})[a-z]*)?(?:\\s+(\\d{1,2}):(\\d{2}))?");

    private final String text;
    private final Duration interval;
    private final LocalTime at;
    private final DayOfWeek day;

    private BackupSchedule(String text, Duration interval, LocalTime at, DayOfWeek day) {
        this.text = text;
        this.interval = interval;
        this.at = at;
        this.day = day;
    }

    public static BackupSchedule parse(String value) {
        String v = value == null ? "manual" : value.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        if (v.isEmpty() || v.equals("manual")) {
            return MANUAL;
        }
        if (v.equals("hourly")) {
            return new BackupSchedule("hourly", Duration.ofHours(1), null, null);
        }
        Matcher m = EVERY.matcher(v);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration d = m.group(2).equals("h") ? Duration.ofHours(n) : Duration.ofMinutes(n);
            if (d.toMinutes() < 1) {
                throw invalid(value);
            }
            return new BackupSchedule("every " + n + m.group(2), d, null, null);
        }
        m = DAILY.matcher(v);
        if (m.matches()) {
            LocalTime t = time(m.group(1), m.group(2), value);
            return new BackupSchedule("daily " + t, null, t, null);
        }
        m = WEEKLY.matcher(v);
        if (m.matches()) {
            DayOfWeek d = m.group(1) == null ? DayOfWeek.SUNDAY : day(m.group(1), value);
            LocalTime t = time(m.group(2), m.group(3), value);
            return new BackupSchedule("weekly " + d.getDisplayName(TextStyle.SHORT, Locale.ROOT).toLowerCase(Locale.ROOT)
                    + " " + t, null, t, d);
        }
        throw invalid(value);
    }

    private static LocalTime time(String h, String m, String value) {
        if (h == null) {
            return LocalTime.of(2, 0);
        }
        int hh = Integer.parseInt(h);
        int mm = Integer.parseInt(m);
        if (hh > 23 || mm > 59) {
            throw invalid(value);
        }
        return LocalTime.of(hh, mm);
    }

    private static DayOfWeek day(String abbrev, String value) {
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().toLowerCase(Locale.ROOT).startsWith(abbrev)) {
                return d;
            }
        }
        throw invalid(value);
    }

    private static UserFacingException invalid(String value) {
        return new UserFacingException("Cannot read the schedule '" + value + "'",
                "schedules are manual, hourly, 'every 6h', 'every 30m', 'daily 02:30' or 'weekly sun 03:00'",
                "use one of those forms");
    }

    public boolean isManual() {
        return interval == null && at == null;
    }

    /** The first run strictly after {@code after} (the last run, or when the job was created); null if manual. */
    public Instant next(Instant after, ZoneId zone) {
        if (isManual()) {
            return null;
        }
        if (interval != null) {
            return after.plus(interval);
        }
        ZonedDateTime z = after.atZone(zone);
        ZonedDateTime candidate = z.with(at).withSecond(0).withNano(0);
        if (day != null) {
            candidate = candidate.with(TemporalAdjusters.nextOrSame(day));
            if (!candidate.isAfter(z)) {
                candidate = candidate.plusWeeks(1);
            }
        } else if (!candidate.isAfter(z)) {
            candidate = candidate.plusDays(1);
        }
        return candidate.toInstant();
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BackupSchedule s && s.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
