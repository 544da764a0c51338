package dev.msw.backup;

import dev.msw.core.UserFacingException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A backup destination folder. Layout:
 * <pre>
 * objects/ab/abcd…   file contents, named by SHA-256 (stored once however many backups hold them)
 * backups/ID/        one complete backup: manifest.json (+ manifest.sig, manifest.pub.pem when signed)
 * backups/.ID.partial/  a backup being written; renamed to backups/ID only after its manifest is complete
 * .lock              held while a backup, prune or garbage collection runs
 * </pre>
 * A folder under {@code backups/} without a leading dot and with a manifest is complete by construction.
 */
public final class BackupRepository {
    public static final String MANIFEST = "manifest.json";
    public static final String SIGNATURE = "manifest.sig";
    public static final String PUBLIC_KEY = "manifest.pub.pem";

    private final Path root;

    public BackupRepository(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    public Path objects() {
        return root.resolve("objects");
    }

    public Path backups() {
        return root.resolve("backups");
    }

    public Path object(String sha256) {
        return objects().resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    /** A complete backup in this repository. */
    public record StoredBackup(Path dir, BackupManifest manifest, boolean signed) {
        public String id() {
            return manifest.id();
        }
    }

    /** Complete backups, oldest first; damaged manifests are left out (verify reports them). */
    public List<StoredBackup> list() throws IOException {
        List<StoredBackup> out = new ArrayList<>();
        if (!Files.isDirectory(backups())) {
            return out;
        }
        try (Stream<Path> s = Files.list(backups())) {
            for (Path dir : s.filter(Files::isDirectory).toList()) {
                if (dir.getFileName().toString().startsWith(".")) {
                    continue;
                }
                Path m = dir.resolve(MANIFEST);
                if (!Files.isRegularFile(m)) {
                    continue;
                }
                try {
                    out.add(new StoredBackup(dir, BackupManifest.parse(Files.readAllBytes(m), m.toString()),
                            Files.exists(dir.resolve(SIGNATURE))));
                } catch (UserFacingException damaged) {
                    // listed by verify; a damaged manifest never counts as a complete backup
                }
            }
        }
        out.sort(Comparator.comparing((StoredBackup b) -> b.manifest().created()).thenComparing(StoredBackup::id));
        return out;
    }

    /** Backups that were interrupted (their partial folders), for reports. */
    public List<Path> interrupted() throws IOException {
        if (!Files.isDirectory(backups())) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(backups())) {
            return s.filter(p -> p.getFileName().toString().startsWith(".") && p.getFileName().toString().endsWith(".partial"))
                    .sorted().toList();
        }
    }

    public Optional<StoredBackup> latest(String job) throws IOException {
        List<StoredBackup> all = list().stream().filter(b -> b.manifest().job().equals(job)).toList();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** Reads the backup in {@code dir} (a folder holding manifest.json). */
    public static StoredBackup open(Path dir) throws IOException {
        Path m = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(m)) {
            String why = dir.getFileName() != null && dir.getFileName().toString().endsWith(".partial")
                    ? "this backup was interrupted and never completed"
                    : "the folder has no " + MANIFEST;
            throw new UserFacingException("No complete backup at " + dir, why,
                    "list complete backups with 'msw backup list'");
        }
        return new StoredBackup(dir.toAbsolutePath().normalize(), BackupManifest.parse(Files.readAllBytes(m), m.toString()),
                Files.exists(dir.resolve(SIGNATURE)));
    }

    /** The repository holding the backup folder {@code dir} ({@code ROOT/backups/ID}). */
    public static BackupRepository of(StoredBackup b) {
        return new BackupRepository(b.dir().getParent().getParent());
    }

    /** Deletes a complete backup's folder (its objects stay until {@link #collectGarbage()}). */
    public void delete(StoredBackup b) throws IOException {
        deleteTree(b.dir());
    }

    /** Removes objects no complete backup refers to, and leftovers of interrupted backups; returns bytes freed. */
    public long collectGarbage() throws IOException {
        Set<String> live = new HashSet<>();
        for (StoredBackup b : list()) {
            b.manifest().files().forEach(f -> live.add(f.sha256()));
        }
        long freed = 0;
        if (Files.isDirectory(objects())) {
            try (Stream<Path> s = Files.walk(objects())) {
                for (Path p : s.filter(Files::isRegularFile).toList()) {
                    if (!live.contains(p.getFileName().toString())) {
                        freed += Files.size(p);
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
        for (Path partial : interrupted()) {
            deleteTree(partial);
        }
        return freed;
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Exclusive use of the repository; refuses (rather than waits) when another backup is writing to it. */
    public Lock lock() throws IOException {
        Files.createDirectories(root);
        FileChannel ch = FileChannel.open(root.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock l;
        try {
            l = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            l = null;
        }
        if (l == null) {
            ch.close();
            throw new UserFacingException("The backup destination " + root + " is busy",
                    "another backup, prune or restore is writing to it right now", "wait for it to finish and try again");
        }
        return new Lock(ch, l);
    }

    /** Held repository lock. */
    public static final class Lock implements AutoCloseable {
        private final FileChannel channel;
        private final FileLock lock;

        private Lock(FileChannel channel, FileLock lock) {
            this.channel = channel;
            this.lock = lock;
        }

        @Override
        public void close() throws IOException {
            try {
                lock.release();
            } finally {
                channel.close();
            }
        }
    }
}
