package dev.msw.cli.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.msw.inspect.InspectCorpus;
import dev.msw.testsupport.Cli;
import dev.msw.testsupport.ConfigDir;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectCommandTest {
    @TempDir
    Path tmp;
    private String oldConfig;

    @BeforeEach
    void isolate() {
        oldConfig = ConfigDir.point(tmp.resolve("config"));
    }

    @AfterEach
    void restore() {
        ConfigDir.restore(oldConfig);
    }

    @Test
    void exitCodesGateAPipeline() throws Exception {
        Path corpus = InspectCorpus.dir();
        Cli.Result clean = Cli.run("inspect", corpus.resolve("benign/plain_p2.pkl").toString());
        assertEquals(0, clean.exitCode(), clean.toString());
        Cli.Result bad = Cli.run("inspect", corpus.resolve("malicious/model.safetensors").toString());
        assertEquals(1, bad.exitCode(), bad.toString());
        assertTrue(bad.out().contains("posix.system"), bad.out());
        Cli.Result unknown = Cli.run("inspect", corpus.resolve("benign/sklearn_logreg.pkl").toString());
        assertEquals(0, unknown.exitCode());
        Cli.Result strict = Cli.run("inspect", "--strict", corpus.resolve("benign/sklearn_logreg.pkl").toString());
        assertEquals(1, strict.exitCode());
        Cli.Result missing = Cli.run("inspect", tmp.resolve("nope.pkl").toString());
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().contains("no such file"));
        String audit = Files.readString(tmp.resolve("config").resolve("audit.jsonl"));
        assertTrue(audit.contains("\"inspect\""), audit);
    }

    @Test
    void jsonSarifAndHtmlExports() throws Exception {
        Path corpus = InspectCorpus.dir();
        Path sarif = tmp.resolve("r.sarif");
        Path html = tmp.resolve("r.html");
        Cli.Result r = Cli.run("inspect", "--json", "--sarif", sarif.toString(), "--html", html.toString(),
                corpus.resolve("malicious/torch_like.pt").toString());
        assertEquals(1, r.exitCode(), r.toString());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals("posix.system", json.at("/files/0/members/0/findings/0/subject").asText());
        JsonNode s = new ObjectMapper().readTree(sarif.toFile());
        assertEquals("2.1.0", s.get("version").asText());
        JsonNode result = s.at("/runs/0/results/0");
        assertEquals("error", result.get("level").asText());
        assertEquals("archive/data.pkl", result.at("/properties/member").asText());
        String page = Files.readString(html);
        assertTrue(page.contains("posix.system") && page.contains("<table>"));
    }
}
