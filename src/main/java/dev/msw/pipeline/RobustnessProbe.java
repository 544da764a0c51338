package dev.msw.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.msw.core.CancellationToken;
import dev.msw.core.ProgressListener;
import dev.msw.core.UserFacingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Sensitivity to small nudges: each numeric feature of an input is moved within ±ε of its training span
 * (trials spread evenly over the interval, plus random ones from a fixed seed) and the probe counts how often
 * the predicted class changes. A feature that flips the class for tiny moves marks an input near a decision
 * boundary, where an adversary needs little effort. Deterministic for the same input and settings.
 */
public final class RobustnessProbe {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Result for one feature: trials, class flips and the smallest relative move that flipped (or NaN). */
    public record FeatureSensitivity(String feature, int trials, int flips, double smallestFlip) {
        public double flipRate() {
            return trials == 0 ? 0 : (double) flips / trials;
        }
    }

    public record Report(String baseline, double epsilon, List<FeatureSensitivity> features) {
        public int totalFlips() {
            return features.stream().mapToInt(FeatureSensitivity::flips).sum();
        }

        public int totalTrials() {
            return features.stream().mapToInt(FeatureSensitivity::trials).sum();
        }
    }

    private RobustnessProbe() {
    }

    public static Report probe(Pipeline pipeline, String input, double epsilon, int trialsPerFeature,
                               ProgressListener progress, CancellationToken cancel) {
        ModelContract c = pipeline.model().contract();
        if (c.isRegression() || c.features().fields().stream().anyMatch(f -> "string".equals(c.types().get(f)))) {
            throw new UserFacingException("The robustness probe needs a classifier over numeric features",
                    "the model " + pipeline.model().name() + " is a " + c.task() + " model", "choose the iris sample");
        }
        RunResult base = pipeline.run(input);
        if (base.prediction() == null) {
            throw new UserFacingException("The robustness probe needs an input the model accepts",
                    base.failedStage().map(s -> s.id() + ": " + s.reason()).orElse("no prediction"),
                    "fix the input first (run it once and look at the failed stage)");
        }
        String baseline = base.prediction().label();
        ObjectNode original;
        try {
            original = (ObjectNode) JSON.readTree(input);
        } catch (Exception e) {
            throw new UserFacingException("The robustness probe cannot read the input", e.getMessage(), "fix the JSON");
        }
        Random random = new Random(42);
        List<FeatureSensitivity> out = new ArrayList<>();
        List<String> fields = c.features().fields();
        int total = fields.size() * trialsPerFeature;
        int done = 0;
        for (String f : fields) {
            ModelContract.Range r = c.ranges().get(f);
            double span = r == null ? 1 : (r.trainingMax() != null && r.trainingMin() != null
                    ? r.trainingMax() - r.trainingMin() : r.max() - r.min());
            JsonNode v = original.get(f);
            int flips = 0;
            double smallest = Double.NaN;
            for (int t = 0; t < trialsPerFeature; t++) {
                cancel.throwIfCancelled();
                // half the trials sweep the interval evenly, half are random draws
                double rel = t % 2 == 0 ? epsilon * (2.0 * (t / 2 + 1) / (trialsPerFeature / 2 + 1) - 1)
                        : epsilon * (2 * random.nextDouble() - 1);
                ObjectNode moved = original.deepCopy();
                moved.put(f, v.asDouble() + rel * span);
                RunResult r2 = pipeline.run(moved.toString());
                if (r2.prediction() != null && !baseline.equals(r2.prediction().label())) {
                    flips++;
                    smallest = Double.isNaN(smallest) ? Math.abs(rel) : Math.min(smallest, Math.abs(rel));
                }
                progress.progress(++done, total, f);
            }
            out.add(new FeatureSensitivity(f, trialsPerFeature, flips, smallest));
        }
        return new Report(baseline, epsilon, List.copyOf(out));
    }
}
