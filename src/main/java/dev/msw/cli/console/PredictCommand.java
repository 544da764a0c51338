package dev.msw.cli.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.msw.cli.JsonOutput;
import dev.msw.cli.MswCommand;
import dev.msw.cli.ProgressLine;
import dev.msw.core.AtomicOutput;
import dev.msw.core.CancellationToken;
import dev.msw.core.UserFacingException;
import dev.msw.pipeline.BatchInputs;
import dev.msw.pipeline.BatchRunner;
import dev.msw.pipeline.BatchSummary;
import dev.msw.pipeline.LoadedModel;
import dev.msw.pipeline.Pipeline;
import dev.msw.pipeline.PredictionAudit;
import dev.msw.pipeline.RunResult;
import dev.msw.pipeline.StageResult;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code msw predict}: runs one input or a batch through the twelve stages of the prediction console. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Run inputs through a model's twelve guarded stages: input validation (IV1-IV5), "
                + "processing (P1-P3) and output validation (OV1-OV4).",
                "Exit code 0 when the run was allowed (every row, in batch mode), 1 when a stage stopped it."},
        footer = {"", "Examples (M=sample-models/iris-classifier.onnx):",
                "  msw predict --model $M --input @flower.json",
                "  msw predict --model $M --json --input '{\"sepal_length\": 5.1,",
                "    \"sepal_width\": 3.5, \"petal_length\": 1.4, \"petal_width\": 0.2}'",
                "  msw predict --model $M --batch rows.csv --out results.jsonl",
                "  msw predict --model $M.msw --passphrase-file demo.pass --input @flower.json"})
