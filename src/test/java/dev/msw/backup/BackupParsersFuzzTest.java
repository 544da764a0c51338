package dev.msw.backup;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.msw.audit.AuditQuery;
import dev.msw.core.UserFacingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What people and disks hand the backup code: manifests (possibly damaged or hostile), schedules and "since"
 * values. Each parser answers with a value or a {@link UserFacingException}, never another exception, and a
 * manifest never yields a path that leaves the restore folder. Jazzer explores with {@code JAZZER_FUZZ=1}.
 */
class BackupParsersFuzzTest {
    private static final String VALID = """
            {"format":"msw-backup-manifest/1","id":"j-1","job":"j","created":"2026-11-25T10:00:00Z",
             "completed":"2026-11-25T10:00:01Z","sources":["/m"],
             "files":[{"path":"m/a.msw","size":3,"sha256":"%s","protection":"ENCRYPTED_ARTIFACT",
             "modified":"2026-11-25T09:00:00Z"}],"skipped":[]}""".formatted("ab".repeat(32));

    @FuzzTest(maxDuration = "10s")
    void parsersOnlyThrowUserFacingExceptions(FuzzedDataProvider data) {
        String text = data.consumeString(200);
        byte[] bytes = data.consumeRemainingAsBytes();
        parseManifest(bytes);
        parseManifest(text.getBytes(StandardCharsets.UTF_8));
        try {
            BackupSchedule.parse(text).next(Instant.EPOCH, java.time.ZoneOffset.UTC);
        } catch (UserFacingException expected) {
            // refused with the accepted forms
        }
        try {
            AuditQuery.parseSince(text, Instant.EPOCH);
        } catch (UserFacingException expected) {
            // refused with the accepted forms
        }
    }

    @Test
    void validManifestAndItsPrefixesAndHostilePaths() {
        byte[] valid = VALID.getBytes(StandardCharsets.UTF_8);
        BackupManifest m = BackupManifest.parse(valid, "test");
        if (m.files().size() != 1) {
            throw new AssertionError("the valid manifest has one file");
        }
        for (int n = 0; n < valid.length; n++) {
            parseManifest(java.util.Arrays.copyOf(valid, n));
        }
        for (String hostile : List.of("../../etc/passwd", "/etc/passwd", "m/../../x", "C:\\\\x")) {
            try {
                BackupManifest.parse(VALID.replace("m/a.msw", hostile).getBytes(StandardCharsets.UTF_8), "hostile");
                throw new AssertionError("accepted the path " + hostile);
            } catch (UserFacingException expected) {
                // refused
            }
        }
    }

    @Test
    void hugeNumbersAreRefusedNotOverflowed() {
        for (String bad : List.of("every 99999999999999999999h", "every 9999999h")) {
            try {
                BackupSchedule.parse(bad);
                throw new AssertionError("accepted " + bad);
            } catch (UserFacingException expected) {
                // refused with the accepted forms
            }
        }
        try {
            AuditQuery.parseSince("99999999999999999999d", Instant.now());
            throw new AssertionError("accepted a huge age");
        } catch (UserFacingException expected) {
            // refused with the accepted forms
        }
    }

    private static void parseManifest(byte[] bytes) {
        try {
            BackupManifest m = BackupManifest.parse(bytes, "fuzz");
            for (BackupManifest.Entry e : m.files()) {
                if (e.path().startsWith("/") || e.path().contains("..") || e.path().contains("\\")) {
                    throw new AssertionError("unsafe path accepted: " + e.path());
                }
            }
        } catch (UserFacingException expected) {
            // a damaged manifest is named as such
        }
    }
}
