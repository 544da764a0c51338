package dev.msw.app.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.msw.app.shell.SessionKeyring;
import dev.msw.app.task.ImmediateTaskRunner;
import dev.msw.audit.AuditEvent;
import dev.msw.audit.AuditLog;
import dev.msw.backup.BackupJob;
import dev.msw.backup.BackupJobStore;
import dev.msw.backup.BackupSchedule;
import dev.msw.backup.Retention;
import dev.msw.keys.ArtifactFolders;
import dev.msw.keys.KeyFixtures;
import dev.msw.keys.LocalKeyring;
import dev.msw.testsupport.ConfigDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tab's view models without a toolkit, driven by the immediate task runner. */
class KeysViewModelsTest {
    @TempDir
    Path tmp;
    private String previousConfig;

    @BeforeEach
    void isolate() {
        previousConfig = ConfigDir.point(tmp.resolve("config"));
    }

    @AfterEach
    void restoreConfig() {
        ConfigDir.restore(previousConfig);
    }

    @Test
    void auditFiltersAndChainCheck() throws Exception {
        AuditLog log = new AuditLog(tmp.resolve("audit.jsonl"));
        log.append(new AuditEvent("key.rotate", "team", "success", null, Map.of()));
        log.append(new AuditEvent("backup.run", "nightly", "failure", null, Map.of("reason", "disk full")));
        AuditViewModel vm = new AuditViewModel(log);
        vm.refresh();
        assertEquals(List.of("backup.run", "key.rotate"), vm.entries().stream().map(AuditLog.AuditEntry::action).toList());
        vm.outcomeProperty().set("failure");
        vm.refresh();
        assertEquals(1, vm.entries().size());
        vm.sinceProperty().set("next tuesday");
        vm.refresh();
        assertTrue(vm.summaryProperty().get().contains("Cannot read the time"), vm.summaryProperty().get());
        vm.clearFilters();
        assertEquals(2, vm.entries().size());
        vm.verify();
        assertTrue(vm.intactProperty().get());
        List<String> lines = new ArrayList<>(Files.readAllLines(log.file()));
        Files.write(log.file(), List.of(lines.get(1)));
        vm.verify();
        assertFalse(vm.intactProperty().get());
        assertTrue(vm.verificationProperty().get().startsWith("Chain BROKEN"), vm.verificationProperty().get());
    }

    @Test
    void backupJobRunVerifyRestoreAndScheduledRun() throws Exception {
        Path models = Files.createDirectories(tmp.resolve("models"));
        Files.writeString(models.resolve("notes.txt"), "hello");
        BackupJobStore store = new BackupJobStore(tmp.resolve("jobs.json"));
        BackupsViewModel vm = new BackupsViewModel(new ImmediateTaskRunner(), store, Runnable::run);
        assertFalse(vm.addJob("bad name!", List.of(models), tmp.resolve("dest"), "daily 02:00", 3, 0, 0, null));
        assertTrue(vm.feedback().errorProperty().get());
        assertTrue(vm.addJob("nightly", List.of(models), tmp.resolve("dest"), "daily 02:00", 3, 0, 0, null));
        assertEquals("nightly", vm.selectedJobProperty().get().name());
        vm.runNow(vm.selectedJobProperty().get());
        assertTrue(vm.feedback().messageProperty().get().startsWith("Backup nightly-"), vm.feedback().messageProperty().get());
        assertEquals(1, vm.history().size());
        vm.verify(vm.history().get(0));
        assertTrue(vm.feedback().messageProperty().get().startsWith("Verified"), vm.feedback().messageProperty().get());
        assertEquals("1 of 1 files intact (SHA-256 recomputed)", vm.report().get(0));
        vm.restore(vm.history().get(0), tmp.resolve("restored"), null);
        assertEquals("hello", Files.readString(tmp.resolve("restored/models/notes.txt")));
        vm.restore(vm.history().get(0), tmp.resolve("restored"), null);
        assertTrue(vm.feedback().errorProperty().get());
        assertTrue(vm.feedback().messageProperty().get().contains("refused"));

        store.add(new BackupJob("often", List.of(models), tmp.resolve("dest2"), BackupSchedule.parse("every 1m"),
                Retention.KEEP_ALL, null, false, Instant.now().minusSeconds(120)), false);
        assertEquals(1, vm.runDueJobsNow(), "the every-1m job created two minutes ago is due; nightly is not");
        assertTrue(vm.notificationProperty().get().startsWith("Scheduled backup finished. Backup often-"),
                vm.notificationProperty().get());
        assertEquals(0, vm.runDueJobsNow(), "it just ran");
        vm.stopScheduler();
    }

    @Test
    void keysUnlockCreateRotateAndGuardedMinimum() throws Exception {
        LocalKeyring ring = KeyFixtures.keyring(tmp);
        ring.createKey("team");
        Path models = Files.createDirectories(tmp.resolve("models"));
        KeyFixtures.encrypt(models.resolve("a.msw"), KeyFixtures.plaintext(1000, 1), List.of(ring.recipient("team")));
        ArtifactFolders folders = new ArtifactFolders(tmp.resolve("folders.json"));
        KeysViewModel vm = new KeysViewModel(new ImmediateTaskRunner(), new SessionKeyring(ring.path()), folders);
        assertFalse(vm.unlock("wrong passphrase".toCharArray()));
        assertTrue(vm.feedback().messageProperty().get().contains("Wrong passphrase"), vm.feedback().messageProperty().get());
        assertTrue(vm.unlock(KeyFixtures.PASSPHRASE.toCharArray()));
        vm.createKey("release");
        assertEquals(2, vm.keys().size());
        vm.addFolder(models);
        assertTrue(vm.inventorySummaryProperty().get().contains("local:team: v1 × 1"), vm.inventorySummaryProperty().get());
        var team = vm.keys().stream().filter(k -> k.name().equals("team")).findFirst().orElseThrow();
        assertTrue(vm.rotationPlan(team).contains("Then rewrap 1 artifact(s) to v2"));
        vm.rotateAndRewrap(team);
        assertTrue(vm.feedback().messageProperty().get().startsWith("Rotated team to v2. Rewrapped 1"),
                vm.feedback().messageProperty().get());
        assertEquals("current", vm.inventory().get(0).status());
        vm.setMinDecryption(vm.selectedKeyProperty().get(), 2);
        assertTrue(vm.feedback().messageProperty().get().contains("is now v2"), vm.feedback().messageProperty().get());
    }
}
