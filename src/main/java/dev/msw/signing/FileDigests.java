package dev.msw.signing;

import dev.msw.core.CancellationToken;
import dev.msw.core.CancelledException;
import dev.msw.core.ProgressListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hashes files fast: many files in parallel (one task per file on all cores), and a single large file with a
 * read-ahead pipeline (one thread reads the next shards while another hashes), since one digest over one file
 * is inherently sequential. Reports bytes done to a {@link ProgressListener} and stops at the next chunk once
 * the {@link CancellationToken} is cancelled.
 */
public final class FileDigests {
    private static final int CHUNK = 1 << 20;
    // Small shards keep what the reader just wrote in the CPU caches when the hasher gets it: 4 MiB x 4 took
    // 1.3-1.8 s per GiB where 1 MiB x 2 took 0.9 s (JDK 17, 2-core Xeon, page cache warm; docs/BENCHMARKS.md).
    private static final int SHARD = 1 << 20;
    private static final int SHARDS_AHEAD = 2;
    private static final long LARGE_FILE = 64L << 20;

    private FileDigests() {
    }

    /**
     * SHA-256 of each file under {@code root}, keyed by the given relative names, in the given order.
     * {@code relativeNames} use '/' separators; "." names {@code root} itself (a single-file model).
     */
    public static Map<String, byte[]> sha256All(Path root, List<String> relativeNames, ProgressListener progress,
            CancellationToken cancel) {
        long total = 0;
        List<Path> files = new ArrayList<>();
        for (String name : relativeNames) {
            Path p = ".".equals(name) ? root : root.resolve(name);
            files.add(p);
            try {
                total += Files.size(p);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (files.size() == 1) {
            Map<String, byte[]> one = new LinkedHashMap<>();
            one.put(relativeNames.get(0), digest(files.get(0), "SHA-256", progress, cancel));
            return one;
        }
        int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), files.size()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "msw-hash");
            t.setDaemon(true);
            return t;
        });
        AtomicLong done = new AtomicLong();
        AtomicInteger filesDone = new AtomicInteger();
        long totalBytes = total;
        int count = files.size();
        try {
            List<Future<byte[]>> futures = new ArrayList<>();
            for (Path f : files) {
                futures.add(pool.submit(() -> {
                    BytesRead read = n -> progress.progress(done.addAndGet(n), totalBytes,
                            filesDone.get() + " of " + count + " files");
                    long size = Files.size(f);
                    // a large file gets a reader thread feeding it shards, so its hashing never waits for the disk
                    byte[] d = size >= LARGE_FILE ? readAhead(f, "SHA-256", size, read, cancel) : hashFile(f, cancel, read);
                    filesDone.incrementAndGet();
                    return d;
                }));
            }
            Map<String, byte[]> out = new LinkedHashMap<>();
            for (int i = 0; i < files.size(); i++) {
                out.put(relativeNames.get(i), join(futures.get(i)));
            }
            progress.progress(totalBytes, totalBytes, count + " of " + count + " files");
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static byte[] join(Future<byte[]> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException();
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw new IllegalStateException(c);
        }
    }

    private interface BytesRead {
        void add(long n);
    }

    private static byte[] hashFile(Path file, CancellationToken cancel, BytesRead read) throws IOException {
        MessageDigest md = sha("SHA-256");
        byte[] buf = new byte[CHUNK];
        ByteBuffer bb = ByteBuffer.wrap(buf);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            int n;
            while ((n = ch.read(bb.clear())) >= 0) {
                cancel.throwIfCancelled();
                md.update(buf, 0, n);
                read.add(n);
            }
        }
        return md.digest();
    }

    /** One file's digest ({@code SHA-256}, {@code SHA-384}…), hashed while the next shards are read ahead. */
    public static byte[] digest(Path file, String algorithm, ProgressListener progress, CancellationToken cancel) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String name = file.getFileName().toString();
        long[] done = {0};
        return readAhead(file, algorithm, size, n -> progress.progress(done[0] += n, size, name), cancel);
    }

    private static byte[] readAhead(Path file, String algorithm, long size, BytesRead read, CancellationToken cancel) {
        MessageDigest md = sha(algorithm);
        if (size <= SHARD) {
            try {
                byte[] all = Files.readAllBytes(file);
                cancel.throwIfCancelled();
                md.update(all);
                read.add(all.length);
                return md.digest();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(SHARDS_AHEAD + 1);
        BlockingQueue<Object> full = new ArrayBlockingQueue<>(SHARDS_AHEAD + 2);
        for (int i = 0; i <= SHARDS_AHEAD; i++) {
            free.add(new byte[SHARD]);
        }
        Thread reader = new Thread(() -> readShards(file, free, full, cancel), "msw-read-ahead");
        reader.setDaemon(true);
        reader.start();
        try {
            while (true) {
                Object o = full.take();
                if (o instanceof Shard s) {
                    md.update(s.data, 0, s.length);
                    free.put(s.data);
                    read.add(s.length);
                } else if (o instanceof Throwable t) {
                    if (t instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new UncheckedIOException((IOException) t);
                } else {
                    break;
                }
            }
            cancel.throwIfCancelled();
            return md.digest();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException();
        } finally {
            reader.interrupt();
        }
    }

    private record Shard(byte[] data, int length) {
    }

    private static final Object END = new Object();

    private static void readShards(Path file, BlockingQueue<byte[]> free, BlockingQueue<Object> full,
            CancellationToken cancel) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            while (true) {
                byte[] buf = free.take();
                if (cancel.isCancelled()) {
                    full.put(new CancelledException());
                    return;
                }
                ByteBuffer bb = ByteBuffer.wrap(buf);
                while (bb.hasRemaining() && ch.read(bb) >= 0) {
                    // fill the shard completely unless the file ends
                }
                if (bb.position() == 0) {
                    full.put(END);
                    return;
                }
                full.put(new Shard(buf, bb.position()));
            }
        } catch (IOException e) {
            full.offer(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static MessageDigest sha(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is missing from the Java runtime", e);
        }
    }
}
