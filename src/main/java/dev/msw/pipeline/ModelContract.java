package dev.msw.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A model's contract: what inputs it accepts (IV1–IV5), how features are built (P1–P2) and what may leave it
 * (OV1–OV4). Instances are immutable and fully checked: {@link #parse} rejects an invalid contract with the
 * line and the reason, so the stages never meet a half-valid one.
 */
public final class ModelContract {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final JsonSchema META = loadMetaSchema();

    /** Allowed interval of a numeric field; the training interval (if known) is what the model actually saw. */
    public record Range(double min, double max, Double trainingMin, Double trainingMax) {
    }

    public record Sanitization(String unicodeNormalization, boolean rejectControlCharacters, boolean rejectMarkup,
                               Pattern allowedCharacter, String allowedCharacters, String injectionPatterns) {
    }

    public record SizeLimits(long maxRequestBytes, int maxStringLength, int maxArrayLength, int maxDepth) {
    }

    public record Features(String input, List<String> fields, boolean lowercase) {
    }

    /** z-score keeps mean/std in {@code a}/{@code b}, min-max keeps min/max. */
    public record Normalization(String method, double[] a, double[] b) {
    }

    public record Outputs(String label, String probabilities, String value) {
    }

    public record Confidence(Double threshold, String action, Range valueRange) {
    }

    public record OutputEncoding(String context, int maxLength) {
    }

    public record Pii(Set<String> entities, Map<String, String> masking, double minScore, String action,
                      String phoneRegion) {
        public String maskingFor(String entity) {
            return masking.getOrDefault(entity, masking.getOrDefault("default", "redact"));
        }
    }

    public record ResponseFilters(List<String> allowedLabels, List<String> blockedLabels, List<String> blockedTerms) {
    }

    private final String source;
    private final String json;
    private final String name;
    private final String task;
    private final String modelFile;
    private final JsonSchema inputSchema;
    private final Map<String, String> types;
    private final Map<String, Range> ranges;
    private final Sanitization sanitization;
    private final SizeLimits sizeLimits;
    private final Features features;
    private final Normalization normalization;
    private final Outputs outputs;
    private final List<String> labels;
    private final Confidence confidence;
    private final OutputEncoding outputEncoding;
    private final Pii pii;
    private final ResponseFilters responseFilters;
    private final JsonLines lines;
    private final java.time.Duration inferenceTimeout;

    private ModelContract(String source, String json, JsonNode n, JsonLines lines) {
        this.source = source;
        this.json = json;
        this.lines = lines;
        this.name = n.path("name").asText(source);
        this.task = n.get("task").asText();
        this.modelFile = n.path("model").asText(null);
        this.types = new LinkedHashMap<>();
        n.get("types").fields().forEachRemaining(e -> types.put(e.getKey(), e.getValue().asText()));
        this.ranges = new LinkedHashMap<>();
        n.path("ranges").fields().forEachRemaining(e -> ranges.put(e.getKey(), range(e.getValue())));
        JsonNode s = n.path("sanitization");
        String allowed = s.path("allowedCharacters").asText(null);
        Pattern allowedPattern = null;
        if (allowed != null) {
            try {
                allowedPattern = Pattern.compile("[" + allowed + "]");
            } catch (PatternSyntaxException e) {
                throw new ContractException(source, lines.lineOf("/sanitization/allowedCharacters"),
                        "allowedCharacters is not a valid character class: " + e.getDescription());
            }
        }
        this.sanitization = new Sanitization(s.path("unicodeNormalization").asText("NFKC"),
                s.path("rejectControlCharacters").asBoolean(true), s.path("rejectMarkup").asBoolean(true),
                allowedPattern, allowed, s.path("injectionPatterns").asText("warn"));
        JsonNode l = n.get("sizeLimits");
        this.sizeLimits = new SizeLimits(l.get("maxRequestBytes").asLong(), l.path("maxStringLength").asInt(10_000),
                l.path("maxArrayLength").asInt(1_000), l.path("maxDepth").asInt(8));
        JsonNode f = n.get("features");
        List<String> fields = new ArrayList<>();
        f.get("fields").forEach(x -> fields.add(x.asText()));
        this.features = new Features(f.get("input").asText(), List.copyOf(fields), f.path("lowercase").asBoolean(false));
        JsonNode norm = n.path("normalization");
        String method = norm.path("method").asText("none");
        this.normalization = switch (method) {
            case "z-score" -> new Normalization(method, doubles(norm.path("mean")), doubles(norm.path("std")));
            case "min-max" -> new Normalization(method, doubles(norm.path("min")), doubles(norm.path("max")));
            default -> new Normalization("none", new double[0], new double[0]);
        };
        JsonNode o = n.get("outputs");
        this.outputs = new Outputs(o.path("label").asText(null), o.path("probabilities").asText(null),
                o.path("value").asText(null));
        this.labels = strings(n.path("labels"));
        this.inferenceTimeout = n.path("inference").has("timeoutMillis")
                ? java.time.Duration.ofMillis(n.path("inference").get("timeoutMillis").asLong()) : null;
        JsonNode c = n.path("confidence");
        this.confidence = new Confidence(c.has("threshold") ? c.get("threshold").asDouble() : null,
                c.path("action").asText("fail"), c.has("valueRange") ? range(c.get("valueRange")) : null);
        JsonNode e = n.path("outputEncoding");
        this.outputEncoding = new OutputEncoding(e.path("context").asText("html"), e.path("maxLength").asInt(10_000));
        JsonNode p = n.path("pii");
        Map<String, String> masking = new LinkedHashMap<>();
        p.path("masking").fields().forEachRemaining(x -> masking.put(x.getKey(), x.getValue().asText()));
        this.pii = new Pii(new LinkedHashSet<>(strings(p.path("entities"))), masking, p.path("minScore").asDouble(0.5),
                p.path("action").asText("mask"), p.path("phoneRegion").asText("US"));
        JsonNode r = n.path("responseFilters");
        this.responseFilters = new ResponseFilters(strings(r.path("allowedLabels")), strings(r.path("blockedLabels")),
                strings(r.path("blockedTerms")));
        this.inputSchema = compileInputSchema(n.get("inputSchema"), lines);
        checkConsistency(n, lines);
    }

    /** Parses and checks a contract; {@code source} names it in errors (a file name). */
    public static ModelContract parse(String json, String source) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() != null ? e.getLocation().getLineNr() : 1;
            throw new ContractException(source, line, "not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (tree == null || tree.isMissingNode()) {
            throw new ContractException(source, 1, "the file is empty");
        }
        JsonLines lines = JsonLines.index(json);
        List<ValidationMessage> problems = new ArrayList<>(META.validate(tree));
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparingInt(m -> lines.lineOf(m.getInstanceLocation().toString().equals("$")
                    ? "" : pointer(m))));
            ValidationMessage first = problems.get(0);
            throw new ContractException(source, lines.lineOf(pointer(first)), describe(first));
        }
        return new ModelContract(source, json, tree, lines);
    }

    public static ModelContract load(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.getFileName().toString());
        } catch (IOException e) {
            throw new dev.msw.core.UserFacingException("Cannot read the model contract " + file, e.getMessage(),
                    "check that the file exists and is readable", e);
        }
    }

    private static String pointer(ValidationMessage m) {
        // networknt paths look like $.ranges.petal_length.min or $.labels[2]
        String p = m.getInstanceLocation().toString();
        String ptr = p.replaceFirst("^\\$", "").replaceAll("\\[(\\d+)]", ".$1").replace('.', '/');
        if (m.getProperty() != null && "additionalProperties".equals(m.getType())) {
            ptr = ptr + "/" + m.getProperty();
        }
        return ptr;
    }

    private static String describe(ValidationMessage m) {
        String where = m.getInstanceLocation().toString().replaceFirst("^\\$\\.?", "");
        String msg = m.getMessage().replaceFirst("^\\$[^:]*: ", "");
        return (where.isEmpty() ? "" : where + ": ") + msg;
    }

    private JsonSchema compileInputSchema(JsonNode schema, JsonLines lines) {
        if (!"object".equals(schema.path("type").asText()) || !schema.path("properties").isObject()) {
            throw new ContractException(source, lines.lineOf("/inputSchema"),
                    "inputSchema must describe an object with \"type\": \"object\" and \"properties\"");
        }
        try {
            return SCHEMAS.getSchema(schema);
        } catch (RuntimeException e) {
            throw new ContractException(source, lines.lineOf("/inputSchema"),
                    "inputSchema is not a usable JSON Schema: " + e.getMessage());
        }
    }

    private void checkConsistency(JsonNode n, JsonLines lines) {
        JsonNode props = n.get("inputSchema").get("properties");
        for (String field : types.keySet()) {
            if (!props.has(field)) {
                throw new ContractException(source, lines.lineOf("/types/" + field),
                        "types names \"" + field + "\", which inputSchema.properties does not declare");
            }
        }
        for (String field : features.fields()) {
            if (!types.containsKey(field)) {
                throw new ContractException(source, lines.lineOf("/features/fields"),
                        "feature field \"" + field + "\" has no entry in types");
            }
        }
        for (Map.Entry<String, Range> r : ranges.entrySet()) {
            String t = types.get(r.getKey());
            if (!"number".equals(t) && !"integer".equals(t)) {
                throw new ContractException(source, lines.lineOf("/ranges/" + r.getKey()),
                        "range for \"" + r.getKey() + "\", which is not a numeric field in types");
            }
            if (r.getValue().min() > r.getValue().max()) {
                throw new ContractException(source, lines.lineOf("/ranges/" + r.getKey() + "/min"),
                        "range for \"" + r.getKey() + "\" has min greater than max");
            }
        }
        int width = features.fields().size();
        if (!"none".equals(normalization.method())) {
            String[] keys = "z-score".equals(normalization.method()) ? new String[] {"mean", "std"}
                    : new String[] {"min", "max"};
            double[][] arrays = {normalization.a(), normalization.b()};
            for (int i = 0; i < 2; i++) {
                if (arrays[i].length != width) {
                    throw new ContractException(source, lines.lineOf("/normalization/" + keys[i]),
                            "normalization." + keys[i] + " has " + arrays[i].length + " values for " + width
                                    + " feature fields");
                }
            }
            for (int i = 0; i < width; i++) {
                boolean degenerate = "z-score".equals(normalization.method()) ? !(normalization.b()[i] > 0)
                        : !(normalization.b()[i] > normalization.a()[i]);
                if (degenerate) {
                    throw new ContractException(source, lines.lineOf("/normalization/" + keys[1] + "/" + i),
                            "normalization for \"" + features.fields().get(i) + "\" would divide by zero ("
                                    + keys[1] + " must be " + ("z-score".equals(normalization.method())
                                    ? "positive" : "greater than min") + ")");
                }
            }
            for (String field : features.fields()) {
                if ("string".equals(types.get(field))) {
                    throw new ContractException(source, lines.lineOf("/normalization/method"),
                            "numeric normalization cannot apply to the text field \"" + field + "\"");
                }
            }
        }
        if ("regression".equals(task) ? outputs.value() == null : outputs.label() == null) {
            throw new ContractException(source, lines.lineOf("/outputs"), "regression".equals(task)
                    ? "a regression contract must name its value output (outputs.value)"
                    : "a classification contract must name its label output (outputs.label)");
        }
        if (confidence.threshold() != null && outputs.probabilities() == null) {
            throw new ContractException(source, lines.lineOf("/confidence/threshold"),
                    "a confidence threshold needs the probabilities output (outputs.probabilities)");
        }
    }

    private static Range range(JsonNode r) {
        return new Range(r.get("min").asDouble(), r.get("max").asDouble(),
                r.has("trainingMin") ? r.get("trainingMin").asDouble() : null,
                r.has("trainingMax") ? r.get("trainingMax").asDouble() : null);
    }

    private static double[] doubles(JsonNode a) {
        double[] d = new double[a.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = a.get(i).asDouble();
        }
        return d;
    }

    private static List<String> strings(JsonNode a) {
        List<String> out = new ArrayList<>();
        a.forEach(x -> out.add(x.asText()));
        return List.copyOf(out);
    }

    private static JsonSchema loadMetaSchema() {
        try (InputStream in = ModelContract.class.getResourceAsStream("contract.schema.json")) {
            return SCHEMAS.getSchema(MAPPER.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("the contract meta-schema resource is missing", e);
        }
    }

    /** The line where the value at {@code pointer} ("/features/input") starts in the contract's text. */
    int lineOf(String pointer) {
        return lines.lineOf(pointer);
    }

    public String source() {
        return source;
    }

    /** The contract's text as it was loaded (for the editor). */
    public String json() {
        return json;
    }

    public String name() {
        return name;
    }

    public String task() {
        return task;
    }

    public boolean isRegression() {
        return "regression".equals(task);
    }

    /** The model file named in the contract, or null. */
    public String modelFile() {
        return modelFile;
    }

    public JsonSchema inputSchema() {
        return inputSchema;
    }

    public Map<String, String> types() {
        return types;
    }

    public Map<String, Range> ranges() {
        return ranges;
    }

    public Sanitization sanitization() {
        return sanitization;
    }

    public SizeLimits sizeLimits() {
        return sizeLimits;
    }

    public Features features() {
        return features;
    }

    public Normalization normalization() {
        return normalization;
    }

    public Outputs outputs() {
        return outputs;
    }

    /** The contract's inference timeout, or null for the pipeline's default. */
    public java.time.Duration inferenceTimeout() {
        return inferenceTimeout;
    }

    public List<String> labels() {
        return labels;
    }

    public Confidence confidence() {
        return confidence;
    }

    public OutputEncoding outputEncoding() {
        return outputEncoding;
    }

    public Pii pii() {
        return pii;
    }

    public ResponseFilters responseFilters() {
        return responseFilters;
    }
}
