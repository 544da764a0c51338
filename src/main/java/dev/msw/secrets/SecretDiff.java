package dev.msw.secrets;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/** Differences between two versions of a secret by key; it names keys only, never values. */
public record SecretDiff(List<String> added, List<String> removed, List<String> changed, List<String> unchanged) {
    public static SecretDiff between(Map<String, String> older, Map<String, String> newer) {
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        List<String> same = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>(older.keySet());
        keys.addAll(newer.keySet());
        for (String k : keys) {
            if (!older.containsKey(k)) {
                added.add(k);
            } else if (!newer.containsKey(k)) {
                removed.add(k);
            } else if (!Objects.equals(older.get(k), newer.get(k))) {
                changed.add(k);
            } else {
                same.add(k);
            }
        }
        return new SecretDiff(added, removed, changed, same);
    }

    /** Lines like "+ api_key  (added)", values masked. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        added.forEach(k -> out.add("+ " + k + " = ••••••  (added)"));
        removed.forEach(k -> out.add("- " + k + " = ••••••  (removed)"));
        changed.forEach(k -> out.add("~ " + k + " = •••••• → ••••••  (changed)"));
        unchanged.forEach(k -> out.add("  " + k + "  (unchanged)"));
        return out;
    }
}
