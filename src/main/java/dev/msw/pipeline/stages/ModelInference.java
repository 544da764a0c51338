package dev.msw.pipeline.stages;

import dev.msw.inference.InferenceException;
import dev.msw.inference.ModelInput;
import dev.msw.inference.OutputTensor;
import dev.msw.pipeline.ModelContract;
import dev.msw.pipeline.Prediction;
import dev.msw.pipeline.RunState;
import dev.msw.pipeline.Stage;
import dev.msw.pipeline.StageGroup;
import dev.msw.pipeline.StageOutcome;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** P3: runs the model (DJL + ONNX Runtime, from memory) with the pipeline's timeout. */
public final class ModelInference implements Stage {
    @Override
    public String id() {
        return "P3";
    }

    @Override
    public String name() {
        return "Model Inference";
    }

    @Override
    public StageGroup group() {
        return StageGroup.PROCESSING;
    }

    @Override
    public StageOutcome run(RunState s) {
        return runBatch(List.of(s)).get(0);
    }

    /** Runs the model once for all {@code states} (one row each) and records each row's prediction. */
    public static List<StageOutcome> runBatch(List<RunState> states) {
        RunState first = states.get(0);
        ModelContract c = first.contract();
        ModelInput in;
        if (first.featureText() != null) {
            in = ModelInput.texts(c.features().input(), states.stream().map(RunState::featureText).toArray(String[]::new));
        } else {
            in = ModelInput.floats(c.features().input(), states.stream().map(RunState::normalized).toArray(float[][]::new));
        }
        Map<String, OutputTensor> out;
        try {
            out = first.model().predict(in, first.inferenceTimeout());
        } catch (InferenceException e) {
            return states.stream().map(x -> StageOutcome.failed(e.getMessage())).toList();
        }
        List<StageOutcome> outcomes = new java.util.ArrayList<>(states.size());
        for (int row = 0; row < states.size(); row++) {
            RunState s = states.get(row);
            Prediction p = interpret(c, out, row);
            if (p == null) {
                outcomes.add(StageOutcome.failed("The model's outputs " + out.keySet() + " do not include those the "
                        + "contract names (" + (c.isRegression() ? c.outputs().value() : c.outputs().label()) + ")."));
                continue;
            }
            s.prediction(p);
            s.output(p.asText());
            String what = p.label() != null
                    ? "\"" + abbreviate(dev.msw.pipeline.pii.PredictionMasking.mask(p.label(), c.pii())) + "\"" + (p.confidence() != null
                    ? " with probability " + Math.round(p.confidence() * 1000) / 1000.0 : "")
                    : p.asText();
            StageOutcome o = StageOutcome.passed("The model predicted " + what + ".").detail("model", s.model().name());
            if (p.probabilities() != null) {
                o.detail("probabilities", dev.msw.pipeline.pii.PredictionMasking.mask(p, c.pii()).probabilities());
            }
            outcomes.add(o);
        }
        return outcomes;
    }

    /** Turns row {@code row} of the raw outputs into a prediction using the contract's labels; null if outputs are missing. */
    public static Prediction interpret(ModelContract c, Map<String, OutputTensor> out, int row) {
        if (c.isRegression()) {
            OutputTensor v = out.get(c.outputs().value());
            if (v == null || v.floats() == null) {
                return null;
            }
            return new Prediction(null, null, null, null, (double) v.floats()[row * v.rowWidth()]);
        }
        OutputTensor l = out.get(c.outputs().label());
        if (l == null) {
            return null;
        }
        List<String> labels = c.labels();
        Integer index = null;
        String label;
        if (l.strings() != null) {
            label = l.strings()[row];
            int i = labels.indexOf(label);
            index = i >= 0 ? i : null;
        } else {
            long raw = l.longs() != null ? l.longs()[row] : (long) l.floats()[row];
            index = (int) raw;
            label = raw >= 0 && raw < labels.size() ? labels.get((int) raw) : Long.toString(raw);
        }
        Map<String, Float> probabilities = null;
        Float confidence = null;
        OutputTensor p = c.outputs().probabilities() == null ? null : out.get(c.outputs().probabilities());
        if (p != null && p.floats() != null) {
            int w = p.rowWidth();
            probabilities = new LinkedHashMap<>();
            float best = 0;
            for (int k = 0; k < w; k++) {
                float v = p.floats()[row * w + k];
                probabilities.put(k < labels.size() ? labels.get(k) : Integer.toString(k), v);
                best = Math.max(best, v);
            }
            confidence = index != null && index < w ? p.floats()[row * w + index] : best;
        }
        return new Prediction(label, index, probabilities, confidence, null);
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
