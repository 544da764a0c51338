package dev.msw.pipeline.stages;

import dev.msw.pipeline.ModelContract;
import dev.msw.pipeline.Prediction;
import dev.msw.pipeline.RunState;
import dev.msw.pipeline.Stage;
import dev.msw.pipeline.StageGroup;
import dev.msw.pipeline.StageOutcome;
import java.util.Locale;

/**
 * OV1: a classifier's top probability reaches the contract's threshold (below it the answer is withheld, or
 * flagged when the contract says "warn"); a regressor's value lies in the range of the training targets.
 */
public final class ConfidenceCheck implements Stage {
    @Override
    public String id() {
        return "OV1";
    }

    @Override
    public String name() {
        return "Confidence Check";
    }

    @Override
    public StageGroup group() {
        return StageGroup.OUTPUT_VALIDATION;
    }

    private static double round(double v, int scale) {
        return Math.round(v * scale) / (double) scale;
    }

    @Override
    public StageOutcome run(RunState s) {
        ModelContract.Confidence c = s.contract().confidence();
        Prediction p = s.prediction();
        if (p.value() != null) {
            if (c.valueRange() == null) {
                return StageOutcome.passed("The contract sets no expected range for predicted values.");
            }
            double v = p.value();
            if (!Double.isFinite(v) || v < c.valueRange().min() || v > c.valueRange().max()) {
                return StageOutcome.warned(String.format(Locale.ROOT,
                                "The predicted value %.2f is outside the range of training targets (%.0f to %.0f); "
                                        + "treat it with caution.", v, c.valueRange().min(), c.valueRange().max()))
                        .detail("value", v);
            }
            return StageOutcome.passed("The predicted value " + round(v, 100) + " lies within the training targets' range ("
                    + round(c.valueRange().min(), 1) + " to " + round(c.valueRange().max(), 1) + ").");
        }
        if (c.threshold() == null || p.confidence() == null) {
            return StageOutcome.passed("The contract sets no confidence threshold.");
        }
        float conf = p.confidence();
        if (conf < c.threshold()) {
            String reason = String.format(Locale.ROOT, "The model is only %.1f%% sure of its answer; the contract "
                    + "requires %.0f%%.", conf * 100, c.threshold() * 100);
            StageOutcome o = "warn".equals(c.action()) ? StageOutcome.warned(reason + " The answer is flagged.")
                    : StageOutcome.failed(reason + " The answer is withheld.");
            return o.detail("confidence", conf).detail("threshold", c.threshold());
        }
        // plain concatenation: this runs for every row of a batch and String.format costs microseconds
        return StageOutcome.passed("Confidence " + round(conf * 100, 10) + "% meets the " + round(c.threshold() * 100, 10)
                + "% threshold.").detail("confidence", conf);
    }
}
