package dev.msw.backup;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which complete backups of a job to keep: the last {@code keepLast}, plus the newest of each of the last
 * {@code keepDaily} days and of the last {@code keepWeekly} ISO weeks that have a backup. A backup kept by any
 * rule survives; zero everywhere means keep everything (retention never deletes the only backup).
 */
public record Retention(int keepLast, int keepDaily, int keepWeekly) {
    public static final Retention KEEP_ALL = new Retention(0, 0, 0);

    public Retention {
        if (keepLast < 0 || keepDaily < 0 || keepWeekly < 0) {
            throw new IllegalArgumentException("retention counts cannot be negative");
        }
    }

    public boolean keepsAll() {
        return keepLast == 0 && keepDaily == 0 && keepWeekly == 0;
    }

    /** Given backups' creation times, returns those to delete. */
    public <T> List<T> toDelete(List<T> backups, java.util.function.Function<T, Instant> created, ZoneId zone) {
        if (keepsAll() || backups.size() <= 1) {
            return List.of();
        }
        List<T> newestFirst = new ArrayList<>(backups);
        newestFirst.sort(Comparator.comparing(created).reversed());
        Set<T> keep = new LinkedHashSet<>();
        keep.add(newestFirst.get(0));
        for (int i = 0; i < Math.min(keepLast, newestFirst.size()); i++) {
            keep.add(newestFirst.get(i));
        }
        Set<LocalDate> days = new HashSet<>();
        Set<String> weeks = new HashSet<>();
        for (T b : newestFirst) {
            LocalDate d = created.apply(b).atZone(zone).toLocalDate();
            if (days.size() < keepDaily && days.add(d)) {
                keep.add(b);
            }
            String w = d.get(IsoFields.WEEK_BASED_YEAR) + "-" + d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
            if (weeks.size() < keepWeekly && weeks.add(w)) {
                keep.add(b);
            }
        }
        return newestFirst.stream().filter(b -> !keep.contains(b)).toList();
    }

    @Override
    public String toString() {
        if (keepsAll()) {
            return "keep all";
        }
        List<String> parts = new ArrayList<>();
        if (keepLast > 0) {
            parts.add("last " + keepLast);
        }
        if (keepDaily > 0) {
            parts.add(keepDaily + " daily");
        }
        if (keepWeekly > 0) {
            parts.add(keepWeekly + " weekly");
        }
        return "keep " + String.join(", ", parts);
    }
}
