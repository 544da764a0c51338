package dev.msw.pipeline;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Per-stage counts of a batch run (passed / warned / failed / skipped) and totals. Thread-safe while counting. */
@JsonPropertyOrder({"rows", "allowed", "blocked", "stages", "totalMicros"})
public final class BatchSummary {
    private final Map<String, EnumMap<StageStatus, Integer>> counts = new LinkedHashMap<>();
    private final Map<String, long[]> durations = new LinkedHashMap<>();
    private int rows;
    private int allowed;
    private long totalMicros;

    public BatchSummary() {
        for (Stage s : Pipeline.STAGES) {
            EnumMap<StageStatus, Integer> m = new EnumMap<>(StageStatus.class);
            for (StageStatus st : StageStatus.values()) {
                m.put(st, 0);
            }
            counts.put(s.id(), m);
            durations.put(s.id(), new long[1]);
        }
    }

    public synchronized void add(RunResult r) {
        rows++;
        if (r.allowed()) {
            allowed++;
        }
        for (StageResult s : r.stages()) {
            counts.get(s.id()).merge(s.status(), 1, Integer::sum);
            durations.get(s.id())[0] += s.durationMicros();
        }
    }

    synchronized void totalMicros(long micros) {
        this.totalMicros = micros;
    }

    public synchronized int rows() {
        return rows;
    }

    public synchronized int allowed() {
        return allowed;
    }

    public synchronized int blocked() {
        return rows - allowed;
    }

    public synchronized long totalMicros() {
        return totalMicros;
    }

    public synchronized int count(String stageId, StageStatus status) {
        return counts.get(stageId).get(status);
    }

    /** One row per stage for tables and JSON: id, name, counts and mean duration. */
    public synchronized List<Map<String, Object>> stages() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Stage s : Pipeline.STAGES) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", s.id());
            row.put("name", s.name());
            for (StageStatus st : StageStatus.values()) {
                row.put(st.label(), counts.get(s.id()).get(st));
            }
            int ran = rows - counts.get(s.id()).get(StageStatus.SKIPPED);
            row.put("meanMicros", ran == 0 ? 0 : (double) durations.get(s.id())[0] / ran);
            out.add(row);
        }
        return out;
    }
}
