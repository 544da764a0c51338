package dev.msw.pipeline;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.msw.pipeline.stages.ConfidenceCheck;
import dev.msw.pipeline.stages.DataTypeCheck;
import dev.msw.pipeline.stages.FeatureExtraction;
import dev.msw.pipeline.stages.ModelInference;
import dev.msw.pipeline.stages.Normalization;
import dev.msw.pipeline.stages.OutputSanitization;
import dev.msw.pipeline.stages.PiiDetection;
import dev.msw.pipeline.stages.RangeCheck;
import dev.msw.pipeline.stages.ResponseFiltering;
import dev.msw.pipeline.stages.Sanitization;
import dev.msw.pipeline.stages.SchemaValidation;
import dev.msw.pipeline.stages.SizeLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a request through the twelve stages of a {@link LoadedModel} in order. The request's byte size is checked
 * before anything parses it (IV5's raw guard), whatever the displayed order; a failed stage stops the run and
 * every later stage is reported as skipped. A stage that throws counts as failed: bad input never escapes as
 * an exception. Thread-safe: runs share nothing but the immutable model and contract.
 */
public final class Pipeline {
    /** The twelve stages in display order. */
    public static final List<Stage> STAGES = List.of(new SchemaValidation(), new DataTypeCheck(), new RangeCheck(),
            new Sanitization(), new SizeLimits(), new FeatureExtraction(), new Normalization(), new ModelInference(),
            new ConfidenceCheck(), new OutputSanitization(), new PiiDetection(), new ResponseFiltering());

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final LoadedModel model;
    private final ObjectMapper inputMapper;
    private final Duration timeout;

    public Pipeline(LoadedModel model) {
        this(model, DEFAULT_TIMEOUT);
    }

    public Pipeline(LoadedModel model, Duration inferenceTimeout) {
        this.model = model;
        this.timeout = model.contract().inferenceTimeout() != null ? model.contract().inferenceTimeout() : inferenceTimeout;
        ModelContract.SizeLimits l = model.contract().sizeLimits();
        JsonFactory factory = JsonFactory.builder()
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)   // NaN/Infinity reach IV2, which says what is wrong
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxStringLength((int) Math.min(Integer.MAX_VALUE, l.maxRequestBytes()))
                        .maxNestingDepth(Math.max(l.maxDepth() + 1, 2))
                        .maxNumberLength(400)
                        .build())
                .build();
        this.inputMapper = JsonMapper.builder(factory)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    public LoadedModel model() {
        return model;
    }

    public RunResult run(String rawInput) {
        return run(rawInput, StageListener.NONE);
    }

    public RunResult run(String rawInput, StageListener listener) {
        Run run = begin(rawInput);
        runStages(run, 0, STAGES.size(), listener);
        return finish(run);
    }

    /**
     * Runs many requests, sending all rows that reach P3 to the model in one call (ONNX Runtime is much faster
     * per row on a batch). Each row's P3 duration is its share of that call. Results are in input order.
     */
    public List<RunResult> runAll(List<String> requests) {
        List<Run> runs = new ArrayList<>(requests.size());
        for (String r : requests) {
            Run run = begin(r);
            runStages(run, 0, INFERENCE, StageListener.NONE);
            runs.add(run);
        }
        List<Run> ready = runs.stream().filter(r -> r.stoppedBy == null).toList();
        if (!ready.isEmpty()) {
            long s0 = System.nanoTime();
            List<StageOutcome> outcomes = ModelInference.runBatch(ready.stream().map(r -> r.state).toList());
            long share = (System.nanoTime() - s0) / 1000 / ready.size();
            for (int i = 0; i < ready.size(); i++) {
                record(ready.get(i), STAGES.get(INFERENCE), outcomes.get(i).toResult(STAGES.get(INFERENCE), share),
                        StageListener.NONE);
            }
        } 
        List<RunResult> out = new ArrayList<>(runs.size());
        for (Run run : runs) {
            if (run.results.size() == INFERENCE) {
                runStages(run, INFERENCE, INFERENCE + 1, StageListener.NONE);   // skipped: stopped earlier
            }
            runStages(run, INFERENCE + 1, STAGES.size(), StageListener.NONE);
            out.add(finish(run));
        }
        return out;
    }

    private static final int INFERENCE = 7;

    /** One request in progress. */
    private static final class Run {
        final long t0 = System.nanoTime();
        final RunState state;
        final List<StageResult> results = new ArrayList<>(STAGES.size());
        StageOutcome guard;
        long guardMicros;
        String stoppedBy;

        Run(RunState state) {
            this.state = state;
        }
    }

    private Run begin(String rawInput) {
        String raw = rawInput == null ? "" : rawInput;
        Run run = new Run(new RunState(raw, model.contract(), model.onnx(), inputMapper, timeout));
        run.guard = SizeLimits.rawGuard(raw, model.contract().sizeLimits());
        run.guardMicros = (System.nanoTime() - run.t0) / 1000;
        if (run.guard != null) {
            run.stoppedBy = "IV5 (raw size guard, before parsing)";
        }
        return run;
    }

    private void runStages(Run run, int from, int to, StageListener listener) {
        for (int i = from; i < to; i++) {
            Stage stage = STAGES.get(i);
            StageResult r;
            if (run.guard != null && "IV5".equals(stage.id())) {
                listener.started(stage);
                r = run.guard.toResult(stage, run.guardMicros);
            } else if (run.stoppedBy != null) {
                r = StageOutcome.skipped("Not run: " + run.stoppedBy + " stopped the request.").toResult(stage, 0);
            } else {
                listener.started(stage);
                long s0 = System.nanoTime();
                StageOutcome o;
                try {
                    o = stage.run(run.state);
                } catch (RuntimeException | StackOverflowError e) {
                    o = StageOutcome.failed("The stage could not process this input (" + e.getClass().getSimpleName()
                            + (e.getMessage() != null ? ": " + e.getMessage() : "") + ").");
                }
                r = o.toResult(stage, (System.nanoTime() - s0) / 1000);
            }
            record(run, stage, r, listener);
        }
    }

    private static void record(Run run, Stage stage, StageResult r, StageListener listener) {
        if (r.failed() && run.stoppedBy == null) {
            run.stoppedBy = stage.id() + " (" + stage.name() + ")";
        }
        run.results.add(r);
        listener.finished(r);
    }

    private RunResult finish(Run run) {
        boolean allowed = run.stoppedBy == null;
        RunState state = run.state;
        // what leaves the pipeline never carries unmasked personal data, even if the run stopped before OV3
        Prediction reported = dev.msw.pipeline.pii.PredictionMasking.mask(state.prediction(), model.contract().pii());
        return new RunResult(model.name(), allowed, reported, List.copyOf(run.results),
                allowed ? state.output() : null, allowed ? state.encodedOutput() : null, List.copyOf(state.pii()),
                (System.nanoTime() - run.t0) / 1000);
    }
}
