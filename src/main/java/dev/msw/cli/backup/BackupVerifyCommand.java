package dev.msw.cli.backup;

import dev.msw.backup.BackupCatalog;
import dev.msw.backup.BackupJob;
import dev.msw.backup.BackupJobStore;
import dev.msw.backup.BackupRepository.StoredBackup;
import dev.msw.backup.BackupVerifier;
import dev.msw.backup.BackupVerifier.FileStatus;
import dev.msw.backup.ManifestSigner;
import dev.msw.cli.JsonOutput;
import dev.msw.cli.ProgressLine;
import dev.msw.core.CancellationToken;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code msw backup verify BACKUP}: exit 0 only when every file is intact and the signature (if any) holds. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Recompute every file's SHA-256, check the manifest signature, and report missing, changed and extra files.",
                "The signature is checked against --public-key, else against the saved job's signing key, else against the key stored with the backup (reported as not pinned)."})
public final class BackupVerifyCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "BACKUP", description = "Backup folder, destination folder (newest backup), backup id or job name (newest backup).")
    String backup;

    @Option(names = "--public-key", paramLabel = "PEM", description = "The public key the manifest must be signed by.")
    Path publicKey;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        BackupJobStore store = BackupJobStore.standard();
        StoredBackup b = new BackupCatalog(store).locate(backup);
        PublicKey pinned = null;
        if (publicKey != null) {
            pinned = ManifestSigner.readPublicKey(publicKey);
        } else {
            Optional<BackupJob> job = store.find(b.manifest().job());
            if (job.isPresent() && job.get().signingKey() != null && job.get().destination().equals(b.dir().getParent().getParent())) {
                pinned = ManifestSigner.load(job.get().signingKey()).publicKey();
            }
        }
        ProgressLine progress = new ProgressLine(spec.commandLine().getErr(), true);
        BackupVerifier.Report r = new BackupVerifier().verify(b, pinned, progress, CancellationToken.NONE);
        progress.finish();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("backup", b.id());
            j.put("ok", r.ok());
            j.put("signature", r.signature().name());
            j.put("signer", r.signer());
            j.put("ok_files", r.count(FileStatus.OK));
            j.put("changed", r.files().stream().filter(f -> f.status() == FileStatus.CHANGED).map(BackupVerifier.FileCheck::path).toList());
            j.put("missing", r.files().stream().filter(f -> f.status() == FileStatus.MISSING).map(BackupVerifier.FileCheck::path).toList());
            j.put("extra", r.extra());
            JsonOutput.print(out, j);
            return r.ok() ? 0 : 1;
        }
        for (BackupVerifier.FileCheck f : r.files()) {
            if (f.status() != FileStatus.OK) {
                out.println(f.status().name().toLowerCase() + ": " + f.path() + " (" + f.detail() + ")");
            }
        }
        r.extra().forEach(e -> out.println("extra: " + e + " (not part of the backup)"));
        String sig = switch (r.signature()) {
            case VALID_PINNED -> "valid, by the expected key " + r.signer().substring(0, 16) + "…";
            case VALID_UNPINNED -> "valid, by key " + r.signer().substring(0, 16)
                    + "… stored with the backup (give --public-key to check who signed it)";
            case INVALID -> "INVALID: the manifest was changed after signing, or signed by another key";
            case UNSIGNED -> r.signatureRequired() ? "MISSING although a signing key is expected" : "none (unsigned backup)";
        };
        out.printf("Backup %s: %d ok, %d changed, %d missing, %d extra; signature %s%n", b.id(), r.count(FileStatus.OK),
                r.count(FileStatus.CHANGED), r.count(FileStatus.MISSING), r.extra().size(), sig);
        out.println(r.ok() ? "Verified: the backup is complete and intact." : "FAILED: do not rely on this backup; restore from another one.");
        out.flush();
        return r.ok() ? 0 : 1;
    }
}
