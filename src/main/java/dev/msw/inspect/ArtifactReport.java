package dev.msw.inspect;

import dev.msw.inspect.pickle.PickleAnalysis;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What was found in one file or archive member ({@code archive.zip:member}): its format, size, SHA-256, facts
 * (dtype counts, opset, header fields…), findings, the pickle's imports and calls, and the members inside it.
 */
public final class ArtifactReport {
    private final String name;
    private String format = "unknown";
    private long size = -1;
    private String sha256;
    private final Map<String, String> facts = new LinkedHashMap<>();
    private final Findings findings = new Findings();
    private final List<ArtifactReport> members = new ArrayList<>();
    private PickleAnalysis pickle;

    public ArtifactReport(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public String format() {
        return format;
    }

    public void format(String f) {
        this.format = f;
    }

    public long size() {
        return size;
    }

    public void size(long s) {
        this.size = s;
    }

    public String sha256() {
        return sha256;
    }

    public void sha256(String h) {
        this.sha256 = h;
    }

    public Map<String, String> facts() {
        return Collections.unmodifiableMap(facts);
    }

    public void fact(String key, Object value) {
        facts.put(key, String.valueOf(value));
    }

    public List<Finding> findings() {
        return findings.list();
    }

    public void add(Finding f) {
        findings.add(f);
    }

    public void add(Severity s, String rule, String subject, long offset, String why) {
        findings.add(s, rule, subject, offset, why);
    }

    public List<ArtifactReport> members() {
        return Collections.unmodifiableList(members);
    }

    public void addMember(ArtifactReport m) {
        members.add(m);
    }

    public PickleAnalysis pickle() {
        return pickle;
    }

    public void pickle(PickleAnalysis p) {
        this.pickle = p;
        findings.addAll(p.findings());
    }

    /** The most severe finding here or in any member, or null when there is none. */
    public Severity worst() {
        Severity w = null;
        for (Finding f : findings.list()) {
            if (w == null || f.severity().ordinal() < w.ordinal()) {
                w = f.severity();
            }
        }
        for (ArtifactReport m : members) {
            Severity s = m.worst();
            if (s != null && (w == null || s.ordinal() < w.ordinal())) {
                w = s;
            }
        }
        return w;
    }

    /** Counts findings of {@code s} here and in all members. */
    public int count(Severity s) {
        int n = (int) findings.list().stream().filter(f -> f.severity() == s).count();
        for (ArtifactReport m : members) {
            n += m.count(s);
        }
        return n;
    }
}
