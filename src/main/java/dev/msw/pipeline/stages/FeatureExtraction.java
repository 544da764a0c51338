package dev.msw.pipeline.stages;

import com.fasterxml.jackson.databind.JsonNode;
import dev.msw.pipeline.ModelContract;
import dev.msw.pipeline.RunState;
import dev.msw.pipeline.Stage;
import dev.msw.pipeline.StageGroup;
import dev.msw.pipeline.StageOutcome;
import java.util.List;
import java.util.Locale;

/** P1: builds the model's input from the contract's feature mapping: a vector in field order, or the text. */
public final class FeatureExtraction implements Stage {
    @Override
    public String id() {
        return "P1";
    }

    @Override
    public String name() {
        return "Feature Extraction";
    }

    @Override
    public StageGroup group() {
        return StageGroup.PROCESSING;
    }

    @Override
    public StageOutcome run(RunState s) {
        ModelContract.Features f = s.contract().features();
        List<String> fields = f.fields();
        if ("string".equals(s.contract().types().get(fields.get(0)))) {
            String field = fields.get(0);
            String text = s.texts().get(field);
            if (text == null) {
                return StageOutcome.failed("The text field \"" + field + "\" is missing.").field(field);
            }
            if (f.lowercase()) {
                text = text.toLowerCase(Locale.ROOT);
            }
            s.featureText(text);
            return StageOutcome.passed("Text of \"" + field + "\" (" + text.length() + " characters"
                    + (f.lowercase() ? ", lower-cased" : "") + ") goes to model input \"" + f.input() + "\".")
                    .detail("input", f.input());
        }
        float[] v = new float[fields.size()];
        for (int i = 0; i < v.length; i++) {
            JsonNode n = s.input().get(fields.get(i));
            if (n == null || !n.isNumber()) {
                return StageOutcome.failed("Feature \"" + fields.get(i) + "\" is missing or not a number.").field(fields.get(i));
            }
            v[i] = (float) n.asDouble();
        }
        s.features(v);
        return StageOutcome.passed(v.length + " features in the order " + String.join(", ", fields)
                + " go to model input \"" + f.input() + "\".").detail("vector", v);
    }
}
