package dev.msw.pipeline.stages;

import com.fasterxml.jackson.databind.JsonNode;
import dev.msw.pipeline.RunState;
import dev.msw.pipeline.Stage;
import dev.msw.pipeline.StageGroup;
import dev.msw.pipeline.StageOutcome;
import java.util.Map;

/**
 * IV2: every field has the type the contract declares (and the model's input tensor takes, checked at load):
 * numbers are finite and fit a 32-bit float, integers are whole, strings are strings.
 */
public final class DataTypeCheck implements Stage {
    @Override
    public String id() {
        return "IV2";
    }

    @Override
    public String name() {
        return "Data Type Check";
    }

    @Override
    public StageGroup group() {
        return StageGroup.INPUT_VALIDATION;
    }

    @Override
    public StageOutcome run(RunState s) {
        int checked = 0;
        for (Map.Entry<String, String> e : s.contract().types().entrySet()) {
            String field = e.getKey();
            JsonNode v = s.input().get(field);
            if (v == null) {
                continue;
            }
            checked++;
            String problem = problem(e.getValue(), v);
            if (problem != null) {
                return StageOutcome.failed("Field \"" + field + "\" " + problem)
                        .field(field).detail("expected", e.getValue()).detail("got", describe(v));
            }
        }
        return StageOutcome.passed(checked == 1 ? "The field has its declared type."
                : checked + " fields have their declared types.");
    }

    private static String problem(String type, JsonNode v) {
        switch (type) {
            case "number", "integer" -> {
                if (!v.isNumber()) {
                    return "must be a " + type + " but is " + describe(v) + ".";
                }
                double d = v.asDouble();
                if (Double.isNaN(d)) {
                    return "is NaN, which is not a number a model can use.";
                }
                if (Double.isInfinite(d)) {
                    return "is " + (d > 0 ? "+" : "-") + "infinity (or too large for a double), which a model cannot use.";
                }
                if (Math.abs(d) > Float.MAX_VALUE) {
                    return "is " + v.asText() + ", too large for the model's 32-bit float input.";
                }
                if ("integer".equals(type) && d != Math.rint(d)) {
                    return "must be a whole number but is " + v.asText() + ".";
                }
                return null;
            }
            case "string" -> {
                return v.isTextual() ? null : "must be a string but is " + describe(v) + ".";
            }
            case "boolean" -> {
                return v.isBoolean() ? null : "must be true or false but is " + describe(v) + ".";
            }
            default -> {
                return "has the unknown declared type " + type + ".";
            }
        }
    }

    static String describe(JsonNode v) {
        String kind = switch (v.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "an array of " + v.size();
            case OBJECT -> "an object";
            case NULL -> "null";
            default -> v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
        if (v.isValueNode() && !v.isNull()) {
            String text = v.asText();
            kind += " (" + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + ")";
        }
        return kind;
    }
}
