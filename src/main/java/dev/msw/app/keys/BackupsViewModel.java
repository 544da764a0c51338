package dev.msw.app.keys;

import dev.msw.app.task.RunningTask;
import dev.msw.app.task.TaskRunner;
import dev.msw.backup.BackupJob;
import dev.msw.backup.BackupJobStore;
import dev.msw.backup.BackupRepository;
import dev.msw.backup.BackupRepository.StoredBackup;
import dev.msw.backup.BackupRestorer;
import dev.msw.backup.BackupRunner;
import dev.msw.backup.BackupSchedule;
import dev.msw.backup.BackupScheduler;
import dev.msw.backup.BackupVerifier;
import dev.msw.backup.BackupVerifier.FileStatus;
import dev.msw.backup.ManifestSigner;
import dev.msw.backup.Retention;
import dev.msw.core.Sizes;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** Backup jobs, their history, run / verify / restore, and the scheduler that runs jobs while the app is open. */
public final class BackupsViewModel {
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    /** One job as the table shows it. */
    public record JobRow(BackupJob job, String lastRun, String nextRun) {
        public String name() {
            return job.name();
        }

        public String sources() {
            return String.join(", ", job.sources().stream().map(Path::toString).toList());
        }
    }

    private final TaskRunner tasks;
    private final BackupJobStore store;
    private final Consumer<Runnable> fxThread;
    private BackupScheduler scheduler;

    // properties
    private final ObservableList<JobRow> jobs = FXCollections.observableArrayList();
    private final ObservableList<StoredBackup> history = FXCollections.observableArrayList();
    private final ObservableList<String> report = FXCollections.observableArrayList();
    private final ObjectProperty<JobRow> selectedJob = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper notification = new ReadOnlyStringWrapper("");
    private final TaskFeedback feedback = new TaskFeedback();

    /** @param fxThread hands scheduler callbacks to the FX thread ({@code Platform::runLater}; {@code Runnable::run} in tests) */
    public BackupsViewModel(TaskRunner tasks, BackupJobStore store, Consumer<Runnable> fxThread) {
        this.tasks = tasks;
        this.store = store;
        this.fxThread = fxThread;
        selectedJob.addListener((o, was, now) -> loadHistory());
    }

    public ObservableList<JobRow> jobs() {
        return jobs;
    }

    public ObservableList<StoredBackup> history() {
        return history;
    }

    /** Lines of the last verification report (problems first). */
    public ObservableList<String> report() {
        return report;
    }

    public ObjectProperty<JobRow> selectedJobProperty() {
        return selectedJob;
    }

    /** The latest scheduled-run notification. */
    public ReadOnlyStringProperty notificationProperty() {
        return notification.getReadOnlyProperty();
    }

    public TaskFeedback feedback() {
        return feedback;
    }

    // commands

    public void reloadJobs() {
        String keep = selectedJob.get() == null ? null : selectedJob.get().name();
        try {
            List<JobRow> rows = new ArrayList<>();
            for (BackupJob j : store.list()) {
                Instant last = BackupScheduler.lastRun(j);
                Instant next = BackupScheduler.nextRun(j, ZoneId.systemDefault());
                rows.add(new JobRow(j, last == null ? "never" : TIME.format(last), next == null ? "manual" : TIME.format(next)));
            }
            jobs.setAll(rows);
            selectedJob.set(rows.stream().filter(r -> r.name().equals(keep)).findFirst().orElse(rows.isEmpty() ? null : rows.get(0)));
            loadHistory();
        } catch (IOException | RuntimeException e) {
            feedback.failed(e);
        }
    }

    private void loadHistory() {
        JobRow row = selectedJob.get();
        if (row == null) {
            history.clear();
            return;
        }
        try {
            List<StoredBackup> all = new BackupRepository(row.job().destination()).list().stream()
                    .filter(b -> b.manifest().job().equals(row.name())).toList();
            List<StoredBackup> newestFirst = new ArrayList<>(all);
            java.util.Collections.reverse(newestFirst);
            history.setAll(newestFirst);
        } catch (IOException e) {
            history.clear();
            feedback.failed(e);
        }
    }

    /** Saves a new job (validated by {@link BackupJob}); the signing key, if any, must load. */
    public boolean addJob(String name, List<Path> sources, Path destination, String schedule, int keepLast, int keepDaily,
                          int keepWeekly, Path signingKey) {
        try {
            if (signingKey != null) {
                ManifestSigner.load(signingKey);
            }
            BackupJob job = new BackupJob(name, sources, destination, BackupSchedule.parse(schedule),
                    new Retention(keepLast, keepDaily, keepWeekly), signingKey, false, Instant.now());
            store.add(job, false);
            feedback.ok("Saved backup job " + name + " (" + job.schedule() + ", " + job.retention() + ").");
            reloadJobs();
            selectedJob.set(jobs.stream().filter(r -> r.name().equals(name)).findFirst().orElse(null));
            return true;
        } catch (IOException | RuntimeException e) {
            feedback.failed(e);
            return false;
        }
    }

