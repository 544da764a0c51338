package dev.msw.pipeline.stages;

import com.fasterxml.jackson.databind.JsonNode;
import dev.msw.pipeline.ModelContract.Range;
import dev.msw.pipeline.RunState;
import dev.msw.pipeline.Stage;
import dev.msw.pipeline.StageGroup;
import dev.msw.pipeline.StageOutcome;
import java.util.Map;

/**
 * IV3: numeric fields lie inside the contract's allowed range (fail), and preferably inside the range the
 * model saw in training (warn otherwise: the model is extrapolating).
 */
public final class RangeCheck implements Stage {
    @Override
    public String id() {
        return "IV3";
    }

    @Override
    public String name() {
        return "Range Check";
    }

    @Override
    public StageGroup group() {
        return StageGroup.INPUT_VALIDATION;
    }

    @Override
    public StageOutcome run(RunState s) {
        Map<String, Range> ranges = s.contract().ranges();
        if (ranges.isEmpty()) {
            return StageOutcome.passed("The contract declares no numeric ranges for this model.");
        }
        StageOutcome warning = null;
        for (Map.Entry<String, Range> e : ranges.entrySet()) {
            JsonNode v = s.input().get(e.getKey());
            if (v == null || !v.isNumber()) {
                continue;
            }
            double d = v.asDouble();
            Range r = e.getValue();
            if (d < r.min() || d > r.max()) {
                return StageOutcome.failed("Field \"" + e.getKey() + "\" is " + v.asText() + ", outside the allowed range "
                                + fmt(r.min()) + " to " + fmt(r.max()) + ".")
                        .field(e.getKey()).detail("value", d).detail("min", r.min()).detail("max", r.max());
            }
            boolean outsideTraining = (r.trainingMin() != null && d < r.trainingMin())
                    || (r.trainingMax() != null && d > r.trainingMax());
            if (outsideTraining && warning == null) {
                warning = StageOutcome.warned("Field \"" + e.getKey() + "\" is " + v.asText()
                                + ", allowed but outside what the model saw in training (" + fmt(r.trainingMin()) + " to "
                                + fmt(r.trainingMax()) + "); the prediction is an extrapolation.")
                        .field(e.getKey()).detail("value", d).detail("trainingMin", r.trainingMin())
                        .detail("trainingMax", r.trainingMax());
            }
        }
        return warning != null ? warning : StageOutcome.passed(ranges.size() + " fields are inside their ranges.");
    }

    private static String fmt(Double d) {
        return d == null ? "?" : d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : Double.toString(d);
    }
}
