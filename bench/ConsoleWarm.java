import dev.msw.core.CancellationToken;
import dev.msw.core.ProgressListener;
import dev.msw.pipeline.BatchRunner;
import dev.msw.pipeline.BatchSummary;
import dev.msw.pipeline.LoadedModel;
import dev.msw.pipeline.Pipeline;
import dev.msw.pipeline.SampleModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Steady-state cost of the twelve stages in a warm JVM: the same rows through BatchRunner several times,
 * reporting each pass (the first includes JIT compilation). Run by bench/console.sh as a single-file program:
 * java -cp target/classes:DEPS bench/ConsoleWarm.java rows.jsonl THREADS
 */
public class ConsoleWarm {
    public static void main(String[] args) throws Exception {
        List<String> rows = Files.readAllLines(Path.of(args[0]));
        int threads = Integer.parseInt(args[1]);
        try (LoadedModel m = SampleModels.load("iris-classifier.onnx", ProgressListener.NONE, CancellationToken.NONE)) {
            Pipeline p = new Pipeline(m);
            for (int pass = 1; pass <= 4; pass++) {
                long t0 = System.nanoTime();
                BatchSummary s = new BatchRunner(p, threads).run(rows, (i, r) -> { }, ProgressListener.NONE,
                        CancellationToken.NONE);
                double secs = (System.nanoTime() - t0) / 1e9;
                System.out.printf("warm pass %d (%d thread%s): %.3f s, %.1f µs/row, %d allowed%n", pass, threads,
                        threads == 1 ? "" : "s", secs, secs * 1e6 / rows.size(), s.allowed());
            }
        }
    }
}
