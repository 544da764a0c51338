package dev.msw.backup;

import dev.msw.audit.Audit;
import dev.msw.backup.BackupManifest.Entry;
import dev.msw.backup.BackupRepository.StoredBackup;
import dev.msw.core.CancellationToken;
import dev.msw.core.CancelledException;
import dev.msw.core.ProgressListener;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Checks a stored backup without trusting anything but the bytes: recomputes the SHA-256 of every object the
 * manifest names, checks the manifest signature (against a pinned public key when one is given), and lists
 * files in the backup folder that do not belong there.
 */
public final class BackupVerifier {
    public enum FileStatus { OK, CHANGED, MISSING }

    public enum SignatureStatus {
        /** Valid signature by the pinned key. */
        VALID_PINNED,
        /** Valid signature by the key stored beside the manifest; no key was pinned to compare with. */
        VALID_UNPINNED,
        /** The signature does not match the manifest, or was made by another key than the pinned one. */
        INVALID,
        /** The backup carries no signature. */
        UNSIGNED
    }

    public record FileCheck(String path, FileStatus status, String detail) {
    }

    /** The outcome; {@link #ok()} is what {@code msw backup verify} exits on. */
    public record Report(StoredBackup backup, List<FileCheck> files, List<String> extra, SignatureStatus signature,
                         String signer, boolean signatureRequired) {
        public long count(FileStatus s) {
            return files.stream().filter(f -> f.status() == s).count();
        }

        public boolean ok() {
            return count(FileStatus.CHANGED) == 0 && count(FileStatus.MISSING) == 0 && extra.isEmpty()
                    && signature != SignatureStatus.INVALID
                    && !(signatureRequired && signature == SignatureStatus.UNSIGNED);
        }
    }

    private static final Set<String> OWN_FILES = Set.of(BackupRepository.MANIFEST, BackupRepository.SIGNATURE,
            BackupRepository.PUBLIC_KEY);

    /** @param pinned the public key the signature must come from, or null to accept the stored one */
    public Report verify(StoredBackup backup, PublicKey pinned, ProgressListener progress, CancellationToken cancel)
            throws IOException {
        BackupRepository repo = BackupRepository.of(backup);
        SignatureStatus sig = SignatureStatus.UNSIGNED;
        String signer = null;
        Path sigFile = backup.dir().resolve(BackupRepository.SIGNATURE);
        if (Files.exists(sigFile)) {
            byte[] manifest = Files.readAllBytes(backup.dir().resolve(BackupRepository.MANIFEST));
            byte[] signature = Files.readAllBytes(sigFile);
            PublicKey key = pinned;
            if (key == null && Files.exists(backup.dir().resolve(BackupRepository.PUBLIC_KEY))) {
                key = ManifestSigner.readPublicKey(backup.dir().resolve(BackupRepository.PUBLIC_KEY));
            }
            if (key == null) {
                sig = SignatureStatus.INVALID;
                signer = "no public key to check the signature with";
            } else {
                signer = ManifestSigner.fingerprint(key);
                boolean valid = ManifestSigner.verify(key, manifest, signature);
                sig = !valid ? SignatureStatus.INVALID : pinned != null ? SignatureStatus.VALID_PINNED : SignatureStatus.VALID_UNPINNED;
            }
        }
        List<FileCheck> checks = new ArrayList<>();
        long total = backup.manifest().totalBytes();
        long done = 0;
        for (Entry e : backup.manifest().files()) {
            cancel.throwIfCancelled();
            progress.progress(done, total, e.path());
            Path obj = repo.object(e.sha256());
            if (!Files.isRegularFile(obj)) {
                checks.add(new FileCheck(e.path(), FileStatus.MISSING, "its stored copy " + obj + " is gone"));
            } else {
                String actual = hash(obj, cancel);
                long size = Files.size(obj);
                if (!actual.equals(e.sha256()) || size != e.size()) {
                    checks.add(new FileCheck(e.path(), FileStatus.CHANGED, "stored copy has SHA-256 " + actual
                            + " and " + size + " bytes; the manifest says " + e.sha256() + " and " + e.size()));
                } else {
                    checks.add(new FileCheck(e.path(), FileStatus.OK, ""));
                }
            }
            done += e.size();
        }
        progress.progress(total, total, "verified");
        List<String> extra = new ArrayList<>();
        try (Stream<Path> s = Files.walk(backup.dir())) {
            s.filter(Files::isRegularFile).map(p -> backup.dir().relativize(p).toString().replace('\\', '/'))
                    .filter(p -> !OWN_FILES.contains(p)).sorted().forEach(extra::add);
        }
        Report r = new Report(backup, checks, extra, sig, signer, pinned != null);
        Audit.record("backup.verify", backup.dir().toString(), r.ok() ? "success" : "failure",
                Map.of("changed", Long.toString(r.count(FileStatus.CHANGED)), "missing", Long.toString(r.count(FileStatus.MISSING)),
                        "extra", Integer.toString(extra.size()), "signature", sig.name()));
        return r;
    }

    static String hash(Path file, CancellationToken cancel) throws IOException {
        MessageDigest md = BackupRunner.sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 20];
            int n;
            while ((n = in.read(buf)) > 0) {
                if (cancel.isCancelled()) {
                    throw new CancelledException();
                }
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
