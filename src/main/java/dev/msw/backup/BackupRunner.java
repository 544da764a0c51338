package dev.msw.backup;

import dev.msw.audit.Audit;
import dev.msw.backup.BackupManifest.Entry;
import dev.msw.backup.BackupManifest.Skipped;
import dev.msw.backup.BackupRepository.StoredBackup;
import dev.msw.core.AtomicOutput;
import dev.msw.core.CancellationToken;
import dev.msw.core.CancelledException;
import dev.msw.core.ProgressListener;
import dev.msw.core.UserFacingException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs one backup of a job. Guarantees: file contents are stored once per distinct SHA-256 (a file whose
 * size and modification time match the job's previous backup is not read again); the manifest is written
 * last and the backup folder appears under its final name only when complete, so an interrupted run never
 * leaves a backup that claims completeness; after success the job's retention is applied and unreferenced
 * objects are removed.
 */
public final class BackupRunner {
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final int BUFFER = 1 << 20;

    /** What a run did. */
    public record Result(StoredBackup backup, int copiedFiles, long copiedBytes, int reusedFiles, List<String> pruned,
                         long freedBytes) {
        public BackupManifest manifest() {
            return backup.manifest();
        }
    }

    private record SourceFile(String path, Path file, BasicFileAttributes attrs) {
    }

    public Result run(BackupJob job, ProgressListener progress, CancellationToken cancel) throws IOException {
        try {
            Result r = doRun(job, progress, cancel);
            Map<String, String> d = new LinkedHashMap<>();
            d.put("backup", r.backup().id());
            d.put("files", Integer.toString(r.manifest().files().size()));
            d.put("bytes", Long.toString(r.manifest().totalBytes()));
            d.put("copied", Integer.toString(r.copiedFiles()));
            d.put("skipped", Integer.toString(r.manifest().skipped().size()));
            d.put("signed", Boolean.toString(r.backup().signed()));
            Audit.record("backup.run", job.name(), "success", d);
            return r;
        } catch (IOException | RuntimeException e) {
            Audit.record("backup.run", job.name(), "failure", Map.of("reason", String.valueOf(e.getMessage())));
            throw e;
        }
    }

    private Result doRun(BackupJob job, ProgressListener progress, CancellationToken cancel) throws IOException {
        ManifestSigner signer = job.signingKey() == null ? null : ManifestSigner.load(job.signingKey());
        BackupRepository repo = new BackupRepository(job.destination());
        try (BackupRepository.Lock lock = repo.lock()) {
            Instant created = Instant.now();
            List<SourceFile> files = scan(job, cancel);
            long total = files.stream().mapToLong(f -> f.attrs().size()).sum();
            Map<String, Entry> previous = new HashMap<>();
            repo.latest(job.name()).ifPresent(b -> b.manifest().files().forEach(e -> previous.put(e.path(), e)));

            List<Entry> entries = new ArrayList<>();
            List<Skipped> skipped = new ArrayList<>();
            int copied = 0;
            int reused = 0;
            long copiedBytes = 0;
            long done = 0;
            progress.progress(0, total, "scanning " + files.size() + " files");
            for (SourceFile f : files) {
                cancel.throwIfCancelled();
                progress.progress(done, total, f.path());
                FileProtection protection;
                try {
                    protection = FileProtection.of(f.file());
                } catch (NoSuchFileException gone) {
                    skipped.add(new Skipped(f.path(), "deleted while the backup ran"));
                    done += f.attrs().size();
                    continue;
                }
                if (protection == FileProtection.PLAINTEXT_MODEL && !job.allowPlaintextModels()) {
                    skipped.add(new Skipped(f.path(), "unencrypted model file: backups hold ciphertext only; encrypt it "
                            + "with 'msw encrypt', or allow plaintext models for this job"));
                    done += f.attrs().size();
                    continue;
                }
                Instant modified = f.attrs().lastModifiedTime().toInstant();
                Entry prev = previous.get(f.path());
                if (prev != null && prev.size() == f.attrs().size() && prev.modified().equals(modified)
                        && Files.isRegularFile(repo.object(prev.sha256()))) {
                    entries.add(new Entry(f.path(), prev.size(), prev.sha256(), protection, modified));
                    reused++;
                    done += f.attrs().size();
                    continue;
                }
                long base = done;
                Stored s = store(repo, f.file(), cancel, n -> progress.progress(base + n, total, f.path()));
                BasicFileAttributes after = Files.readAttributes(f.file(), BasicFileAttributes.class);
                if (after.size() != s.size() || !after.lastModifiedTime().toInstant().equals(modified)) {
                    skipped.add(new Skipped(f.path(), "changed while it was being copied; it is in the next backup"));
                } else {
                    entries.add(new Entry(f.path(), s.size(), s.sha256(), protection, modified));
                    if (s.copied()) {
                        copied++;
                        copiedBytes += s.size();
                    } else {
                        reused++;
                    }
                }
                done = base + f.attrs().size();
            }
            cancel.throwIfCancelled();
            BackupManifest manifest = new BackupManifest(newId(repo, job.name(), created), job.name(), created, Instant.now(),
                    job.sources().stream().map(Path::toString).toList(), entries, skipped);
            StoredBackup stored = commit(repo, manifest, signer);
            progress.progress(total, total, "backup " + manifest.id() + " complete");

            List<String> pruned = new ArrayList<>();
            List<StoredBackup> ofJob = repo.list().stream().filter(b -> b.manifest().job().equals(job.name())).toList();
            for (StoredBackup old : job.retention().toDelete(ofJob, b -> b.manifest().created(), ZoneId.systemDefault())) {
                repo.delete(old);
                pruned.add(old.id());
            }
            long freed = repo.collectGarbage();
            return new Result(stored, copied, copiedBytes, reused, pruned, freed);
        }
    }

    private static List<SourceFile> scan(BackupJob job, CancellationToken cancel) throws IOException {
        List<SourceFile> out = new ArrayList<>();
        Map<String, Integer> labels = new HashMap<>();
        for (Path src : job.sources()) {
            if (!Files.exists(src)) {
                throw new UserFacingException("Backup source " + src + " does not exist",
                        "it was moved, deleted or its disk is not mounted", "fix the job's sources ('msw backup job add --replace') and run it again");
            }
            String label = src.getFileName() == null ? "root" : src.getFileName().toString();
            int n = labels.merge(label, 1, Integer::sum);
            if (n > 1) {
                label = label + "-" + n;
            }
            if (Files.isRegularFile(src)) {
                out.add(new SourceFile(label, src, Files.readAttributes(src, BasicFileAttributes.class)));
                continue;
            }
            String l = label;
            try (Stream<Path> s = Files.walk(src)) {
                for (Path p : s.sorted().toList()) {
                    cancel.throwIfCancelled();
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    String name = p.getFileName().toString();
                    // our own temporary files (AtomicOutput, rewrap journals) are never complete artifacts
                    if (!a.isRegularFile() || (name.startsWith(".") && (name.endsWith(".part") || name.endsWith(".rewrap-journal")))) {
                        continue;
                    }
                    String rel = src.relativize(p).toString().replace('\\', '/');
                    out.add(new SourceFile(l + "/" + rel, p, a));
                }
            }
        }
        return out;
    }

    private record Stored(String sha256, long size, boolean copied) {
    }

    /** Copies {@code file} into the object store while hashing it; an object that exists already is kept. */
    private static Stored store(BackupRepository repo, Path file, CancellationToken cancel,
                                java.util.function.LongConsumer progress) throws IOException {
        Path tmpDir = repo.objects().resolve("tmp");
        Files.createDirectories(tmpDir);
        Path tmp = Files.createTempFile(tmpDir, "incoming-", ".part");
        try {
            MessageDigest md = sha256();
            long size = 0;
            try (InputStream in = Files.newInputStream(file);
                 FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                byte[] buf = new byte[BUFFER];
                int n;
                while ((n = in.read(buf)) > 0) {
                    if (cancel.isCancelled()) {
                        throw new CancelledException();
                    }
                    md.update(buf, 0, n);
                    ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
                    while (bb.hasRemaining()) {
                        out.write(bb);
                    }
                    size += n;
                    progress.accept(size);
                }
                out.force(true);
            }
            String sha = HexFormat.of().formatHex(md.digest());
            Path target = repo.object(sha);
            if (Files.isRegularFile(target) && Files.size(target) == size) {
                return new Stored(sha, size, false);
            }
            Files.createDirectories(target.getParent());
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException race) {
                return new Stored(sha, size, false);
            }
            return new Stored(sha, size, true);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static String newId(BackupRepository repo, String job, Instant created) {
        String base = job + "-" + ID_TIME.format(created);
        String id = base;
        for (int i = 2; Files.exists(repo.backups().resolve(id)); i++) {
            id = base + "-" + i;
        }
        return id;
    }

    /** Writes signature and manifest into a hidden partial folder, then renames it into place. */
    private static StoredBackup commit(BackupRepository repo, BackupManifest manifest, ManifestSigner signer) throws IOException {
        Path partial = repo.backups().resolve("." + manifest.id() + ".partial");
        Files.createDirectories(partial);
        byte[] json = manifest.toJson();
        if (signer != null) {
            write(partial.resolve(BackupRepository.SIGNATURE), signer.sign(json));
            write(partial.resolve(BackupRepository.PUBLIC_KEY),
                    ManifestSigner.pem(signer.publicKey()).getBytes(StandardCharsets.US_ASCII));
        }
        write(partial.resolve(BackupRepository.MANIFEST), json);
        Path dir = repo.backups().resolve(manifest.id());
        Files.move(partial, dir, StandardCopyOption.ATOMIC_MOVE);
        fsyncDirectory(repo.backups());
        return new StoredBackup(dir, manifest, signer != null);
    }

    private static void write(Path file, byte[] data) throws IOException {
        try (AtomicOutput out = AtomicOutput.create(file, false)) {
            out.stream().write(data);
            out.commit();
        }
    }

    private static void fsyncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // not every OS can open a directory for fsync (Windows); the rename itself is still atomic
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
