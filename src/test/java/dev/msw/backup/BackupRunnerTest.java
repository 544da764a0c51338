package dev.msw.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.msw.backup.BackupRepository.StoredBackup;
import dev.msw.backup.BackupVerifier.FileStatus;
import dev.msw.core.CancellationToken;
import dev.msw.core.CancelledException;
import dev.msw.core.ProgressListener;
import dev.msw.core.UserFacingException;
import dev.msw.testsupport.ConfigDir;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupRunnerTest {
    @TempDir
    Path tmp;
    Path models;
    Path dest;
    private String previousConfig;

    @BeforeEach
    void setUp() throws Exception {
        previousConfig = ConfigDir.point(tmp.resolve("config"));
        models = Files.createDirectories(tmp.resolve("models"));
        dest = tmp.resolve("backups");
        Files.write(models.resolve("a.msw"), encryptedLooking(300_000, 1));
        Files.createDirectories(models.resolve("sub"));
        Files.write(models.resolve("sub/b.msw"), encryptedLooking(5_000, 2));
        Files.writeString(models.resolve("sub/contract.json"), "{\"inputs\":[]}");
        Files.write(models.resolve("plain.onnx"), new byte[] {8, 7, 18, 4});
    }

    @AfterEach
    void restoreConfig() {
        ConfigDir.restore(previousConfig);
    }

    static byte[] encryptedLooking(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        System.arraycopy(FileProtection.CONTAINER_MAGIC, 0, b, 0, FileProtection.CONTAINER_MAGIC.length);
        return b;
    }

    private BackupJob job(Retention retention) {
        return new BackupJob("nightly", List.of(models), dest, BackupSchedule.parse("daily 02:00"), retention, null, false, null);
    }

    @Test
    void backsUpCiphertextSkipsPlainModelsAndFlagsOtherPlainFiles() throws Exception {
        BackupRunner.Result r = new BackupRunner().run(job(Retention.KEEP_ALL), ProgressListener.NONE, CancellationToken.NONE);
        BackupManifest m = r.manifest();
        assertEquals(List.of("models/a.msw", "models/sub/b.msw", "models/sub/contract.json"),
                m.files().stream().map(BackupManifest.Entry::path).toList());
        assertEquals(FileProtection.ENCRYPTED_ARTIFACT, m.files().get(0).protection());
        assertEquals(FileProtection.PLAINTEXT, m.files().get(2).protection());
        assertEquals(1, m.skipped().size());
        assertEquals("models/plain.onnx", m.skipped().get(0).path());
        assertTrue(m.skipped().get(0).reason().contains("unencrypted model"));
        assertEquals(3, r.copiedFiles());
        assertTrue(Files.exists(r.backup().dir().resolve("manifest.json")));
    }

    @Test
    void unchangedFilesAreNotCopiedAgainAndIdenticalContentIsStoredOnce() throws Exception {
        BackupRunner runner = new BackupRunner();
        runner.run(job(Retention.KEEP_ALL), ProgressListener.NONE, CancellationToken.NONE);
        Files.write(models.resolve("copy-of-a.msw"), Files.readAllBytes(models.resolve("a.msw")));
        Files.write(models.resolve("sub/b.msw"), encryptedLooking(5_000, 3));
        Files.setLastModifiedTime(models.resolve("sub/b.msw"), FileTime.from(Instant.now().plusSeconds(5)));
        BackupRunner.Result second = runner.run(job(Retention.KEEP_ALL), ProgressListener.NONE, CancellationToken.NONE);
        assertEquals(1, second.copiedFiles(), "only the changed b.msw is new content");
        assertEquals(3, second.reusedFiles(), "a.msw and contract.json unchanged, copy-of-a.msw has known content");
        long objects;
        try (Stream<Path> s = Files.walk(dest.resolve("objects"))) {
            objects = s.filter(Files::isRegularFile).count();
        }
        assertEquals(4, objects, "a, b (old), b (new), contract");
        assertEquals(2, new BackupRepository(dest).list().size());
    }

    @Test
    void cancelledBackupNeverClaimsCompleteness() throws Exception {
        CancellationToken cancel = new CancellationToken();
        ProgressListener cancelMidway = (done, total, msg) -> {
            if (done > 100_000) {
                cancel.cancel();
            }
        };
        assertThrows(CancelledException.class, () -> new BackupRunner().run(job(Retention.KEEP_ALL), cancelMidway, cancel));
        BackupRepository repo = new BackupRepository(dest);
        assertTrue(repo.list().isEmpty());
        try (Stream<Path> s = Files.list(repo.backups().getParent())) {
            assertFalse(Files.exists(repo.backups()) && Files.list(repo.backups()).findAny().isPresent(),
                    "no backup folder at all: " + s.toList());
        }
        BackupRunner.Result r = new BackupRunner().run(job(Retention.KEEP_ALL), ProgressListener.NONE, CancellationToken.NONE);
        assertEquals(3, r.manifest().files().size());
    }

    @Test
    void partialFolderIsNotABackupAndIsCleanedByTheNextRun() throws Exception {
        BackupRepository repo = new BackupRepository(dest);
        Path partial = Files.createDirectories(repo.backups().resolve(".nightly-20260101-000000.partial"));
        Files.writeString(partial.resolve("manifest.sig"), "x");
        assertTrue(repo.list().isEmpty());
        assertEquals(List.of(partial), repo.interrupted());
        UserFacingException e = assertThrows(UserFacingException.class, () -> BackupRepository.open(partial));
        assertTrue(e.getMessage().contains("interrupted"), e.getMessage());
        new BackupRunner().run(job(Retention.KEEP_ALL), ProgressListener.NONE, CancellationToken.NONE);
        assertTrue(repo.interrupted().isEmpty());
    }

    @Test
    void verifyReportsChangedMissingAndExtraFiles() throws Exception {
        StoredBackup b = new BackupRunner().run(job(Retention.KEEP_ALL), ProgressListener.NONE, CancellationToken.NONE).backup();
        BackupRepository repo = new BackupRepository(dest);
        BackupVerifier.Report clean = new BackupVerifier().verify(b, null, ProgressListener.NONE, CancellationToken.NONE);
        assertTrue(clean.ok());
        assertEquals(BackupVerifier.SignatureStatus.UNSIGNED, clean.signature());

        byte[] obj = Files.readAllBytes(repo.object(b.manifest().files().get(0).sha256()));
        obj[1000] ^= 1;
        Files.write(repo.object(b.manifest().files().get(0).sha256()), obj);
        Files.delete(repo.object(b.manifest().files().get(1).sha256()));
        Files.writeString(b.dir().resolve("notes.txt"), "slipped in");

        BackupVerifier.Report r = new BackupVerifier().verify(b, null, ProgressListener.NONE, CancellationToken.NONE);
        assertFalse(r.ok());
        assertEquals(FileStatus.CHANGED, r.files().get(0).status());
        assertEquals("models/a.msw", r.files().get(0).path());
        assertEquals(FileStatus.MISSING, r.files().get(1).status());
        assertEquals(FileStatus.OK, r.files().get(2).status());
        assertEquals(List.of("notes.txt"), r.extra());
    }

    @Test
    void retentionKeepsLastNAndCollectsUnreferencedObjects() throws Exception {
        BackupRunner runner = new BackupRunner();
        for (int i = 0; i < 4; i++) {
            Files.write(models.resolve("sub/b.msw"), encryptedLooking(5_000, 10 + i));
            Files.setLastModifiedTime(models.resolve("sub/b.msw"), FileTime.from(Instant.now().plusSeconds(10 + i)));
            runner.run(job(new Retention(2, 0, 0)), ProgressListener.NONE, CancellationToken.NONE);
        }
        List<StoredBackup> left = new BackupRepository(dest).list();
        assertEquals(2, left.size());
        long objects;
        try (Stream<Path> s = Files.walk(dest.resolve("objects"))) {
            objects = s.filter(Files::isRegularFile).count();
        }
        assertEquals(4, objects, "a, contract, and the two b versions still referenced");
    }

    @Test
    void restoreRefusesToOverwriteAndRestoresSingleFiles() throws Exception {
        StoredBackup b = new BackupRunner().run(job(Retention.KEEP_ALL), ProgressListener.NONE, CancellationToken.NONE).backup();
        Path target = tmp.resolve("restored");
        BackupRestorer.Result one = new BackupRestorer().restore(b, target, "b.msw", ProgressListener.NONE, CancellationToken.NONE);
        assertEquals(1, one.restored().size());
        assertEquals(Files.readString(models.resolve("sub/b.msw"), StandardCharsets.ISO_8859_1),
                Files.readString(target.resolve("models/sub/b.msw"), StandardCharsets.ISO_8859_1));
        UserFacingException e = assertThrows(UserFacingException.class,
                () -> new BackupRestorer().restore(b, target, null, ProgressListener.NONE, CancellationToken.NONE));
        assertTrue(e.getMessage().contains("models/sub/b.msw") && e.getMessage().contains("overwritten"), e.getMessage());
        assertFalse(Files.exists(target.resolve("models/a.msw")), "a refused restore writes nothing");
        assertThrows(UserFacingException.class,
                () -> new BackupRestorer().restore(b, tmp.resolve("r2"), "nope.msw", ProgressListener.NONE, CancellationToken.NONE));
    }

    @Test
    void destinationInsideSourceIsRefused() {
        UserFacingException e = assertThrows(UserFacingException.class, () -> new BackupJob("x", List.of(models),
                models.resolve("backups"), null, null, null, false, null));
        assertTrue(e.getMessage().contains("inside the source"), e.getMessage());
    }
}
