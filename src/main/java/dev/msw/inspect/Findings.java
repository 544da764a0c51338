package dev.msw.inspect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects findings, folding repeats of the same rule and subject into one finding (first offset, count), so
 * a file with a million identical imports still yields a readable report and bounded memory.
 */
public final class Findings {
    private static final int MAX_DISTINCT = 10_000;
    private final Map<String, Finding> byKey = new LinkedHashMap<>();
    private int dropped;

    public void add(Finding f) {
        String key = f.rule() + '\u0000' + f.subject();
        Finding old = byKey.get(key);
        if (old != null) {
            byKey.put(key, old.plusOne());
        } else if (byKey.size() < MAX_DISTINCT) {
            byKey.put(key, f);
        } else {
            dropped++;
        }
    }

    public void add(Severity severity, String rule, String subject, long offset, String why) {
        add(Finding.of(severity, rule, subject, offset, why));
    }

    public void addAll(List<Finding> fs) {
        fs.forEach(this::add);
    }

    public List<Finding> list() {
        List<Finding> out = new ArrayList<>(byKey.values());
        if (dropped > 0) {
            out.add(Finding.of(Severity.WARNING, "report-truncated", "", -1,
                    dropped + " further distinct findings were not recorded; the file is unusually noisy"));
        }
        return out;
    }

    public boolean isEmpty() {
        return byKey.isEmpty();
    }
}
