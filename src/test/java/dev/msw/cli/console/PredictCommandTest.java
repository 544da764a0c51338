package dev.msw.cli.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.msw.testsupport.Cli;
import dev.msw.testsupport.ConfigDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String IRIS = "sample-models/iris-classifier.onnx";
    private static final String FLOWER = "{\"sepal_length\": 5.1, \"sepal_width\": 3.5, \"petal_length\": 1.4, \"petal_width\": 0.2}";

    @TempDir
    Path tmp;
    private String previousConfig;

    @BeforeEach
    void isolateConfig() {
        previousConfig = ConfigDir.point(tmp.resolve("config"));
    }

    @AfterEach
    void restoreConfig() {
        ConfigDir.restore(previousConfig);
    }

    @Test
    void jsonShapeHasAllTwelveStagesInOrder() throws Exception {
        Cli.Result r = Cli.run("predict", "--model", IRIS, "--input", FLOWER, "--json");
        assertEquals(0, r.exitCode(), r::toString);
        JsonNode doc = JSON.readTree(r.out());
        assertEquals("setosa", doc.get("prediction").get("label").asText());
        assertEquals("setosa", doc.get("output").asText());
        List<String> ids = List.of("IV1", "IV2", "IV3", "IV4", "IV5", "P1", "P2", "P3", "OV1", "OV2", "OV3", "OV4");
        assertEquals(12, doc.get("stages").size());
        for (int i = 0; i < 12; i++) {
            JsonNode s = doc.get("stages").get(i);
            assertEquals(ids.get(i), s.get("id").asText());
            assertTrue(s.has("name") && s.has("status") && s.has("reason") && s.has("durationMicros"), s.toString());
            assertEquals("passed", s.get("status").asText(), s.toString());
        }
        assertEquals("Schema Validation", doc.get("stages").get(0).get("name").asText());
    }

    @Test
    void failedStageExitsOneAndNamesIt() throws Exception {
        Path input = Files.writeString(tmp.resolve("bad.json"), FLOWER.replace("1.4", "25"));
        Cli.Result r = Cli.run("predict", "--model", IRIS, "--input", "@" + input);
        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.out().contains("Blocked by IV3 Range Check"), r.out());
        assertTrue(r.out().contains("skipped"), r.out());
    }

    @Test
    void textModelMasksContactDetails() {
        Cli.Result r = Cli.run("predict", "--model", "sample-models/support-intent.onnx", "--input",
                "{\"text\": \"I was charged twice on my invoice\"}");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().matches("(?s).*OV3\\s+PII Detection\\s+warned.*"), r.out());
        assertFalse(r.out().contains("billing@example.com"), r.out());
        assertTrue(r.out().contains("b******@example.com"), r.out());
    }

    @Test
    void batchOverCsvAndJsonl() throws Exception {
        Path csv = Files.writeString(tmp.resolve("rows.csv"), "sepal_length,sepal_width,petal_length,petal_width\n"
                + "5.1,3.5,1.4,0.2\n7.7,3.0,6.1,2.3\n6.0,2.7,4.9,1.6\n5.1,3.5,25,0.2\n");
        Path out = tmp.resolve("results.jsonl");
        Cli.Result r = Cli.run("predict", "--model", IRIS, "--batch", csv.toString(), "--out", out.toString());
        assertEquals(1, r.exitCode(), "two rows are blocked: " + r);
        assertTrue(r.out().contains("4 rows: 2 allowed, 2 blocked"), r.out());
        assertTrue(r.out().matches("(?s).*IV3\\s+Range Check\\s+3\\s+0\\s+1\\s+0.*"), r.out());
        List<String> lines = Files.readAllLines(out);
        assertEquals(4, lines.size());
        assertEquals("OV1", JSON.readTree(lines.get(2)).get("stoppedBy").asText());
        assertEquals("IV3", JSON.readTree(lines.get(3)).get("stoppedBy").asText());
        assertEquals("virginica", JSON.readTree(lines.get(1)).get("output").asText());

        Path jsonl = Files.writeString(tmp.resolve("rows.jsonl"), FLOWER + "\n\n" + FLOWER + "\n");
        Path out2 = tmp.resolve("r2.jsonl");
        Cli.Result r2 = Cli.run("predict", "--model", IRIS, "--batch", jsonl.toString(), "--out", out2.toString(), "--json");
        assertEquals(0, r2.exitCode(), r2::toString);
        assertEquals(2, JSON.readTree(r2.out()).get("allowed").asInt());
        Cli.Result again = Cli.run("predict", "--model", IRIS, "--batch", jsonl.toString(), "--out", out2.toString());
        assertEquals(1, again.exitCode(), "refuses to overwrite without --force");
    }

    @Test
    void encryptedModelWithPassphraseFileIsAuditedWithoutInputs() throws Exception {
        Path pass = Files.writeString(tmp.resolve("demo.pass"), "msw-demo-passphrase\n");
        Cli.Result r = Cli.run("predict", "--model", IRIS + ".msw", "--passphrase-file", pass.toString(),
                "--input", FLOWER, "--json");
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("setosa", JSON.readTree(r.out()).get("output").asText());
        String audit = Files.readString(tmp.resolve("config").resolve("audit.jsonl"));
        assertTrue(audit.contains("\"predict\"") && audit.contains("iris-classifier") && audit.contains("allowed"), audit);
        assertFalse(audit.contains("sepal") || audit.contains("5.1"), "inputs never reach the audit log: " + audit);

        Path wrong = Files.writeString(tmp.resolve("wrong.pass"), "not the passphrase\n");
        Cli.Result bad = Cli.run("predict", "--model", IRIS + ".msw", "--passphrase-file", wrong.toString(), "--input", FLOWER);
        assertEquals(1, bad.exitCode(), bad::toString);
        assertTrue(bad.err().contains("iris-classifier.onnx.msw"), bad.err());
        Cli.Result none = Cli.run("predict", "--model", IRIS + ".msw", "--input", FLOWER);
        assertEquals(1, none.exitCode());
        assertTrue(none.err().contains("encrypted"), none.err());
    }

    @Test
    void encryptedModelWithTheKeyring() throws Exception {
        Path ringPass = Files.writeString(tmp.resolve("ring.pass"), "keyring passphrase for tests\n");
        Path model = tmp.resolve("iris-classifier.onnx.msw");
        dev.msw.keys.LocalKeyring ring = dev.msw.keys.LocalKeyring.create(dev.msw.keys.LocalKeyring.defaultPath(),
                "keyring passphrase for tests".toCharArray());
        try {
            ring.createKey("models");
            new dev.msw.crypto.ArtifactEncryptor().encrypt(Path.of(IRIS), model, List.of(ring.recipient("models")), false,
                    dev.msw.core.ProgressListener.NONE, dev.msw.core.CancellationToken.NONE);
        } finally {
            ring.close();
        }
        Files.copy(Path.of("sample-models/iris-classifier.contract.json"), tmp.resolve("iris-classifier.contract.json"));
        Cli.Result r = Cli.run("predict", "--model", model.toString(), "--key", "--keyring-passphrase-file",
                ringPass.toString(), "--input", FLOWER.replace("1.4", "25"));
        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.out().contains("decrypted in memory") && r.out().contains("Blocked by IV3"), r.out());
        String audit = Files.readString(tmp.resolve("config").resolve("audit.jsonl"));
        assertTrue(audit.contains("\"blocked\"") && audit.contains("IV3"), audit);
    }

    @Test
    void usageErrors() {
        assertEquals(2, Cli.run("predict", "--model", IRIS).exitCode());
        assertEquals(2, Cli.run("predict", "--model", IRIS, "--batch", "x.csv").exitCode());
        Cli.Result missing = Cli.run("predict", "--model", "nope.onnx", "--input", "{}");
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().contains("contract"), missing.err());
    }
}
