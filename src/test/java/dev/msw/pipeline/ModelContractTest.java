package dev.msw.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.msw.core.CancellationToken;
import dev.msw.core.ProgressListener;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelContractTest {
    private static final String IRIS = SampleModels.contractText("iris-classifier.onnx");

    private static ContractException reject(String json) {
        return assertThrows(ContractException.class, () -> ModelContract.parse(json, "test.contract.json"));
    }

    private static int lineOf(String json, String needle) {
        int at = json.indexOf(needle);
        assertTrue(at >= 0, needle);
        return (int) json.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }

    @Test
    void everySampleContractLoads() {
        for (String f : List.of("iris-classifier.onnx", "support-intent.onnx", "diabetes-regressor.onnx")) {
            ModelContract c = ModelContract.parse(SampleModels.contractText(f), f);
            assertTrue(c.features().fields().size() >= 1);
        }
    }

    @Test
    void syntaxErrorNamesTheLine() {
        String broken = IRIS.replace("\"task\": \"classification\",", "\"task\": \"classification\"");
        ContractException e = reject(broken);
        assertEquals(lineOf(broken, "\"inputSchema\""), e.line(), e.getMessage());
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
    }

    @Test
    void unknownKeyAndBadValueAreReportedAtTheirLine() {
        String typo = IRIS.replace("\"labels\":", "\"lables\":");
        ContractException e = reject(typo);
        assertEquals(lineOf(typo, "\"lables\""), e.line(), e.getMessage());
        String badMode = IRIS.replace("\"default\": \"redact\"", "\"default\": \"scramble\"");
        ContractException e2 = reject(badMode);
        assertEquals(lineOf(badMode, "\"scramble\""), e2.line(), e2.getMessage());
    }

    @Test
    void semanticMistakesAreCaught() {
        ContractException range = reject(IRIS.replace("\"min\": 3.94", "\"min\": 9.94"));
        assertTrue(range.reason().contains("min greater than max"), range.reason());
        ContractException std = reject(IRIS.replace("\"std\": [\n      0.825301", "\"std\": [\n      0"));
        assertTrue(std.reason().contains("divide by zero"), std.reason());
        ContractException regex = reject(IRIS.replace("\\\\p{L}\\\\p{N}", "\\\\p{Nope}"));
        assertTrue(regex.reason().contains("character class"), regex.reason());
        ContractException field = reject(IRIS.replace("\"fields\": [\n      \"sepal_length\"", "\"fields\": [\n      \"sepal_lenght\""));
        assertTrue(field.reason().contains("sepal_lenght"), field.reason());
        ContractException empty = reject("");
        assertEquals(1, empty.line());
    }

    @Test
    void typesAreCrossCheckedAgainstTheOnnxInputAtLoad() {
        String support = SampleModels.contractText("support-intent.onnx");
        String asNumber = support.replace("\"text\": \"string\"", "\"text\": \"number\"");
        ModelContract c = ModelContract.parse(asNumber, "support.contract.json");
        ContractException e = assertThrows(ContractException.class, () -> ModelFiles.fromBytes("support-intent.onnx",
                SampleModels.read("support-intent.onnx"), c, List.of(), ProgressListener.NONE, CancellationToken.NONE));
        assertTrue(e.reason().contains("tensor of string"), e.reason());
        assertEquals(lineOf(asNumber, "\"text\": \"number\""), e.line());
        String wrongInput = IRIS.replace("\"input\": \"features\"", "\"input\": \"float_input\"");
        ContractException e2 = assertThrows(ContractException.class, () -> ModelFiles.fromBytes("iris-classifier.onnx",
                SampleModels.read("iris-classifier.onnx"), ModelContract.parse(wrongInput, "x"), List.of(),
                ProgressListener.NONE, CancellationToken.NONE));
        assertTrue(e2.reason().contains("float_input"), e2.reason());
    }
}
