package dev.msw.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.msw.core.CancellationToken;
import dev.msw.core.ProgressListener;
import dev.msw.testsupport.Peers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our pipeline's predictions equal Python onnxruntime's on fixed inputs, for all three sample models (and the
 * encrypted copy): both run in this test, Python applying the contract's normalization by hand.
 */
class PythonOnnxRuntimeAgreementTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String SCRIPT = """
            import json, sys
            import numpy as np, onnxruntime as ort
            folder, model, rows = sys.argv[1], sys.argv[2], json.loads(open(sys.argv[3]).read())
            contract = json.load(open(f"{folder}/{model}.contract.json"))
            sess = ort.InferenceSession(f"{folder}/{model}.onnx", providers=["CPUExecutionProvider"])
            f = contract["features"]; n = contract.get("normalization", {"method": "none"})
            out = []
            for row in rows:
                if contract["types"][f["fields"][0]] == "string":
                    text = row[f["fields"][0]].lower() if f.get("lowercase") else row[f["fields"][0]]
                    feed = np.array([[text]], dtype=object)
                else:
                    x = np.array([[row[k] for k in f["fields"]]], dtype=np.float32)
                    if n["method"] == "z-score":
                        x = ((x - np.array(n["mean"])) / np.array(n["std"])).astype(np.float32)
                    elif n["method"] == "min-max":
                        x = ((x - np.array(n["min"])) / (np.array(n["max"]) - np.array(n["min"]))).astype(np.float32)
                    feed = x
                res = dict(zip([o.name for o in sess.get_outputs()], sess.run(None, {f["input"]: feed})))
                o = contract["outputs"]
                if "value" in o:
                    out.append({"value": float(res[o["value"]].reshape(-1)[0])})
                else:
                    label = res[o["label"]][0]
                    out.append({"label": label if isinstance(label, str) else int(label),
                                "probabilities": [float(p) for p in res[o["probabilities"]][0]]})
            print(json.dumps(out))
            """;

    @Test
    void irisAgrees(@TempDir Path tmp) throws Exception {
        compare("iris-classifier", List.of(
                "{\"sepal_length\": 5.1, \"sepal_width\": 3.5, \"petal_length\": 1.4, \"petal_width\": 0.2}",
                "{\"sepal_length\": 6.0, \"sepal_width\": 2.7, \"petal_length\": 4.9, \"petal_width\": 1.6}",
                "{\"sepal_length\": 7.7, \"sepal_width\": 3.0, \"petal_length\": 6.1, \"petal_width\": 2.3}",
                "{\"sepal_length\": 4.4, \"sepal_width\": 2.0, \"petal_length\": 3.3, \"petal_width\": 1.0}"), tmp, false);
    }

    @Test
    void encryptedIrisAgrees(@TempDir Path tmp) throws Exception {
        compare("iris-classifier", List.of(
                "{\"sepal_length\": 5.9, \"sepal_width\": 3.0, \"petal_length\": 5.1, \"petal_width\": 1.8}"), tmp, true);
    }

    @Test
    void supportIntentAgrees(@TempDir Path tmp) throws Exception {
        compare("support-intent", List.of("{\"text\": \"I was charged twice on my invoice\"}",
                "{\"text\": \"Where is my PACKAGE\"}", "{\"text\": \"when are you open\"}",
                "{\"text\": \"hello there, I found a vulnerability\"}"), tmp, false);
    }

    @Test
    void diabetesAgrees(@TempDir Path tmp) throws Exception {
        compare("diabetes-regressor", List.of(
                "{\"age\": 50, \"sex\": 1, \"bmi\": 26, \"bp\": 94, \"s1\": 190, \"s2\": 115, \"s3\": 48, \"s4\": 4, \"s5\": 4.6, \"s6\": 91}",
                "{\"age\": 30, \"sex\": 2, \"bmi\": 31.5, \"bp\": 110, \"s1\": 250, \"s2\": 160, \"s3\": 30, \"s4\": 6, \"s5\": 5.5, \"s6\": 100}"),
                tmp, false);
    }

    private void compare(String model, List<String> rows, Path tmp, boolean encrypted) throws Exception {
        Path folder = SampleModels.directory().orElseThrow(() -> new AssertionError("run tests from the repository root"));
        Path script = Files.writeString(tmp.resolve("predict.py"), SCRIPT);
        Path input = Files.writeString(tmp.resolve("rows.json"), "[" + String.join(",", rows) + "]");
        Peers.Run py = Peers.exec(120, null, Peers.python(), script, folder, model, input);
        assertEquals(0, py.exitCode(), py::toString);
        JsonNode expected = JSON.readTree(py.out());
        String file = model + ".onnx" + (encrypted ? ModelFiles.ENCRYPTED_SUFFIX : "");
        try (LoadedModel m = SampleModels.load(file, ProgressListener.NONE, CancellationToken.NONE)) {
            assertEquals(encrypted, m.encrypted());
            Pipeline p = new Pipeline(m);
            for (int i = 0; i < rows.size(); i++) {
                RunResult r = p.run(rows.get(i));
                JsonNode want = expected.get(i);
                assertTrue(r.stage("P3").status() == StageStatus.PASSED, r.stages().toString());
                Prediction got = r.prediction();
                if (want.has("value")) {
                    assertEquals(want.get("value").asDouble(), got.value(), 1e-4 * Math.max(1, Math.abs(got.value())));
                    continue;
                }
                JsonNode label = want.get("label");
                if (label.isInt()) {
                    assertEquals(label.asInt(), got.classIndex().intValue(), "class of row " + i);
                } else {
                    assertEquals(dev.msw.pipeline.pii.PredictionMasking.mask(label.asText(), m.contract().pii()),
                            got.label(), "label of row " + i);
                }
                List<Float> probs = List.copyOf(got.probabilities().values());
                for (int k = 0; k < probs.size(); k++) {
                    assertEquals(want.get("probabilities").get(k).asDouble(), probs.get(k), 1e-6, "p[" + k + "] row " + i);
                }
            }
        }
    }
}
