package dev.msw.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.owasp.encoder.Encode;

/**
 * A run written up for people and machines: JSON (the same shape as {@code msw predict --json}, plus the
 * input and contract name) or a self-contained HTML page. Everything taken from the input or the model is
 * HTML-encoded, so a hostile input cannot script the report.
 */
public final class RunReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RunReport() {
    }

    public static String json(LoadedModel model, String input, RunResult result) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("generated", Instant.now().toString());
        doc.put("model", model.name());
        doc.put("contract", model.contract().name());
        doc.put("encryptedModel", model.encrypted());
        doc.put("input", input);
        doc.put("result", result);
        try {
            return JSON.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render the run report", e);
        }
    }

    public static String html(LoadedModel model, String input, RunResult result) {
        StringBuilder h = new StringBuilder(4096);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Prediction run: ")
                .append(Encode.forHtml(model.name())).append("</title>\n<style>")
                .append("body{font-family:system-ui,sans-serif;margin:2em;color:#1f2328}")
                .append("table{border-collapse:collapse;width:100%}td,th{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}")
                .append(".passed{background:#dafbe1}.failed{background:#ffebe9}.warned{background:#fff8c5}.skipped{color:#6e7781}")
                .append("pre{background:#f6f8fa;padding:8px;white-space:pre-wrap;word-break:break-all}</style></head><body>\n");
        h.append("<h1>Prediction run: ").append(Encode.forHtml(model.name())).append("</h1>\n<p>Contract: ")
                .append(Encode.forHtml(model.contract().name())).append(model.encrypted() ? " · model decrypted in memory" : "")
                .append(" · generated ").append(Instant.now()).append("</p>\n");
        h.append("<p><strong>").append(result.allowed() ? "Allowed" : "Blocked by " + Encode.forHtml(
                result.failedStage().map(s -> s.id() + " " + s.name()).orElse(""))).append("</strong> in ")
                .append(result.totalMicros()).append(" µs</p>\n");
        if (result.prediction() != null) {
            h.append("<p>Prediction: ").append(Encode.forHtml(result.prediction().asText())).append("</p>\n");
        }
        if (result.output() != null) {
            h.append("<p>Output (after masking): </p><pre>").append(Encode.forHtml(result.output())).append("</pre>\n");
        }
        h.append("<table><tr><th>Stage</th><th>Status</th><th>Reason</th><th>Field</th><th>µs</th></tr>\n");
        for (StageResult s : result.stages()) {
            h.append("<tr class=\"").append(s.status().label()).append("\"><td>").append(s.id()).append(' ')
                    .append(Encode.forHtml(s.name())).append("</td><td>").append(s.status().label()).append("</td><td>")
                    .append(Encode.forHtml(s.reason())).append("</td><td>").append(s.field() == null ? "" : Encode.forHtml(s.field()))
                    .append("</td><td>").append(s.durationMicros()).append("</td></tr>\n");
        }
        h.append("</table>\n");
        if (!result.pii().isEmpty()) {
            h.append("<h2>Personal data found in the output</h2><ul>");
            for (PiiFinding f : result.pii()) {
                h.append("<li>").append(f.entity()).append(" at ").append(f.start()).append('–').append(f.end())
                        .append(" (score ").append(f.score()).append("), ").append(f.masking()).append(" → ")
                        .append(Encode.forHtml(f.masked())).append("</li>");
            }
            h.append("</ul>\n");
        }
        h.append("<h2>Input</h2><pre>").append(Encode.forHtml(input)).append("</pre>\n</body></html>\n");
        return h.toString();
    }
}
