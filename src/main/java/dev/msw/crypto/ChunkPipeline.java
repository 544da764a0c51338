package dev.msw.crypto;

import dev.msw.core.CancellationToken;
import dev.msw.core.ProgressListener;
import dev.msw.core.UserFacingException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads fixed-size chunks in order, transforms them on a pool of worker threads, and writes the results in
 * order. At most {@code 2 × threads + 2} chunks are in memory at once, whatever the input size. The chunk that
 * ends the input is found by reading one chunk ahead, so streams of unknown length work too. A file of known length
 * is read by the workers themselves ({@link #run(FileChannel, long, long, Transform, Sink, ProgressListener,
 * CancellationToken, Counter)}).
 */
final class ChunkPipeline implements AutoCloseable {
    /** Transforms chunk {@code index} of {@code len} bytes from {@code in} into {@code out}; returns the output length. */
    interface Transform {
        int apply(long index, boolean last, byte[] in, int len, byte[] out) throws Exception;
    }

    /** Receives transformed chunks, in order. */
    interface Sink {
        void write(byte[] buf, int len) throws IOException;
    }

    private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();

    private final ExecutorService pool;
    private final int maxSlots;
    private final int inCapacity;
    private final int outCapacity;
    private final ArrayDeque<Slot> free = new ArrayDeque<>();
    private final ArrayDeque<Future<Slot>> pending = new ArrayDeque<>();
    private int created;

    private static final class Slot {
        final byte[] in;
        final byte[] out;
        int inLen;
        int outLen;

        Slot(int inCapacity, int outCapacity) {
            in = new byte[inCapacity];
            out = new byte[outCapacity];
        }
    }

    ChunkPipeline(int threads, int inCapacity, int outCapacity) {
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "msw-crypto-" + THREAD_NUMBER.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.maxSlots = 2 * threads + 2;
        this.inCapacity = inCapacity;
        this.outCapacity = outCapacity;
    }

    /**
     * Runs the pipeline to the end of {@code in}. Exceptions from the transform (e.g. a failed tag) are
     * rethrown unwrapped; {@code Sink} has then received only the chunks before the failing one.
     *
     * @return the number of input bytes consumed
     */
    long run(InputStream in, Transform transform, Sink sink, ProgressListener progress, long total,
            CancellationToken cancel, Counter written) throws IOException {
        ChunkCipher.awaitWarmup(total);
        long consumed = 0;
        Slot cur = takeSlot(sink, progress, total, written);
        cur.inLen = in.readNBytes(cur.in, 0, inCapacity);
        consumed += cur.inLen;
        long index = 0;
        while (true) {
            cancel.throwIfCancelled();
            Slot next = null;
            boolean last = cur.inLen < inCapacity;
            if (!last) {
                next = takeSlot(sink, progress, total, written);
                next.inLen = in.readNBytes(next.in, 0, inCapacity);
                consumed += next.inLen;
                if (next.inLen == 0) {
                    free.push(next);
                    next = null;
                    last = true;
                }
            }
            final Slot s = cur;
            final long i = index;
            final boolean l = last;
            pending.add(pool.submit(() -> {
                s.outLen = transform.apply(i, l, s.in, s.inLen, s.out);
                return s;
            }));
            if (last) {
                break;
            }
            cur = next;
            index++;
        }
        drain(sink, progress, total, cancel, written);
        return consumed;
    }

    /**
     * As {@link #run(InputStream, Transform, Sink, ProgressListener, long, CancellationToken, Counter)}, for the
     * {@code length} bytes of a file from {@code start}: each worker reads its own chunk with a positional read, so
     * copying the input out of the page cache is spread over the pool instead of falling to the one thread that also
     * writes the output. On two cores that thread was busy for most of a 1 GiB decryption and held the workers back
     * (docs/BENCHMARKS.md). The last chunk is the one that ends at {@code start + length}; a file that shrinks
     * meanwhile is reported as changed.
     *
     * @return the number of input bytes consumed
     */
    long run(FileChannel in, long start, long length, Transform transform, Sink sink, ProgressListener progress,
            CancellationToken cancel, Counter written) throws IOException {
        ChunkCipher.awaitWarmup(length);
        long chunks = Math.max(1, (length + inCapacity - 1) / inCapacity);
        long consumed = 0;
        for (long index = 0; index < chunks; index++) {
            cancel.throwIfCancelled();
            final Slot s = takeSlot(sink, progress, length, written);
            final long i = index;
            final long position = start + index * inCapacity;
            final int len = (int) Math.min(inCapacity, length - index * inCapacity);
            final boolean last = index == chunks - 1;
            pending.add(pool.submit(() -> {
                s.inLen = readFully(in, position, s.in, len);
                if (s.inLen < len) {
                    throw new UserFacingException("The input changed while it was being read",
                            "it ended after " + (position - start + s.inLen) + " of the " + length + " bytes it had",
                            "make sure nothing writes to the file, then try again");
                }
                s.outLen = transform.apply(i, last, s.in, s.inLen, s.out);
                return s;
            }));
            consumed += len;
        }
        drain(sink, progress, length, cancel, written);
        return consumed;
    }

    /** Writes every chunk still in flight, in order. */
    private void drain(Sink sink, ProgressListener progress, long total, CancellationToken cancel, Counter written)
            throws IOException {
        while (!pending.isEmpty()) {
            cancel.throwIfCancelled();
            writeOldest(sink, progress, total, written);
        }
    }

    /** Reads up to {@code len} bytes at {@code position}; fewer only at the end of the file. */
    private static int readFully(FileChannel in, long position, byte[] buf, int len) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(buf, 0, len);
        while (bb.hasRemaining() && in.read(bb, position + bb.position()) >= 0) {
            // a positional read may return fewer bytes than asked
        }
        return bb.position();
    }

    private Slot takeSlot(Sink sink, ProgressListener progress, long total, Counter written) throws IOException {
        if (!free.isEmpty()) {
            return free.pop();
        }
        if (created < maxSlots) {
            created++;
            return new Slot(inCapacity, outCapacity);
        }
        writeOldest(sink, progress, total, written);
        return free.pop();
    }

    private void writeOldest(Sink sink, ProgressListener progress, long total, Counter written) throws IOException {
        Slot s = await(pending.poll());
        sink.write(s.out, s.outLen);
        written.add(s.inLen);
        progress.progress(written.value(), total, null);
        free.push(s);
    }

    private static Slot await(Future<Slot> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new dev.msw.core.CancelledException();
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof IOException io) {
                throw io;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new UncheckedIOException(new IOException(c));
        }
    }

    @Override
    public void close() {
        for (Future<Slot> f : pending) {
            f.cancel(true);
        }
        pending.clear();
        pool.shutdownNow();
    }

    /** Input bytes whose output reached the sink so far (what progress reports). */
    static final class Counter {
        private long value;

        void add(long n) {
            value += n;
        }

        long value() {
            return value;
        }
    }
}
