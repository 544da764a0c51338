package dev.msw.pipeline;

import dev.msw.audit.Audit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Records predictions on encrypted models in the audit log: the model and the outcome (allowed, or the stage
 * that stopped it). Inputs and outputs are never recorded: they may be personal data.
 */
public final class PredictionAudit {
    private PredictionAudit() {
    }

    public static void record(LoadedModel model, RunResult result, String channel) {
        if (!model.encrypted()) {
            return;
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("channel", channel);
        result.failedStage().ifPresent(s -> details.put("stoppedBy", s.id()));
        Audit.record("predict", model.name(), result.allowed() ? "allowed" : "blocked", details);
    }

    /** One record for a batch: counts only. */
    public static void recordBatch(LoadedModel model, int allowed, int blocked, String channel) {
        if (!model.encrypted()) {
            return;
        }
        Audit.record("predict-batch", model.name(), blocked == 0 ? "allowed" : "partly-blocked",
                Map.of("channel", channel, "allowed", Integer.toString(allowed), "blocked", Integer.toString(blocked)));
    }
}
