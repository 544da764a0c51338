package dev.msw.keys;

import dev.msw.audit.Audit;
import dev.msw.core.CancellationToken;
import dev.msw.core.CancelledException;
import dev.msw.core.ProgressListener;
import dev.msw.core.UserFacingException;
import dev.msw.crypto.ArtifactHeader;
import dev.msw.crypto.HeaderRewriter;
import dev.msw.crypto.Identity;
import dev.msw.crypto.Stanza;
import dev.msw.keys.RewrapSummary.FileResult;
import dev.msw.keys.RewrapSummary.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Moves artifacts to the latest version of a key without touching their payload: only the key stanzas of that
 * key and the header MAC change; the encrypted payload bytes stay as they are. When the new header has the old
 * one's length it is written in place behind a journal ({@link InPlaceHeaderUpdate}); otherwise the file is
 * copied with its payload unchanged and renamed over the original. Either way a crash leaves every file fully
 * old (opens with the old version) or fully new, and running again finishes the job (current files are
 * skipped, interrupted updates are completed). Other stanzas (a passphrase, other keys) stay.
 */
public final class Rewrapper {
    private final KeyBackend backend;

    public Rewrapper(KeyBackend backend) {
        this.backend = backend;
    }

    /**
     * Rewraps every artifact under {@code roots} that has a stanza for {@code keyName} below its latest version.
     * One bad file does not stop the run; it is reported as failed and left as it was. Progress counts files.
     */
    public RewrapSummary rewrap(String keyName, List<Path> roots, ProgressListener progress, CancellationToken cancel)
            throws IOException {
        int latest = backend.info(keyName).latestVersion();
        InPlaceHeaderUpdate.recoverAll(roots);
        Listing listing = list(roots);
        List<FileResult> results = new ArrayList<>();
        Identity identity = backend.identity();
        int i = 0;
        try {
            for (Path f : listing.files()) {
                cancel.throwIfCancelled();
                progress.progress(i++, listing.files().size(), f.toString());
                results.add(rewrapOne(f, keyName, latest, identity, cancel));
            }
        } catch (CancelledException e) {
            audit(keyName, latest, results, "cancelled");
            throw e;
        }
        progress.progress(listing.files().size(), listing.files().size(), "done");
        RewrapSummary summary = new RewrapSummary(results, listing.temporaryFiles());
        audit(keyName, latest, results, summary.failures().isEmpty() ? "success" : "failure");
        return summary;
    }

    private FileResult rewrapOne(Path f, String keyName, int latest, Identity identity, CancellationToken cancel) {
        try {
            if (!ArtifactHeader.hasMagic(f)) {
                return new FileResult(f, Outcome.NOT_ENCRYPTED, "");
            }
            ArtifactHeader header = ArtifactHeader.read(f);
            TreeSet<Integer> old = new TreeSet<>();
            for (Stanza s : header.stanzas()) {
                if (backend.owns(s, keyName)) {
                    old.add(backend.versionOf(s));
                }
            }
            if (old.isEmpty()) {
                return new FileResult(f, Outcome.OTHER_KEY, header.describeRecipients());
            }
            if (old.first() >= latest) {
                return new FileResult(f, Outcome.CURRENT, "v" + latest);
            }
            ArtifactHeader.Unlocked unlocked = header.unlock(List.of(identity), f.toString());
            try {
                List<Stanza> fresh = new ArrayList<>();
                boolean added = false;
                for (Stanza s : header.stanzas()) {
                    if (!backend.owns(s, keyName)) {
                        fresh.add(s);
                    } else if (!added) {
                        // several stanzas of the same key collapse into one for the latest version
                        fresh.add(backend.rewrap(keyName, s, unlocked.fileKey(), header.fileId()));
                        added = true;
                    }
                }
                ArtifactHeader rewritten = header.withStanzas(fresh, unlocked.fileKey());
                if (!InPlaceHeaderUpdate.write(f, header, rewritten)) {
                    // the header grew or shrank (e.g. v9 → v10): copy the payload unchanged into a new file
                    HeaderRewriter.rewrite(f, f, unlocked.fileKey(), fresh, true, ProgressListener.NONE, cancel);
                }
            } finally {
                unlocked.fileKey().destroy();
            }
            return new FileResult(f, Outcome.DONE, "v" + old.first() + " → v" + latest);
        } catch (CancelledException e) {
            throw e;
        } catch (UserFacingException | IOException e) {
            return new FileResult(f, Outcome.FAILED, e.getMessage());
        }
    }

    private void audit(String keyName, int latest, List<FileResult> results, String outcome) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("backend", backend.kind());
        d.put("version", Integer.toString(latest));
        d.put("rewrapped", Long.toString(results.stream().filter(r -> r.outcome() == Outcome.DONE).count()));
        d.put("current", Long.toString(results.stream().filter(r -> r.outcome() == Outcome.CURRENT).count()));
        d.put("failed", Long.toString(results.stream().filter(r -> r.outcome() == Outcome.FAILED).count()));
        Audit.record("rewrap", keyName, outcome, d);
    }

    /** Files under the roots (sorted, so runs are repeatable) and the count of leftover temporary files. */
    record Listing(List<Path> files, int temporaryFiles) {
    }

    static Listing list(List<Path> roots) throws IOException {
        List<Path> files = new ArrayList<>();
        int temps = 0;
        for (Path root : roots) {
            if (Files.isRegularFile(root)) {
                files.add(root);
            } else if (Files.isDirectory(root)) {
                try (Stream<Path> s = Files.walk(root)) {
                    for (Path p : s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList()) {
                        if (ArtifactInventory.isTemporary(p)) {
                            temps++;
                        } else if (!InPlaceHeaderUpdate.isJournal(p)) {
                            files.add(p);
                        }
                    }
                }
            } else {
                throw new KeyringException("Cannot rewrap " + root, "it does not exist", "check the path");
            }
        }
        return new Listing(files, temps);
    }

    /** Deletes temporary files that interrupted writes left under {@code roots}; returns how many. */
    public static int deleteTemporaryFiles(List<Path> roots) throws IOException {
        // journals are never just deleted: they may hold the only good copy of a header
        int n = InPlaceHeaderUpdate.recoverAll(roots);
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> s = Files.walk(root)) {
                for (Path p : s.filter(ArtifactInventory::isTemporary).toList()) {
                    if (Files.deleteIfExists(p)) {
                        n++;
                    }
                }
            }
        }
        return n;
    }
}
