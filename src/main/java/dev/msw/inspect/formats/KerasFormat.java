package dev.msw.inspect.formats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.msw.inspect.ArtifactReport;
import dev.msw.inspect.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * Keras model configurations (config.json of a .keras zip, the model_config attribute of an .h5 file): Lambda
 * layers (serialized Python bytecode) and references to modules or functions outside Keras, anywhere in the
 * configuration, recursively.
 */
public final class KerasFormat {
    private static final int MAX_JSON = 64 << 20;
    private static final int MAX_H5_SCAN = 256 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private KerasFormat() {
    }

    public static void scanJson(ArtifactReport r, InputStream in) throws IOException {
        byte[] b = in.readNBytes(MAX_JSON);
        JsonNode root;
        try {
            root = JSON.readTree(b);
        } catch (IOException e) {
            r.format("text");
            r.add(Severity.INFO, "unrecognised-format", "", 0, "starts like JSON but does not parse; not analysed");
            return;
        }
        r.format(looksKeras(root) ? "keras config (JSON)" : "JSON");
        walk(r, root, "$", 0);
    }

    /** Finds JSON model configurations inside an HDF5 file's attributes and checks them. */
    public static void scanHdf5(ArtifactReport r, InputStream in) throws IOException {
        r.format("hdf5");
        byte[] b = in.readNBytes(MAX_H5_SCAN);
        String s = new String(b, StandardCharsets.ISO_8859_1);
        int configs = 0;
        for (int i = s.indexOf("{\"class_name\""); i >= 0; i = s.indexOf("{\"class_name\"", i + 1)) {
            int end = matchBrace(s, i);
            if (end < 0) {
                continue;
            }
            try {
                JsonNode node = JSON.readTree(s.substring(i, end + 1).getBytes(StandardCharsets.ISO_8859_1));
                configs++;
                walk(r, node, "model_config@" + i, 0);
                i = end;
            } catch (IOException ignored) {
                // not a JSON attribute after all; keep searching
            }
        }
        r.fact("model configs", configs);
        if (configs > 0) {
            r.format("hdf5 (Keras)");
        }
    }

    private static int matchBrace(String s, int start) {
        int depth = 0;
        boolean str = false;
        for (int i = start; i < s.length(); i++) {
            char c = s.charAt(i);
            if (str) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    str = false;
                }
            } else if (c == '"') {
                str = true;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            } else if (c == 0) {
                return -1;
            }
        }
        return -1;
    }

    private static boolean looksKeras(JsonNode n) {
        return n.has("class_name") && n.has("config");
    }

    private static void walk(ArtifactReport r, JsonNode n, String path, int depth) {
        if (depth > 200) {
            r.add(Severity.WARNING, "limit-reached", path, -1, "configuration nested deeper than 200 levels; not followed");
            return;
        }
        if (n.isObject()) {
            JsonNode cls = n.get("class_name");
            if (cls != null && cls.isTextual()) {
                String c = cls.asText();
                if (c.equals("Lambda") || c.equals("__lambda__") || c.endsWith(">Lambda")) {
                    r.add(Severity.CRITICAL, "keras-lambda", path, -1, "a Lambda layer carries serialized Python code"
                            + " that runs when the model is loaded (safe_mode=False) or called");
                }
                if (c.equals("TFOpLambda") || c.equals("SlicingOpLambda")) {
                    r.add(Severity.WARNING, "keras-op-lambda", path, -1, "calls a TensorFlow function by name");
                }
            }
            JsonNode fnType = n.get("function_type");
            if (fnType != null && "lambda".equals(fnType.asText())) {
                r.add(Severity.CRITICAL, "keras-lambda", path + ".function", -1, "serialized lambda bytecode");
            }
            JsonNode module = n.get("module");
            if (module != null && module.isTextual() && !standardModule(module.asText())) {
                JsonNode reg = n.get("registered_name");
                String what = module.asText() + (reg != null ? "." + reg.asText() : "");
                r.add(dangerousModule(module.asText()),
                        "keras-module-reference", what, -1,
                        "the configuration makes Keras import " + module.asText() + " and call what it names");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                walk(r, e.getValue(), path + "." + e.getKey(), depth + 1);
            }
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                walk(r, n.get(i), path + "[" + i + "]", depth + 1);
            }
        }
    }

    private static boolean standardModule(String m) {
        return m.equals("keras") || m.startsWith("keras.") || m.equals("tf_keras") || m.startsWith("tf_keras.")
                || m.startsWith("tensorflow.keras") || m.equals("numpy");
    }

    private static Severity dangerousModule(String m) {
        String top = m.contains(".") ? m.substring(0, m.indexOf('.')) : m;
        dev.msw.inspect.pickle.CallablePolicy.Verdict v = new dev.msw.inspect.pickle.CallablePolicy(false).judge(top, "x");
        return v.safe() ? Severity.WARNING : v.severity();
    }
}