    public void removeJob(JobRow row) {
        try {
            store.remove(row.name());
            feedback.ok("Removed backup job " + row.name() + "; its backups stay in " + row.job().destination() + ".");
            reloadJobs();
        } catch (IOException e) {
            feedback.failed(e);
        }
    }

    public RunningTask runNow(JobRow row) {
        RunningTask t = tasks.run("Backup " + row.name(), (p, c) -> new BackupRunner().run(row.job(), p, c),
                r -> {
                    feedback.ok(describe(r));
                    reloadJobs();
                }, feedback::failed);
        feedback.started(t, true);
        return t;
    }

    static String describe(BackupRunner.Result r) {
        String s = "Backup " + r.backup().id() + " complete: " + r.manifest().files().size() + " files, "
                + Sizes.human(r.manifest().totalBytes()) + ", " + r.copiedFiles() + " copied, " + r.reusedFiles() + " unchanged";
        if (r.manifest().unprotectedFiles() > 0) {
            s += "; " + r.manifest().unprotectedFiles() + " not encrypted (flagged)";
        }
        if (!r.manifest().skipped().isEmpty()) {
            s += "; " + r.manifest().skipped().size() + " unencrypted model file(s) skipped";
        }
        return s + ".";
    }

    public RunningTask verify(StoredBackup backup) {
        BackupJob job = selectedJob.get() == null ? null : selectedJob.get().job();
        RunningTask t = tasks.run("Verify " + backup.id(), (p, c) -> {
            java.security.PublicKey pinned = job != null && job.signingKey() != null ? ManifestSigner.load(job.signingKey()).publicKey() : null;
            return new BackupVerifier().verify(backup, pinned, p, c);
        }, r -> {
            List<String> lines = new ArrayList<>();
            lines.add(r.count(FileStatus.OK) + " of " + r.files().size() + " files intact (SHA-256 recomputed)");
            r.files().stream().filter(f -> f.status() != FileStatus.OK)
                    .forEach(f -> lines.add(f.status().name().toLowerCase() + ": " + f.path() + " — " + f.detail()));
            r.extra().forEach(e -> lines.add("extra: " + e));
            lines.add("signature: " + r.signature().name().toLowerCase().replace('_', ' ')
                    + (r.signer() != null ? " (key " + r.signer().substring(0, Math.min(16, r.signer().length())) + "…)" : ""));
            report.setAll(lines);
            String summary = backup.id() + ": " + r.count(FileStatus.OK) + " ok, " + r.count(FileStatus.CHANGED) + " changed, "
                    + r.count(FileStatus.MISSING) + " missing, " + r.extra().size() + " extra";
            if (r.ok()) {
                feedback.ok("Verified " + summary + ".");
            } else {
                feedback.failed(new dev.msw.core.UserFacingException("Verification FAILED for " + summary,
                        "see the report below", "restore from another backup"));
            }
        }, feedback::failed);
        feedback.started(t, true);
        return t;
    }

    /** Restores into {@code target} (refused if any file exists there); {@code only} is null for everything. */
    public RunningTask restore(StoredBackup backup, Path target, String only) {
        RunningTask t = tasks.run("Restore " + backup.id(), (p, c) -> new BackupRestorer().restore(backup, target, only, p, c),
                r -> feedback.ok("Restored " + r.restored().size() + " files (" + Sizes.human(r.bytes()) + ") into " + r.target()
                        + "; every SHA-256 checked."), feedback::failed);
        feedback.started(t, true);
        return t;
    }

    /** Starts running due jobs every {@code periodSeconds} while the app is open. */
    public void startScheduler(long periodSeconds) {
        ensureScheduler().start(periodSeconds);
    }

    private BackupScheduler ensureScheduler() {
        if (scheduler != null) {
            return scheduler;
        }
        scheduler = new BackupScheduler(store, new BackupRunner(), Clock.systemDefaultZone(), new BackupScheduler.Listener() {
            @Override
            public void started(BackupJob job) {
                fxThread.accept(() -> notification.set("Scheduled backup " + job.name() + " started…"));
            }

            @Override
            public void finished(BackupJob job, BackupRunner.Result result) {
                fxThread.accept(() -> {
                    notification.set("Scheduled backup finished. " + describe(result));
                    reloadJobs();
                });
            }

            @Override
            public void failed(BackupJob job, Exception error) {
                fxThread.accept(() -> notification.set("Scheduled backup " + (job == null ? "" : job.name() + " ")
                        + "FAILED: " + TaskFeedback.describe(error)));
            }
        });
        return scheduler;
    }

    /** One scheduler tick now, on the calling thread (tests). */
    public int runDueJobsNow() {
        return ensureScheduler().runDueJobs();
    }

    public void stopScheduler() {
        if (scheduler != null) {
            scheduler.close();
            scheduler = null;
        }
    }
}
