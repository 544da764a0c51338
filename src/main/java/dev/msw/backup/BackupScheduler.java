package dev.msw.backup;

import dev.msw.core.CancellationToken;
import dev.msw.core.ProgressListener;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs saved jobs when they are due while the app is open. A job is due when its schedule's next time after its
 * last complete backup (or after its creation) has passed; a job missed while the app was closed runs once at
 * the next check, not once per missed slot. One job runs at a time.
 */
public final class BackupScheduler implements AutoCloseable {
    /** Told about every scheduled run, on the scheduler's thread. */
    public interface Listener {
        void started(BackupJob job);

        void finished(BackupJob job, BackupRunner.Result result);

        void failed(BackupJob job, Exception error);
    }

    private final BackupJobStore jobs;
    private final BackupRunner runner;
    private final Clock clock;
    private final Listener listener;
    private final Set<String> failedRecently = new HashSet<>();
    private ScheduledExecutorService executor;

    public BackupScheduler(BackupJobStore jobs, BackupRunner runner, Clock clock, Listener listener) {
        this.jobs = jobs;
        this.runner = runner;
        this.clock = clock;
        this.listener = listener;
    }

    /** When {@code job} runs next, or null for manual jobs. */
    public static Instant nextRun(BackupJob job, ZoneId zone) {
        Instant last = lastRun(job);
        return job.schedule().next(last != null ? last : job.created(), zone);
    }

    /** When the job's newest complete backup was made, or null. */
    public static Instant lastRun(BackupJob job) {
        try {
            return new BackupRepository(job.destination()).latest(job.name()).map(b -> b.manifest().created()).orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    /** Checks now and then every {@code periodSeconds}. */
    public synchronized void start(long periodSeconds) {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "msw-backup-scheduler");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::runDueJobs, 5, periodSeconds, TimeUnit.SECONDS);
    }

    /** Runs every job that is due now; returns how many ran. Public so that tests can drive one tick. */
    public int runDueJobs() {
        int ran = 0;
        try {
            for (BackupJob job : jobs.list()) {
                Instant next = nextRun(job, clock.getZone());
                if (next == null || next.isAfter(clock.instant())) {
                    continue;
                }
                listener.started(job);
                try {
                    BackupRunner.Result r = runner.run(job, ProgressListener.NONE, CancellationToken.NONE);
                    failedRecently.remove(job.name());
                    listener.finished(job, r);
                } catch (Exception e) {
                    // a failing job (disk not mounted) is reported once, not every minute
                    if (failedRecently.add(job.name())) {
                        listener.failed(job, e);
                    }
                }
                ran++;
            }
        } catch (IOException | RuntimeException e) {
            listener.failed(null, e);
        }
        return ran;
    }

    @Override
    public synchronized void close() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }
}
