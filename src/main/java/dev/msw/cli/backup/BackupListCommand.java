package dev.msw.cli.backup;

import dev.msw.backup.BackupCatalog;
import dev.msw.backup.BackupJobStore;
import dev.msw.backup.BackupRepository;
import dev.msw.backup.BackupRepository.StoredBackup;
import dev.msw.cli.JsonOutput;
import dev.msw.core.Sizes;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code msw backup list}: complete backups of the saved jobs' destinations (or of --dest). */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List complete backups, oldest first, and interrupted ones.")
public final class BackupListCommand implements Callable<Integer> {
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--dest", paramLabel = "DIR", description = "A destination folder (repeatable); default: every saved job's destination.")
    List<Path> dests;

    @Option(names = "--job", paramLabel = "NAME", description = "Only backups of this job.")
    String job;

    @Option(names = "--json", description = "Print the list as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        BackupCatalog catalog = new BackupCatalog(BackupJobStore.standard());
        List<StoredBackup> all = catalog.list(dests).stream().filter(b -> job == null || b.manifest().job().equals(job)).toList();
        List<Path> interrupted = new ArrayList<>();
        for (Path root : all.stream().map(b -> b.dir().getParent().getParent()).distinct().toList()) {
            interrupted.addAll(new BackupRepository(root).interrupted());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (StoredBackup b : all) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", b.id());
                m.put("job", b.manifest().job());
                m.put("created", b.manifest().created().toString());
                m.put("files", b.manifest().files().size());
                m.put("bytes", b.manifest().totalBytes());
                m.put("signed", b.signed());
                m.put("folder", b.dir().toString());
                rows.add(m);
            }
            JsonOutput.print(out, Map.of("backups", rows, "interrupted", interrupted.stream().map(Path::toString).toList()));
            return 0;
        }
        if (all.isEmpty()) {
            out.println("No complete backups" + (dests == null ? " in the saved jobs' destinations" : "") + ".");
        } else {
            out.printf("%-36s %-16s %-16s %7s %10s  %s%n", "BACKUP", "JOB", "CREATED", "FILES", "SIZE", "SIGNED");
        }
        for (StoredBackup b : all) {
            out.printf("%-36s %-16s %-16s %7d %10s  %s%n", b.id(), b.manifest().job(), TIME.format(b.manifest().created()),
                    b.manifest().files().size(), Sizes.human(b.manifest().totalBytes()), b.signed() ? "yes" : "no");
        }
        for (Path p : interrupted) {
            out.println("interrupted (not a backup; removed by the next run): " + p);
        }
        out.flush();
        return 0;
    }
}
