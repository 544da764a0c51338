package dev.msw.cli.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.msw.audit.AuditEvent;
import dev.msw.audit.AuditLog;
import dev.msw.testsupport.Cli;
import dev.msw.testsupport.ConfigDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditCommandTest {
    @TempDir
    Path config;
    private String previous;
    private AuditLog log;

    @BeforeEach
    void isolate() {
        previous = ConfigDir.point(config);
        log = AuditLog.standard();
        log.append(new AuditEvent("encrypt", "a.onnx", "success", null, Map.of("key", "team:v1")));
        log.append(new AuditEvent("key.rotate", "team", "success", null, Map.of("version", "2")));
        log.append(new AuditEvent("decrypt", "b.onnx", "failure", null, Map.of("reason", "wrong key")));
        log.append(new AuditEvent("backup.run", "nightly", "success", "ops@example", Map.of("files", "3")));
    }

    @AfterEach
    void restore() {
        ConfigDir.restore(previous);
    }

    @Test
    void intactLogVerifies() {
        Cli.Result r = Cli.run("audit", "verify");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("all 4 entries intact"), r.toString());
    }

    @Test
    void editedEntryFailsAndIsNamed() throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(log.file()));
        lines.set(2, lines.get(2).replace("wrong key", "all fine"));
        Files.write(log.file(), lines);
        Cli.Result r = Cli.run("audit", "verify");
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains("entry 3 (decrypt on b.onnx) was edited"), r.toString());
    }

    @Test
    void removedEntryFailsAndIsNamed() throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(log.file()));
        lines.remove(1);
        Files.write(log.file(), lines);
        Cli.Result r = Cli.run("audit", "verify", "--json");
        assertEquals(1, r.exitCode(), r.toString());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertFalse(j.get("intact").asBoolean());
        assertEquals(2, j.get("brokenLine").asInt());
        assertTrue(j.get("message").asText().contains("removed"), r.toString());
    }

    @Test
    void reorderedEntriesFailAndAreNamed() throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(log.file()));
        Collections.swap(lines, 2, 3);
        Files.write(log.file(), lines);
        Cli.Result r = Cli.run("audit", "verify");
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains("line 3") && r.err().contains("reordered"), r.toString());
    }

    @Test
    void showFiltersByActionPrefixOutcomeAndText() throws Exception {
        Cli.Result all = Cli.run("audit", "show");
        assertEquals(0, all.exitCode(), all.toString());
        assertEquals(4, all.out().lines().count(), all.toString());

        Cli.Result keys = Cli.run("audit", "show", "--action", "key", "--json");
        JsonNode arr = new ObjectMapper().readTree(keys.out());
        assertEquals(1, arr.size(), keys.toString());
        assertEquals("key.rotate", arr.get(0).get("action").asText());
        assertEquals("2", arr.get(0).get("details").get("version").asText());

        JsonNode failures = new ObjectMapper().readTree(Cli.run("audit", "show", "--outcome", "failure", "--json").out());
        assertEquals(1, failures.size());
        assertEquals("b.onnx", failures.get(0).get("target").asText());

        JsonNode byIdentity = new ObjectMapper().readTree(Cli.run("audit", "show", "--grep", "ops@", "--json").out());
        assertEquals("backup.run", byIdentity.get(0).get("action").asText());
    }

    @Test
    void sinceAcceptsAgesDatesAndInstantsAndRejectsNonsense() throws Exception {
        assertEquals(4, new ObjectMapper().readTree(Cli.run("audit", "show", "--since", "1h", "--json").out()).size());
        assertEquals(0, new ObjectMapper().readTree(Cli.run("audit", "show", "--since", "2999-01-01", "--json").out()).size());
        assertEquals(4, new ObjectMapper().readTree(
                Cli.run("audit", "show", "--since", "2000-01-01T00:00:00Z", "--json").out()).size());
        Cli.Result bad = Cli.run("audit", "show", "--since", "yesterday-ish");
        assertEquals(1, bad.exitCode());
        assertTrue(bad.err().contains("Cannot read the time 'yesterday-ish'"), bad.toString());
    }
}
