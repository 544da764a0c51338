package dev.msw.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {
    @TempDir
    Path dir;

    private AuditLog logWith(int n) {
        AuditLog log = new AuditLog(dir.resolve("audit.jsonl"));
        for (int i = 0; i < n; i++) {
            log.append(new AuditEvent("encrypt", "model" + i + ".onnx", "success", null, Map.of("key", "team:v" + i)));
        }
        return log;
    }

    @Test
    void intactChainVerifies() throws Exception {
        AuditLog log = logWith(5);
        AuditLog.AuditVerification v = log.verify();
        assertTrue(v.intact(), v.message());
        assertEquals(5, log.read().size());
        assertEquals("model4.onnx", log.read().get(4).target());
    }

    @Test
    void editedEntryIsNamed() throws Exception {
        AuditLog log = logWith(4);
        List<String> lines = new ArrayList<>(Files.readAllLines(log.file()));
        lines.set(2, lines.get(2).replace("model2.onnx", "other.onnx"));
        Files.write(log.file(), lines);
        AuditLog.AuditVerification v = log.verify();
        assertFalse(v.intact());
        assertEquals(3, v.brokenLine(), v.message());
        assertTrue(v.message().contains("edited"), v.message());
    }

    @Test
    void removedEntryIsDetected() throws Exception {
        AuditLog log = logWith(4);
        List<String> lines = new ArrayList<>(Files.readAllLines(log.file()));
        lines.remove(1);
        Files.write(log.file(), lines);
        AuditLog.AuditVerification v = log.verify();
        assertFalse(v.intact());
        assertEquals(2, v.brokenLine(), v.message());
    }

    @Test
    void reorderedEntriesAreDetected() throws Exception {
        AuditLog log = logWith(4);
        List<String> lines = new ArrayList<>(Files.readAllLines(log.file()));
        Collections.swap(lines, 1, 2);
        Files.write(log.file(), lines);
        assertFalse(log.verify().intact());
    }

    @Test
    void entriesLongerThanTheTailWindowKeepTheChainAndSequence() throws Exception {
        AuditLog log = logWith(2);
        log.append(new AuditEvent("sign", "x".repeat(20_000) + "\u00e9", "success", null, Map.of("note", "y".repeat(9_000))));
        AuditLog.AuditEntry next = log.append(new AuditEvent("verify", "model.onnx", "success", null, Map.of()));
        assertEquals(4, next.seq());
        AuditLog.AuditVerification v = log.verify();
        assertTrue(v.intact(), v.message());
        assertEquals(4, v.entries());
    }

    @Test
    void appendContinuesAfterTrailingBlankLines() throws Exception {
        AuditLog log = logWith(3);
        Files.writeString(log.file(), "\n\n", java.nio.file.StandardOpenOption.APPEND);
        AuditLog.AuditEntry next = log.append(new AuditEvent("verify", "model.onnx", "success", null, Map.of()));
        assertEquals(4, next.seq());
    }
}
