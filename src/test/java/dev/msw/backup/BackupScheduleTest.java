package dev.msw.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.msw.core.UserFacingException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackupScheduleTest {
    private static final ZoneId UTC = ZoneOffset.UTC;

    @Test
    void nextRunsFollowTheSchedule() {
        Instant wed1000 = Instant.parse("2026-11-25T10:00:00Z");
        assertNull(BackupSchedule.parse("manual").next(wed1000, UTC));
        assertEquals(Instant.parse("2026-11-25T11:00:00Z"), BackupSchedule.parse("hourly").next(wed1000, UTC));
        assertEquals(Instant.parse("2026-11-25T16:00:00Z"), BackupSchedule.parse("every 6h").next(wed1000, UTC));
        assertEquals(Instant.parse("2026-11-26T02:30:00Z"), BackupSchedule.parse("daily 02:30").next(wed1000, UTC));
        assertEquals(Instant.parse("2026-11-25T22:00:00Z"), BackupSchedule.parse("Daily 22:00").next(wed1000, UTC));
        assertEquals(Instant.parse("2026-11-29T03:00:00Z"), BackupSchedule.parse("weekly sun 03:00").next(wed1000, UTC));
        assertEquals(Instant.parse("2026-12-02T03:00:00Z"),
                BackupSchedule.parse("weekly wednesday 03:00").next(Instant.parse("2026-11-25T03:00:00Z"), UTC));
        assertEquals("weekly sun 03:00", BackupSchedule.parse("weekly  SUN 03:00").toString());
    }

    @Test
    void nonsenseIsRefusedWithTheAcceptedForms() {
        for (String bad : List.of("sometimes", "daily 25:00", "every 0m", "weekly xyz 01:00")) {
            UserFacingException e = assertThrows(UserFacingException.class, () -> BackupSchedule.parse(bad), bad);
            assertTrue(e.getMessage().contains("daily 02:30"), e.getMessage());
        }
    }

    @Test
    void retentionCombinesLastDailyAndWeekly() {
        List<Instant> backups = new ArrayList<>();
        Instant start = Instant.parse("2026-11-01T01:00:00Z");
        for (int day = 0; day < 25; day++) {
            backups.add(start.plusSeconds(86_400L * day));
            backups.add(start.plusSeconds(86_400L * day + 3600));
        }
        List<Instant> deleted = new Retention(3, 5, 3).toDelete(backups, i -> i, UTC);
        List<Instant> kept = backups.stream().filter(b -> !deleted.contains(b)).toList();
        // last 3 (two of Nov 25, one of Nov 24) + newest of Nov 21..25 + newest of 3 ISO weeks (Nov 25, 22, 15)
        assertTrue(kept.contains(Instant.parse("2026-11-25T02:00:00Z")));
        assertTrue(kept.contains(Instant.parse("2026-11-25T01:00:00Z")));
        assertTrue(kept.contains(Instant.parse("2026-11-21T02:00:00Z")));
        assertTrue(kept.contains(Instant.parse("2026-11-15T02:00:00Z")));
        assertTrue(kept.contains(Instant.parse("2026-11-22T02:00:00Z")));
        assertEquals(7, kept.size(), kept.toString());
        assertTrue(Retention.KEEP_ALL.toDelete(backups, i -> i, UTC).isEmpty());
        assertEquals(List.of(), new Retention(1, 0, 0).toDelete(List.of(start), i -> i, UTC));
    }

    @Test
    void protectionIsJudgedFromMagicAndName() {
        assertEquals(FileProtection.ENCRYPTED_ARTIFACT, FileProtection.of("x.bin", BackupRunnerTest.encryptedLooking(64, 1)));
        assertEquals(FileProtection.ENCRYPTED_OTHER, FileProtection.of("x.onnx", "age-encryption.org/v1\n-> X25519".getBytes()));
        assertEquals(FileProtection.PROTECTED_STORE, FileProtection.of("keyring.p12", new byte[] {0x30, (byte) 0x82}));
        assertEquals(FileProtection.PLAINTEXT_MODEL, FileProtection.of("model.onnx", new byte[] {8, 7}));
        assertEquals(FileProtection.PLAINTEXT_MODEL, FileProtection.of("weights", new byte[] {(byte) 0x80, 4, (byte) 0x95}));
        assertEquals(FileProtection.PLAINTEXT, FileProtection.of("contract.json", "{}".getBytes()));
    }
}