public final class PredictCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ModelOptions modelOptions;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--input", paramLabel = "JSON|@FILE",
                description = "One request as JSON text, or @FILE to read it from a file (as curl does).")
        String input;

        @Option(names = "--batch", paramLabel = "FILE", description = "Many requests: .jsonl (one per line) or .csv "
                + "(header row of field names).")
        Path batch;
    }

    @Option(names = "--out", paramLabel = "FILE", description = "Batch results as JSON Lines (required with --batch).")
    Path out;

    @Option(names = "--force", description = "Overwrite --out if it exists.")
    boolean force;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Option(names = "--timeout-ms", paramLabel = "MS", defaultValue = "10000",
            description = "Inference timeout in milliseconds (default ${DEFAULT-VALUE}; the contract may set its own).")
    long timeoutMs;

    @Option(names = "--threads", paramLabel = "N", description = "Batch worker threads (default: number of cores).")
    Integer threads;

    @Override
    public Integer call() throws Exception {
        if (source.batch != null && out == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--batch needs --out FILE for the results");
        }
        if (timeoutMs < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--timeout-ms must not be negative");
        }
        try (LoadedModel model = modelOptions.load()) {
            Pipeline pipeline = new Pipeline(model, Duration.ofMillis(timeoutMs));
            return source.batch != null ? batch(model, pipeline) : single(model, pipeline);
        }
    }

    private int single(LoadedModel model, Pipeline pipeline) {
        String request = source.input;
        if (request.startsWith("@")) {
            Path file = Path.of(request.substring(1));
            try {
                request = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UserFacingException("Cannot read the input file " + file, String.valueOf(e.getMessage()),
                        "check the path after @", e);
            }
        }
        RunResult r = pipeline.run(request);
        PredictionAudit.record(model, r, "cli");
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            JsonOutput.print(o, r);
        } else {
            printHuman(o, model, r);
        }
        return r.allowed() ? MswCommand.EXIT_OK : MswCommand.EXIT_FAILED;
    }

    private static void printHuman(PrintWriter o, LoadedModel model, RunResult r) {
        o.println("Model " + model.name() + " (" + model.contract().name() + ")" + (model.encrypted()
                ? ", decrypted in memory" : ""));
        String group = "";
        for (StageResult s : r.stages()) {
            if (!s.group().title().equals(group)) {
                group = s.group().title();
                o.println(group);
            }
            o.printf(Locale.ROOT, "  %-4s %-20s %-7s %7s  %s%n", s.id(), s.name(), s.status().label(),
                    s.status() == dev.msw.pipeline.StageStatus.SKIPPED ? "" : s.durationMicros() + " µs", s.reason());
        }
        if (r.prediction() != null) {
            o.println("Prediction: " + r.prediction().asText() + (r.prediction().confidence() != null
                    ? String.format(Locale.ROOT, " (%.1f%%)", r.prediction().confidence() * 100) : ""));
        }
        if (r.allowed()) {
            o.println("Output: " + r.output());
            o.println("Allowed.");
        } else {
            StageResult f = r.failedStage().orElseThrow();
            o.println("Blocked by " + f.id() + " " + f.name() + ".");
        }
        o.flush();
    }

    private int batch(LoadedModel model, Pipeline pipeline) throws IOException {
        List<String> rows = BatchInputs.read(source.batch);
        PrintWriter err = spec.commandLine().getErr();
        ProgressLine progress = new ProgressLine(err, false);
        ObjectMapper mapper = JsonOutput.mapper().copy().disable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);
        BatchSummary summary;
        try (AtomicOutput file = AtomicOutput.create(out, force);
             BufferedWriter w = new BufferedWriter(new OutputStreamWriter(file.stream(), StandardCharsets.UTF_8), 1 << 16)) {
            summary = new BatchRunner(pipeline, threads != null ? threads : Runtime.getRuntime().availableProcessors())
                    .run(rows, (i, r) -> {
                        try {
                            w.write(mapper.writeValueAsString(rowRecord(mapper, i, r)));
                            w.write('\n');
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }, progress, CancellationToken.NONE);
            w.flush();
            file.commit();
        }
        progress.finish();
        PredictionAudit.recordBatch(model, summary.allowed(), summary.blocked(), "cli");
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("model", model.name());
            doc.put("rows", summary.rows());
            doc.put("allowed", summary.allowed());
            doc.put("blocked", summary.blocked());
            doc.put("totalMicros", summary.totalMicros());
            doc.put("out", out.toString());
            doc.put("stages", summary.stages());
            JsonOutput.print(o, doc);
        } else {
            o.printf(Locale.ROOT, "%d rows: %d allowed, %d blocked, in %.2f s (%.1f µs per row). Results: %s%n",
                    summary.rows(), summary.allowed(), summary.blocked(), summary.totalMicros() / 1e6,
                    summary.rows() == 0 ? 0.0 : (double) summary.totalMicros() / summary.rows(), out);
            o.printf(Locale.ROOT, "  %-4s %-20s %8s %8s %8s %8s %10s%n", "", "stage", "passed", "warned", "failed",
                    "skipped", "mean µs");
            for (Map<String, Object> s : summary.stages()) {
                o.printf(Locale.ROOT, "  %-4s %-20s %8d %8d %8d %8d %10.1f%n", s.get("id"), s.get("name"), s.get("passed"),
                        s.get("warned"), s.get("failed"), s.get("skipped"), (Double) s.get("meanMicros"));
            }
            o.flush();
        }
        return summary.blocked() == 0 ? MswCommand.EXIT_OK : MswCommand.EXIT_FAILED;
    }

    private static ObjectNode rowRecord(ObjectMapper mapper, int index, RunResult r) {
        ObjectNode n = mapper.createObjectNode();
        n.put("row", index + 1);
        n.put("allowed", r.allowed());
        n.set("prediction", mapper.valueToTree(r.prediction()));
        n.put("output", r.output());
        r.failedStage().ifPresent(f -> {
            n.put("stoppedBy", f.id());
            n.put("reason", f.reason());
            if (f.field() != null) {
                n.put("field", f.field());
            }
        });
        ArrayNode stages = n.putArray("stages");
        for (StageResult s : r.stages()) {
            stages.addObject().put("id", s.id()).put("status", s.status().label()).put("durationMicros", s.durationMicros());
        }
        if (!r.pii().isEmpty()) {
            n.set("pii", mapper.valueToTree(r.pii()));
        }
        return n;
    }
}
