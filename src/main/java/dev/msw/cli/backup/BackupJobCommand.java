package dev.msw.cli.backup;

import dev.msw.backup.BackupJob;
import dev.msw.backup.BackupJobStore;
import dev.msw.backup.BackupSchedule;
import dev.msw.backup.BackupScheduler;
import dev.msw.backup.ManifestSigner;
import dev.msw.backup.Retention;
import dev.msw.cli.JsonOutput;
import dev.msw.core.UserFacingException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code msw backup job add|list|rm}: saved jobs in backup-jobs.json in the config folder. */
@Command(name = "job", mixinStandardHelpOptions = true, description = "Manage saved backup jobs.",
        subcommands = {BackupJobCommand.Add.class, BackupJobCommand.ListJobs.class, BackupJobCommand.Remove.class})
public final class BackupJobCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: use add, list or rm");
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Save a backup job.")
    static final class Add implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "Job name (letters, digits, . _ -).")
        String name;

        @Option(names = "--source", required = true, paramLabel = "PATH", description = "Folder or file to back up (repeatable): artifact folders, the keyring file, the secret store file.")
        List<Path> sources;

        @Option(names = "--dest", required = true, paramLabel = "DIR", description = "Destination folder (ideally another disk).")
        Path dest;

        @Option(names = "--schedule", defaultValue = "manual", paramLabel = "WHEN",
                description = "manual, hourly, 'every 6h', 'daily 02:30' or 'weekly sun 03:00' (default: ${DEFAULT-VALUE}).")
        String schedule;

        @Option(names = "--keep-last", defaultValue = "0", paramLabel = "N", description = "Keep the last N backups.")
        int keepLast;

        @Option(names = "--keep-daily", defaultValue = "0", paramLabel = "N", description = "Keep the newest backup of each of the last N days.")
        int keepDaily;

        @Option(names = "--keep-weekly", defaultValue = "0", paramLabel = "N", description = "Keep the newest backup of each of the last N weeks.")
        int keepWeekly;

        @Option(names = "--sign-key", paramLabel = "PEM", description = "Sign each manifest with this private key (Ed25519, EC or RSA PEM).")
        Path signKey;

        @Option(names = "--allow-plaintext-models", description = "Also copy unencrypted model files (flagged in the manifest).")
        boolean allowPlaintextModels;

        @Option(names = "--replace", description = "Replace a job of the same name.")
        boolean replace;

        @Override
        public Integer call() throws Exception {
            if (keepLast < 0 || keepDaily < 0 || keepWeekly < 0) {
                throw new CommandLine.ParameterException(spec.commandLine(), "Retention counts cannot be negative");
            }
            for (Path s : sources) {
                if (!s.toFile().exists()) {
                    throw new UserFacingException("Backup source " + s + " does not exist", "a job's sources must exist when it is saved",
                            "check the path");
                }
            }
            if (signKey != null) {
                ManifestSigner.load(signKey);
            }
            BackupJob job = new BackupJob(name, sources, dest, BackupSchedule.parse(schedule),
                    new Retention(keepLast, keepDaily, keepWeekly), signKey, allowPlaintextModels, Instant.now());
            BackupJobStore.standard().add(job, replace);
            Instant next = BackupScheduler.nextRun(job, ZoneId.systemDefault());
            spec.commandLine().getOut().printf("Saved backup job %s: %d source(s) → %s, %s, %s%s.%n", job.name(),
                    job.sources().size(), job.destination(), job.schedule(), job.retention(),
                    next == null ? "" : ", next run " + BackupListCommand.TIME.format(next) + " (while the app is open; see README for cron/systemd)");
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List saved backup jobs with their next run.")
    static final class ListJobs implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--json", description = "Print the jobs as JSON.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            List<BackupJob> jobs = BackupJobStore.standard().list();
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (BackupJob j : jobs) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("name", j.name());
                    m.put("sources", j.sources().stream().map(Path::toString).toList());
                    m.put("destination", j.destination().toString());
                    m.put("schedule", j.schedule().toString());
                    m.put("retention", j.retention().toString());
                    m.put("signed", j.signingKey() != null);
                    Instant last = BackupScheduler.lastRun(j);
                    Instant next = BackupScheduler.nextRun(j, ZoneId.systemDefault());
                    m.put("lastRun", last == null ? null : last.toString());
                    m.put("nextRun", next == null ? null : next.toString());
                    rows.add(m);
                }
                JsonOutput.print(out, rows);
                return 0;
            }
            if (jobs.isEmpty()) {
                out.println("No saved backup jobs. Add one with 'msw backup job add NAME --source DIR --dest DIR --schedule \"daily 02:00\"'.");
            }
            for (BackupJob j : jobs) {
                Instant last = BackupScheduler.lastRun(j);
                Instant next = BackupScheduler.nextRun(j, ZoneId.systemDefault());
                out.printf("%s: %s → %s; %s; %s; last %s; next %s%s%n", j.name(),
                        String.join(", ", j.sources().stream().map(Path::toString).toList()), j.destination(), j.schedule(),
                        j.retention(), last == null ? "never" : BackupListCommand.TIME.format(last),
                        next == null ? "manual" : BackupListCommand.TIME.format(next), j.signingKey() != null ? "; signed" : "");
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "rm", mixinStandardHelpOptions = true, description = "Remove a saved job (its backups are kept).")
    static final class Remove implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() throws Exception {
            if (!BackupJobStore.standard().remove(name)) {
                throw new UserFacingException("No backup job named '" + name + "'", "nothing to remove",
                        "list jobs with 'msw backup job list'");
            }
            spec.commandLine().getOut().println("Removed backup job " + name + "; its backups stay in their destination.");
            return 0;
        }
    }
}
