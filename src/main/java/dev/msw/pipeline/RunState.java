package dev.msw.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.msw.inference.OnnxModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The working state of one run, handed from stage to stage: the raw request, the parsed input, the sanitized
 * texts, the feature vector, the prediction and the output as the output stages change it. One per run; not
 * shared between threads.
 */
public final class RunState {
    private final String raw;
    private final ModelContract contract;
    private final OnnxModel model;
    private final ObjectMapper inputMapper;
    private final Duration inferenceTimeout;
    private JsonNode input;
    private final Map<String, String> texts = new LinkedHashMap<>();
    private float[] features;
    private String featureText;
    private float[] normalized;
    private Prediction prediction;
    private String output;
    private String encodedOutput;
    private final List<PiiFinding> pii = new ArrayList<>();

    RunState(String raw, ModelContract contract, OnnxModel model, ObjectMapper inputMapper, Duration timeout) {
        this.raw = raw;
        this.contract = contract;
        this.model = model;
        this.inputMapper = inputMapper;
        this.inferenceTimeout = timeout;
    }

    public String raw() {
        return raw;
    }

    public ModelContract contract() {
        return contract;
    }

    public OnnxModel model() {
        return model;
    }

    /** The JSON reader configured for this contract's limits (used by IV1). */
    public ObjectMapper inputMapper() {
        return inputMapper;
    }

    public Duration inferenceTimeout() {
        return inferenceTimeout;
    }

    /** The parsed request (null until IV1 passes). */
    public JsonNode input() {
        return input;
    }

    public void input(JsonNode n) {
        this.input = n;
    }

    /** Text fields after IV4's normalization, by field name. */
    public Map<String, String> texts() {
        return texts;
    }

    public float[] features() {
        return features;
    }

    public void features(float[] f) {
        this.features = f;
    }

    /** The text a text model receives (after P1). */
    public String featureText() {
        return featureText;
    }

    public void featureText(String t) {
        this.featureText = t;
    }

    public float[] normalized() {
        return normalized;
    }

    public void normalized(float[] n) {
        this.normalized = n;
    }

    public Prediction prediction() {
        return prediction;
    }

    public void prediction(Prediction p) {
        this.prediction = p;
    }

    /** The response as plain text, changed by OV2 (clean-up) and OV3 (masking). */
    public String output() {
        return output;
    }

    public void output(String o) {
        this.output = o;
    }

    /** The response encoded for the contract's output context (HTML by default). */
    public String encodedOutput() {
        return encodedOutput;
    }

    public void encodedOutput(String e) {
        this.encodedOutput = e;
    }

    public List<PiiFinding> pii() {
        return pii;
    }
}
