package dev.msw.backup;

import dev.msw.audit.Audit;
import dev.msw.backup.BackupManifest.Entry;
import dev.msw.backup.BackupRepository.StoredBackup;
import dev.msw.core.AtomicOutput;
import dev.msw.core.CancellationToken;
import dev.msw.core.CancelledException;
import dev.msw.core.ProgressListener;
import dev.msw.core.UserFacingException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Restores files of a backup into a folder. Never overwrites: if any file to restore exists already, nothing
 * is written and the conflicts are listed. Each file's SHA-256 is checked before it appears under its name, so
 * a damaged stored copy never lands as a restored file.
 */
public final class BackupRestorer {

    /** What was restored, where. */
    public record Result(Path target, List<Entry> restored, long bytes) {
    }

    /**
     * @param only a file or folder path as the manifest names it ({@code models/a.msw}, {@code models}), or just
     *             a file name when that is unambiguous; null restores everything
     */
    public Result restore(StoredBackup backup, Path target, String only, ProgressListener progress, CancellationToken cancel)
            throws IOException {
        List<Entry> selected = select(backup.manifest(), only);
        Path root = target.toAbsolutePath().normalize();
        List<String> conflicts = new ArrayList<>();
        for (Entry e : selected) {
            if (Files.exists(resolve(root, e))) {
                conflicts.add(e.path());
            }
        }
        if (!conflicts.isEmpty()) {
            throw new UserFacingException("Restore into " + root + " refused",
                    conflicts.size() + " file(s) exist there already and would be overwritten: "
                            + String.join(", ", conflicts.subList(0, Math.min(5, conflicts.size())))
                            + (conflicts.size() > 5 ? ", …" : ""),
                    "restore into a new, empty folder");
        }
        BackupRepository repo = BackupRepository.of(backup);
        long total = selected.stream().mapToLong(Entry::size).sum();
        long done = 0;
        List<Entry> restored = new ArrayList<>();
        try {
            for (Entry e : selected) {
                cancel.throwIfCancelled();
                progress.progress(done, total, e.path());
                copyChecked(repo, e, resolve(root, e), cancel);
                restored.add(e);
                done += e.size();
            }
        } catch (IOException | RuntimeException ex) {
            Audit.record("backup.restore", backup.dir().toString(), "failure",
                    Map.of("to", root.toString(), "restored", Integer.toString(restored.size()), "reason", String.valueOf(ex.getMessage())));
            throw ex;
        }
        progress.progress(total, total, "restored " + restored.size() + " files");
        Audit.record("backup.restore", backup.dir().toString(), "success",
                Map.of("to", root.toString(), "files", Integer.toString(restored.size()), "only", only == null ? "" : only));
        return new Result(root, restored, total);
    }

    static List<Entry> select(BackupManifest m, String only) {
        if (only == null || only.isBlank()) {
            return m.files();
        }
        String o = only.replace('\\', '/').replaceAll("/+$", "");
        List<Entry> exact = m.files().stream().filter(e -> e.path().equals(o) || e.path().startsWith(o + "/")).toList();
        if (!exact.isEmpty()) {
            return exact;
        }
        List<Entry> byName = m.files().stream().filter(e -> e.path().endsWith("/" + o)).toList();
        if (byName.size() == 1) {
            return byName;
        }
        if (byName.size() > 1) {
            throw new UserFacingException("'" + only + "' matches " + byName.size() + " files in backup " + m.id(),
                    "for example " + byName.get(0).path() + " and " + byName.get(1).path(), "give the full path as 'msw backup show' lists it");
        }
        throw new UserFacingException("Backup " + m.id() + " has no file '" + only + "'",
                "no file path equals or ends with it", "list the backup's files with 'msw backup show " + m.id() + "'");
    }

    private static Path resolve(Path root, Entry e) {
        Path p = root.resolve(e.path()).normalize();
        if (!p.startsWith(root)) {
            throw new UserFacingException("Backup entry " + e.path() + " points outside the restore folder",
                    "the manifest was tampered with", "do not use this backup; verify it with 'msw backup verify'");
        }
        return p;
    }

    private static void copyChecked(BackupRepository repo, Entry e, Path dest, CancellationToken cancel) throws IOException {
        Path obj = repo.object(e.sha256());
        if (!Files.isRegularFile(obj)) {
            throw new UserFacingException("Cannot restore " + e.path(), "its stored copy " + obj + " is missing",
                    "run 'msw backup verify' and restore this file from an older backup");
        }
        Files.createDirectories(dest.getParent());
        MessageDigest md = BackupRunner.sha256();
        try (AtomicOutput out = AtomicOutput.create(dest, false); InputStream in = Files.newInputStream(obj)) {
            byte[] buf = new byte[1 << 20];
            int n;
            while ((n = in.read(buf)) > 0) {
                if (cancel.isCancelled()) {
                    throw new CancelledException();
                }
                md.update(buf, 0, n);
                ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
                while (bb.hasRemaining()) {
                    out.channel().write(bb);
                }
            }
            String actual = HexFormat.of().formatHex(md.digest());
            if (!actual.equals(e.sha256())) {
                throw new UserFacingException("Cannot restore " + e.path(), "its stored copy is damaged (SHA-256 "
                        + actual + ", expected " + e.sha256() + ")", "restore this file from an older backup");
            }
            out.commit();
        }
        Files.setLastModifiedTime(dest, FileTime.from(e.modified()));
    }
}
