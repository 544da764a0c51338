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
        long t0 = System.nanoTime();
        String raw = rawInput == null ? "" : rawInput;
        RunState state = new RunState(raw, model.contract(), model.onnx(), inputMapper, timeout);
        List<StageResult> results = new ArrayList<>(STAGES.size());
        String stoppedBy = null;
        StageOutcome guard = SizeLimits.rawGuard(raw, model.contract().sizeLimits());
        long guardMicros = (System.nanoTime() - t0) / 1000;
        if (guard != null) {
            stoppedBy = "IV5 (raw size guard, before parsing)";
        }
        for (Stage stage : STAGES) {
            StageResult r;
            if (guard != null && "IV5".equals(stage.id())) {
                listener.started(stage);
                r = guard.toResult(stage, guardMicros);
            } else if (stoppedBy != null) {
                r = StageOutcome.skipped("Not run: " + stoppedBy + " stopped the request.").toResult(stage, 0);
            } else {
                listener.started(stage);
                long s0 = System.nanoTime();
                StageOutcome o;
                try {
                    o = stage.run(state);
                } catch (RuntimeException | StackOverflowError e) {
                    o = StageOutcome.failed("The stage could not process this input (" + e.getClass().getSimpleName()
                            + (e.getMessage() != null ? ": " + e.getMessage() : "") + ").");
                }
                r = o.toResult(stage, (System.nanoTime() - s0) / 1000);
                if (r.failed()) {
                    stoppedBy = stage.id() + " (" + stage.name() + ")";
                }
            }
            results.add(r);
            listener.finished(r);
        }
        boolean allowed = stoppedBy == null;
        return new RunResult(model.name(), allowed, state.prediction(), List.copyOf(results),
                allowed ? state.output() : null, allowed ? state.encodedOutput() : null, List.copyOf(state.pii()),
                (System.nanoTime() - t0) / 1000);
    }
}
