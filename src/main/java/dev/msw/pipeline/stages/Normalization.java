package dev.msw.pipeline.stages;

import dev.msw.pipeline.ModelContract;
import dev.msw.pipeline.RunState;
import dev.msw.pipeline.Stage;
import dev.msw.pipeline.StageGroup;
import dev.msw.pipeline.StageOutcome;

/** P2: scales the feature vector with the contract's stored parameters (z-score or min-max), as in training. */
public final class Normalization implements Stage {
    @Override
    public String id() {
        return "P2";
    }

    @Override
    public String name() {
        return "Normalization";
    }

    @Override
    public StageGroup group() {
        return StageGroup.PROCESSING;
    }

    @Override
    public StageOutcome run(RunState s) {
        ModelContract.Normalization n = s.contract().normalization();
        if (s.features() == null) {
            return StageOutcome.passed("Text input: the model's own graph does the TF-IDF weighting; nothing to scale.");
        }
        float[] x = s.features();
        float[] y = new float[x.length];
        switch (n.method()) {
            case "z-score" -> {
                for (int i = 0; i < x.length; i++) {
                    y[i] = (float) ((x[i] - n.a()[i]) / n.b()[i]);
                }
            }
            case "min-max" -> {
                for (int i = 0; i < x.length; i++) {
                    y[i] = (float) ((x[i] - n.a()[i]) / (n.b()[i] - n.a()[i]));
                }
            }
            default -> {
                s.normalized(x);
                return StageOutcome.passed("The contract declares no normalization; features go in as they are.");
            }
        }
        for (int i = 0; i < y.length; i++) {
            if (!Float.isFinite(y[i])) {
                return StageOutcome.failed("Scaling feature " + s.contract().features().fields().get(i)
                        + " gave a non-finite value.").field(s.contract().features().fields().get(i));
            }
        }
        s.normalized(y);
        return StageOutcome.passed(n.method() + " scaling with the stored training parameters.")
                .detail("normalized", y);
    }
}
