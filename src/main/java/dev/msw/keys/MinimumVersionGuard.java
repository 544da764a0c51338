package dev.msw.keys;

import dev.msw.core.CancellationToken;
import dev.msw.core.ProgressListener;
import dev.msw.core.UserFacingException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Raises a key's minimum decryption version only when no artifact in the checked folders would become
 * unreadable: otherwise refuses, naming the files and the command that brings them forward.
 */
public final class MinimumVersionGuard {
    private MinimumVersionGuard() {
    }

    /** Files that would be locked out, found by taking inventory of {@code folders}. */
    public static List<ArtifactInventory.Item> blockers(KeyBackend backend, String key, int version, List<Path> folders,
                                                        ProgressListener progress, CancellationToken cancel) throws IOException {
        ArtifactInventory inv = ArtifactInventory.scan(folders, progress, cancel);
        return inv.wouldBecomeUnreadable(backend.stanzaType(), key, version);
    }

    /** Checks, then sets. {@code folders} must not be empty: an unchecked raise is the caller's explicit choice. */
    public static KeyInfo raise(KeyBackend backend, String key, int version, List<Path> folders, ProgressListener progress,
                                CancellationToken cancel) throws IOException {
        List<ArtifactInventory.Item> blocked = blockers(backend, key, version, folders, progress, cancel);
        if (!blocked.isEmpty()) {
            String list = blocked.stream().limit(10).map(i -> i.file() + " (v" + i.versionsOf(backend.stanzaType(), key).stream()
                    .map(String::valueOf).collect(Collectors.joining(", v")) + ")").collect(Collectors.joining("; "));
            throw new UserFacingException("Refusing to set the minimum decryption version of '" + key + "' to " + version,
                    blocked.size() + " artifact(s) are protected only by older versions and would become unreadable: " + list
                            + (blocked.size() > 10 ? "; …" : ""),
                    "rewrap them first with 'msw rewrap " + folders.stream().map(Path::toString).collect(Collectors.joining(" "))
                            + " --key " + key + (backend.kind().equals("vault") ? " --backend vault" : "") + "', then try again");
        }
        return backend.setMinDecryptionVersion(key, version);
    }
}
