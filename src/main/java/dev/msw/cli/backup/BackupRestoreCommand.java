package dev.msw.cli.backup;

import dev.msw.backup.BackupCatalog;
import dev.msw.backup.BackupJobStore;
import dev.msw.backup.BackupRepository.StoredBackup;
import dev.msw.backup.BackupRestorer;
import dev.msw.cli.JsonOutput;
import dev.msw.cli.ProgressLine;
import dev.msw.core.CancellationToken;
import dev.msw.core.Sizes;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code msw backup restore BACKUP --to DIR [--file F]}. */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = "Restore a backup (or one file or folder of it) into a folder; refuses to overwrite any existing file.")
public final class BackupRestoreCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "BACKUP", description = "Backup folder, destination folder (newest backup), backup id or job name (newest backup).")
    String backup;

    @Option(names = "--to", required = true, paramLabel = "DIR", description = "Folder to restore into (best a new one).")
    Path to;

    @Option(names = "--file", paramLabel = "F", description = "Only this file or folder (path as 'msw backup show' lists it, or a unique file name).")
    String file;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        StoredBackup b = new BackupCatalog(BackupJobStore.standard()).locate(backup);
        ProgressLine progress = new ProgressLine(spec.commandLine().getErr(), true);
        CancellationToken cancel = new CancellationToken();
        BackupRestorer.Result r;
        try (dev.msw.cli.artifacts.InterruptCancels ignored = new dev.msw.cli.artifacts.InterruptCancels(cancel)) {
            r = new BackupRestorer().restore(b, to, file, progress, cancel);
        } finally {
            progress.finish();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            JsonOutput.print(out, Map.of("backup", b.id(), "to", r.target().toString(),
                    "files", r.restored().stream().map(e -> e.path()).toList(), "bytes", r.bytes()));
            return 0;
        }
        out.printf("Restored %d files (%s) from backup %s into %s; every file's SHA-256 was checked.%n", r.restored().size(),
                Sizes.human(r.bytes()), b.id(), r.target());
        out.flush();
        return 0;
    }
}
