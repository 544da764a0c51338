package dev.msw.cli.backup;

import dev.msw.backup.BackupJob;
import dev.msw.backup.BackupJobStore;
import dev.msw.backup.BackupManifest;
import dev.msw.backup.BackupRunner;
import dev.msw.cli.JsonOutput;
import dev.msw.cli.ProgressLine;
import dev.msw.core.CancellationToken;
import dev.msw.core.Sizes;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code msw backup run JOB | --source DIR… --dest DIR}. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a saved backup job, or an ad-hoc backup of --source folders into --dest.",
                "Unencrypted model files are skipped (and reported) unless --allow-plaintext-models; other unencrypted files are copied and flagged."})
public final class BackupRunCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "JOB", description = "A saved job (see 'msw backup job list').")
    String jobName;

    @Option(names = "--source", paramLabel = "PATH", description = "Folder or file to back up (repeatable; ad-hoc runs).")
    List<Path> sources;

    @Option(names = "--dest", paramLabel = "DIR", description = "Backup destination folder (ad-hoc runs).")
    Path dest;

    @Option(names = "--sign-key", paramLabel = "PEM", description = "Sign the manifest with this Ed25519/EC/RSA private key (ad-hoc runs).")
    Path signKey;

    @Option(names = "--allow-plaintext-models", description = "Also copy unencrypted model files (ad-hoc runs).")
    boolean allowPlaintextModels;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        BackupJob job;
        if (jobName != null) {
            if (sources != null || dest != null || signKey != null) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "Give either a saved JOB or --source/--dest for an ad-hoc backup, not both");
            }
            job = BackupJobStore.standard().require(jobName);
        } else {
            if (sources == null || dest == null) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "Name a saved JOB, or give --source DIR (one or more) and --dest DIR");
            }
            job = BackupJob.adHoc(sources, dest, signKey, allowPlaintextModels);
        }
        PrintWriter out = spec.commandLine().getOut();
        ProgressLine progress = new ProgressLine(spec.commandLine().getErr(), true);
        CancellationToken cancel = new CancellationToken();
        BackupRunner.Result r;
        try (dev.msw.cli.artifacts.InterruptCancels ignored = new dev.msw.cli.artifacts.InterruptCancels(cancel)) {
            r = new BackupRunner().run(job, progress, cancel);
        } finally {
            progress.finish();
        }
        BackupManifest m = r.manifest();
        if (json) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("backup", m.id());
            j.put("folder", r.backup().dir().toString());
            j.put("job", m.job());
            j.put("files", m.files().size());
            j.put("bytes", m.totalBytes());
            j.put("copiedFiles", r.copiedFiles());
            j.put("copiedBytes", r.copiedBytes());
            j.put("reusedFiles", r.reusedFiles());
            j.put("signed", r.backup().signed());
            j.put("notEncrypted", m.files().stream().filter(f -> !f.protection().isProtected()).map(BackupManifest.Entry::path).toList());
            j.put("skipped", m.skipped());
            j.put("pruned", r.pruned());
            JsonOutput.print(out, j);
            return 0;
        }
        out.printf("Backup %s complete in %s%n", m.id(), r.backup().dir());
        out.printf("  %d files, %s; copied %d (%s), unchanged %d%s%n", m.files().size(), Sizes.human(m.totalBytes()),
                r.copiedFiles(), Sizes.human(r.copiedBytes()), r.reusedFiles(), r.backup().signed() ? "; manifest signed" : "");
        m.files().stream().filter(f -> !f.protection().isProtected())
                .forEach(f -> out.println("  warning: not encrypted: " + f.path()));
        m.skipped().forEach(s -> out.println("  skipped: " + s.path() + ": " + s.reason()));
        if (!r.pruned().isEmpty()) {
            out.println("  retention removed: " + String.join(", ", r.pruned()) + " (" + Sizes.human(r.freedBytes()) + " freed)");
        }
        out.flush();
        return 0;
    }
}
