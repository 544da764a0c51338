package dev.msw.signing;

import dev.msw.core.CancellationToken;
import dev.msw.core.ProgressListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SHA-256 digests begun before the command line is even parsed. {@code msw sign FILE} and {@code msw verify
 * FILE} spend ~0.15 s starting the JVM and building the picocli command before they know what to hash, and a
 * 1 GiB file takes ~0.6 s to hash; so the launcher starts hashing every large regular file named on such a
 * command line at once (at most two). The signing code takes a digest begun here when it hashes that same
 * file, unchanged since (same path, size and modification time); {@link #abandonAll()} stops the others.
 * A digest nobody takes costs only CPU time: it is a daemon thread that stops at the next shard once abandoned.
 */
public final class EarlyDigests {
    /** Smaller files hash in a few tens of milliseconds; not worth a speculative thread. */
    static final long WORTH_IT = 64L << 20;
    private static final int MAX_STARTED = 2;
    private static final Map<Path, Early> STARTED = new ConcurrentHashMap<>();

    private record Early(DigestAhead digest, long size, long modified) {
    }

    private EarlyDigests() {
    }

    /** Starts the SHA-256 of each argument that names a regular file of at least 64 MiB (at most two). */
    public static void startFor(String[] args) {
        for (String a : args) {
            if (STARTED.size() >= MAX_STARTED) {
                return;
            }
            if (a.startsWith("-")) {
                continue;
            }
            try {
                Path p = Path.of(a).toAbsolutePath().normalize();
                BasicFileAttributes attrs = Files.readAttributes(p, BasicFileAttributes.class);
                if (attrs.isRegularFile() && attrs.size() >= WORTH_IT && !STARTED.containsKey(p)) {
                    STARTED.put(p, new Early(DigestAhead.start(p, new CancellationToken()), attrs.size(),
                            attrs.lastModifiedTime().toMillis()));
                }
            } catch (IOException | InvalidPathException | SecurityException e) {
                // not a readable file: the command itself will say so
            }
        }
    }

    /**
     * The digest begun for {@code file}, now reporting to {@code progress}, if there is one and the file still
     * has the size and modification time it had then; null otherwise (and a stale digest is stopped).
     */
    static DigestAhead take(Path file, ProgressListener progress) {
        if (STARTED.isEmpty()) {
            return null;
        }
        Path p = file.toAbsolutePath().normalize();
        Early e = STARTED.remove(p);
        if (e == null) {
            return null;
        }
        try {
            BasicFileAttributes now = Files.readAttributes(p, BasicFileAttributes.class);
            if (now.size() == e.size() && now.lastModifiedTime().toMillis() == e.modified()) {
                return e.digest().reportingTo(progress);
            }
        } catch (IOException ex) {
            // gone or unreadable now: hash it the ordinary way, which reports the problem
        }
        e.digest().abandon();
        return null;
    }

    /** Stops every digest begun here that nobody took (the command hashes differently, or not at all). */
    public static void abandonAll() {
        for (Path p : STARTED.keySet()) {
            Early e = STARTED.remove(p);
            if (e != null) {
                e.digest().abandon();
            }
        }
    }
}
