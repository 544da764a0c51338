package dev.msw.pipeline;

import dev.msw.core.CancellationToken;
import dev.msw.core.CancelledException;
import dev.msw.core.ProgressListener;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * Runs many requests through a {@link Pipeline} on several threads. Results reach {@code sink} in input order
 * (row index, result) so output files line up with input files; progress is reported per row and the
 * cancellation token is checked between rows.
 */
public final class BatchRunner {
    /** Rows per model call: large enough to amortise the call, small enough for steady progress. */
    private static final int SLICE = 64;

    private final Pipeline pipeline;
    private final int threads;

    public BatchRunner(Pipeline pipeline, int threads) {
        this.pipeline = pipeline;
        this.threads = Math.max(1, threads);
    }

    public BatchSummary run(List<String> requests, BiConsumer<Integer, RunResult> sink, ProgressListener progress,
                            CancellationToken cancel) {
        long t0 = System.nanoTime();
        BatchSummary summary = new BatchSummary();
        int n = requests.size();
        int block = 256;
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "msw-batch");
            t.setDaemon(true);
            return t;
        });
        AtomicInteger done = new AtomicInteger();
        try {
            for (int start = 0; start < n; start += block * threads) {
                // a window of blocks runs in parallel; results are handed on in order, block by block
                @SuppressWarnings("unchecked")
                Future<RunResult[]>[] window = new Future[threads];
                for (int t = 0; t < threads; t++) {
                    int from = start + t * block;
                    int to = Math.min(n, from + block);
                    if (from >= to) {
                        break;
                    }
                    window[t] = pool.submit(() -> {
                        RunResult[] out = new RunResult[to - from];
                        for (int i = from; i < to; i += SLICE) {
                            if (cancel.isCancelled()) {
                                throw new CancelledException();
                            }
                            List<RunResult> slice = pipeline.runAll(requests.subList(i, Math.min(to, i + SLICE)));
                            for (int k = 0; k < slice.size(); k++) {
                                out[i - from + k] = slice.get(k);
                            }
                            progress.progress(done.addAndGet(slice.size()), n, null);
                        }
                        return out;
                    });
                }
                for (int t = 0; t < threads && window[t] != null; t++) {
                    RunResult[] results = window[t].get();
                    int from = start + t * block;
                    for (int i = 0; i < results.length; i++) {
                        summary.add(results[i]);
                        sink.accept(from + i, results[i]);
                    }
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException();
        } finally {
            pool.shutdownNow();
        }
        summary.totalMicros((System.nanoTime() - t0) / 1000);
        return summary;
    }
}
