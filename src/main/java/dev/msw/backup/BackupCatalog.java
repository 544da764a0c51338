package dev.msw.backup;

import dev.msw.backup.BackupRepository.StoredBackup;
import dev.msw.core.UserFacingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Finds backups by what a person types: a backup folder, a destination folder, a backup id or a job name. */
public final class BackupCatalog {
    private final BackupJobStore jobs;

    public BackupCatalog(BackupJobStore jobs) {
        this.jobs = jobs;
    }

    /** Complete backups in {@code destinations} (or in every saved job's destination when empty), oldest first. */
    public List<StoredBackup> list(List<Path> destinations) throws IOException {
        Set<Path> roots = new LinkedHashSet<>();
        if (destinations == null || destinations.isEmpty()) {
            for (BackupJob j : jobs.list()) {
                roots.add(j.destination());
            }
        } else {
            destinations.forEach(d -> roots.add(d.toAbsolutePath().normalize()));
        }
        List<StoredBackup> out = new ArrayList<>();
        for (Path r : roots) {
            out.addAll(new BackupRepository(r).list());
        }
        out.sort(java.util.Comparator.comparing((StoredBackup b) -> b.manifest().created()));
        return out;
    }

    /**
     * {@code ref} is a backup folder (holding manifest.json), a destination folder (its newest backup), a
     * backup id from {@code msw backup list}, or a job name (its newest backup).
     */
    public StoredBackup locate(String ref) throws IOException {
        Path p = Path.of(ref);
        if (Files.isDirectory(p)) {
            if (Files.exists(p.resolve(BackupRepository.MANIFEST)) || p.getFileName().toString().endsWith(".partial")) {
                return BackupRepository.open(p);
            }
            if (Files.isDirectory(p.resolve("backups"))) {
                List<StoredBackup> all = new BackupRepository(p).list();
                if (all.isEmpty()) {
                    throw new UserFacingException("No complete backup in " + p, "the destination holds no finished backup",
                            "run one with 'msw backup run'");
                }
                return all.get(all.size() - 1);
            }
        }
        List<StoredBackup> all = list(List.of());
        for (StoredBackup b : all) {
            if (b.id().equals(ref)) {
                return b;
            }
        }
        if (jobs.find(ref).isPresent()) {
            BackupJob job = jobs.find(ref).get();
            return new BackupRepository(job.destination()).latest(job.name()).orElseThrow(() -> new UserFacingException(
                    "Backup job " + ref + " has no complete backup yet", "it has never finished a run",
                    "run it with 'msw backup run " + ref + "'"));
        }
        throw new UserFacingException("No backup '" + ref + "'",
                "it is neither a backup folder, a destination folder, a backup id of a saved job nor a job name",
                "list backups with 'msw backup list' (or 'msw backup list --dest DIR' for an unsaved destination)");
    }
}
