package dev.msw.cli.backup;

import dev.msw.backup.BackupCatalog;
import dev.msw.backup.BackupJobStore;
import dev.msw.backup.BackupManifest;
import dev.msw.backup.BackupRepository.StoredBackup;
import dev.msw.cli.JsonOutput;
import dev.msw.core.Sizes;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code msw backup show BACKUP}: the files a backup holds. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "List the files of one backup with size, protection and SHA-256.")
public final class BackupShowCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "BACKUP", description = "Backup folder, destination folder (newest backup), backup id or job name (newest backup).")
    String backup;

    @Option(names = "--json", description = "Print the manifest as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        StoredBackup b = new BackupCatalog(BackupJobStore.standard()).locate(backup);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new String(Files.readAllBytes(b.dir().resolve("manifest.json")), java.nio.charset.StandardCharsets.UTF_8));
            out.flush();
            return 0;
        }
        BackupManifest m = b.manifest();
        out.printf("Backup %s (job %s), %s, %d files, %s, %s%n", m.id(), m.job(), BackupListCommand.TIME.format(m.created()),
                m.files().size(), Sizes.human(m.totalBytes()), b.signed() ? "signed" : "unsigned");
        for (BackupManifest.Entry e : m.files()) {
            out.printf("  %10s  %-26s %s  %s%n", Sizes.human(e.size()), e.protection().label(), e.sha256().substring(0, 16), e.path());
        }
        m.skipped().forEach(s -> out.println("  skipped: " + s.path() + ": " + s.reason()));
        out.flush();
        return 0;
    }
}
