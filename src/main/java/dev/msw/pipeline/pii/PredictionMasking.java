package dev.msw.pipeline.pii;

import dev.msw.pipeline.ModelContract;
import dev.msw.pipeline.Prediction;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Masks personal data inside a prediction's own strings (a text model's label is its reply, and its
 * probabilities are keyed by replies), so that no result leaving the pipeline carries what OV3 would mask,
 * even when the run stopped before OV3.
 */
public final class PredictionMasking {
    private static final PiiDetector DETECTOR = new PiiDetector();
    /** Labels come from a small fixed set, so their masked forms are remembered (bounded, per contract rules). */
    private static final Map<ModelContract.Pii, Map<String, String>> CACHE =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    private PredictionMasking() {
    }

    public static Prediction mask(Prediction p, ModelContract.Pii rules) {
        if (p == null || p.label() == null || rules.entities().isEmpty()) {
            return p;
        }
        Map<String, Float> probabilities = null;
        if (p.probabilities() != null) {
            probabilities = new LinkedHashMap<>();
            for (Map.Entry<String, Float> e : p.probabilities().entrySet()) {
                probabilities.put(mask(e.getKey(), rules), e.getValue());
            }
        }
        return new Prediction(mask(p.label(), rules), p.classIndex(), probabilities, p.confidence(), p.value());
    }

    public static String mask(String text, ModelContract.Pii rules) {
        Map<String, String> cache = CACHE.computeIfAbsent(rules, r -> new java.util.concurrent.ConcurrentHashMap<>());
        String known = cache.get(text);
        if (known != null) {
            return known;
        }
        String masked = maskUncached(text, rules);
        if (cache.size() < 1024) {
            cache.put(text, masked);
        }
        return masked;
    }

    private static String maskUncached(String text, ModelContract.Pii rules) {
        List<PiiMatch> found = DETECTOR.detect(text, rules.entities(), rules.phoneRegion());
        if (found.isEmpty()) {
            return text;
        }
        StringBuilder sb = new StringBuilder();
        int last = 0;
        for (PiiMatch m : found) {
            if (m.score() < rules.minScore()) {
                continue;
            }
            sb.append(text, last, m.start()).append(PiiMasker.mask(m.entity(), text.substring(m.start(), m.end()),
                    rules.maskingFor(m.entity())));
            last = m.end();
        }
        return sb.append(text.substring(last)).toString();
    }
}
