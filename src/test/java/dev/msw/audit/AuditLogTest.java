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

    /**
     * append writes entries with the streaming generator, verify re-hashes them through the tree model: the two
     * canonical forms must agree byte for byte, also for text that JSON escapes, non-ASCII text and an identity.
     */
    @Test
    void entriesWithEscapedAndNonAsciiTextVerifyAndReadBack() throws Exception {
        AuditLog log = new AuditLog(dir.resolve("audit.jsonl"));
        String odd = "quote \" back\\slash tab\t nl\n ctl\u0001 del\u007f é 模型 \uD83D\uDD12 </script> \u2028";
        AuditLog.AuditEntry a = log.append(new AuditEvent("secret.read", odd, "denied", "vault:" + odd,
                Map.of("z", odd, "a", "", "path/with/slash", "x")));
        log.append(new AuditEvent("encrypt", "plain", "success", null, Map.of()));
        AuditLog.AuditVerification v = log.verify();
        assertTrue(v.intact(), v.message());
        List<AuditLog.AuditEntry> read = log.read();
        assertEquals(a, read.get(0));
        assertEquals(odd, read.get(0).target());
        assertEquals("vault:" + odd, read.get(0).identity());
        assertEquals(Map.of("z", odd, "a", "", "path/with/slash", "x"), read.get(0).details());
        assertEquals(2, read.get(1).seq());
        assertEquals(null, read.get(1).identity());
        // the next entry links to the hash stored on the last line (verify checks every link)
        assertEquals(3, log.append(AuditEvent.success("decrypt", "x")).seq());
        assertTrue(log.verify().intact(), log.verify().message());
    }
}
