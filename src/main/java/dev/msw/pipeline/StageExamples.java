package dev.msw.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The "Try an example" catalogue ({@code sample-models/examples.json}): for every stage an input that passes
 * and one that fails (or warns, for the advisory stages), on one of the sample models. Some failures need a
 * contract mistake to be reachable (e.g. a schema that forgets a feature); those carry a JSON Merge Patch
 * (RFC 7386) for the sample's contract.
 */
public final class StageExamples {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One example: what it shows, on which sample, the request text and the contract patch (or null). */
    public record Example(String stage, StageStatus expect, String model, String title, String input,
                          JsonNode contractPatch) {
        /** The sample's contract with this example's patch applied (the sample's own when there is none). */
        public String contractText() {
            String base = SampleModels.contractText(model);
            if (contractPatch == null) {
                return base;
            }
            try {
                JsonNode patched = mergePatch(JSON.readTree(base), contractPatch);
                return PRETTY.writeValueAsString(patched);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public String menuLabel() {
            return stage + " · " + expect.label() + " · " + title;
        }
    }

    private StageExamples() {
    }

    public static List<Example> all() {
        try {
            JsonNode root = JSON.readTree(SampleModels.read(SampleModels.EXAMPLES));
            List<Example> out = new ArrayList<>();
            for (JsonNode e : root) {
                String input = e.has("raw") ? e.get("raw").asText() : PRETTY.writeValueAsString(e.get("input"));
                out.add(new Example(e.get("stage").asText(), StageStatus.valueOf(e.get("expect").asText().toUpperCase(
                        java.util.Locale.ROOT)), e.get("model").asText(), e.get("title").asText(), input,
                        e.get("contractPatch")));
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException("the examples catalogue is unreadable", e);
        }
    }

    /** RFC 7386: objects merge recursively, null removes, anything else replaces. */
    static JsonNode mergePatch(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch;
        }
        ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy() : JSON.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isNull()) {
                result.remove(e.getKey());
            } else {
                result.set(e.getKey(), mergePatch(result.get(e.getKey()), e.getValue()));
            }
        }
        return result;
    }
}
