package dev.msw.backup;

import dev.msw.core.UserFacingException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * A named, saved backup: what to copy, where to, when and how many to keep.
 *
 * @param sources              folders or single files (artifact folders, the keyring, the local secret store)
 * @param destination          the backup repository folder (content-addressed objects + one manifest per backup)
 * @param signingKey           PEM private key (Ed25519 or EC) that signs each manifest, or null for unsigned
 * @param allowPlaintextModels copy unencrypted model files too (flagged); by default they are skipped and reported
 * @param created              when the job was defined: the first scheduled run is counted from it
 */
public record BackupJob(String name, List<Path> sources, Path destination, BackupSchedule schedule, Retention retention,
                        Path signingKey, boolean allowPlaintextModels, Instant created) {
    public BackupJob {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new UserFacingException("Invalid backup job name '" + name + "'",
                    "names use letters, digits, '.', '_' and '-' (at most 64, starting with a letter or digit)",
                    "pick a name such as nightly or models-weekly");
        }
        if (sources == null || sources.isEmpty()) {
            throw new UserFacingException("Backup job " + name + " has no source", "a job needs at least one folder or file to back up",
                    "add a source with --source DIR");
        }
        if (destination == null) {
            throw new UserFacingException("Backup job " + name + " has no destination", "a job needs a folder to write backups to",
                    "add one with --dest DIR");
        }
        sources = sources.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        destination = destination.toAbsolutePath().normalize();
        for (Path s : sources) {
            if (destination.startsWith(s)) {
                throw new UserFacingException("Backup job " + name + " writes into its own source",
                        "the destination " + destination + " lies inside the source " + s,
                        "choose a destination outside every source (ideally on another disk)");
            }
        }
        schedule = schedule == null ? BackupSchedule.MANUAL : schedule;
        retention = retention == null ? Retention.KEEP_ALL : retention;
        signingKey = signingKey == null ? null : signingKey.toAbsolutePath().normalize();
        created = created == null ? Instant.now() : created;
    }

    /** An unsaved job for {@code msw backup run --source … --dest …}. */
    public static BackupJob adHoc(List<Path> sources, Path destination, Path signingKey, boolean allowPlaintextModels) {
        return new BackupJob("adhoc", sources, destination, BackupSchedule.MANUAL, Retention.KEEP_ALL, signingKey,
                allowPlaintextModels, Instant.now());
    }
}
