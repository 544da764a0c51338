package dev.msw.pipeline.stages;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.msw.pipeline.ModelContract;
import dev.msw.pipeline.RunState;
import dev.msw.pipeline.Stage;
import dev.msw.pipeline.StageGroup;
import dev.msw.pipeline.StageOutcome;
import java.util.ArrayList;
import java.util.List;
import org.owasp.encoder.Encode;

/**
 * OV2: the response loses control and invisible characters, is cut to the contract's length, and is encoded
 * for its destination (HTML text by default) with the OWASP Java Encoder, so a model cannot inject markup into
 * whatever shows its answer.
 */
public final class OutputSanitization implements Stage {
    @Override
    public String id() {
        return "OV2";
    }

    @Override
    public String name() {
        return "Output Sanitization";
    }

    @Override
    public StageGroup group() {
        return StageGroup.OUTPUT_VALIDATION;
    }

    @Override
    public StageOutcome run(RunState s) {
        ModelContract.OutputEncoding rules = s.contract().outputEncoding();
        String text = s.output();
        List<String> changes = new ArrayList<>();
        StringBuilder clean = new StringBuilder(text.length());
        int removed = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int type = Character.getType(cp);
            if ((type == Character.CONTROL && cp != '\n' && cp != '\t') || type == Character.FORMAT) {
                removed++;
            } else {
                clean.appendCodePoint(cp);
            }
            i += Character.charCount(cp);
        }
        if (removed > 0) {
            changes.add("removed " + removed + " control or invisible character" + (removed == 1 ? "" : "s"));
        }
        String out = clean.toString();
        if (out.length() > rules.maxLength()) {
            out = out.substring(0, rules.maxLength());
            changes.add("cut to " + rules.maxLength() + " characters");
        }
        s.output(out);
        String encoded = encode(out, rules.context());
        s.encodedOutput(encoded);
        boolean markup = InjectionPatterns.MARKUP.matcher(out).find();
        if (markup) {
            changes.add("markup in the response is encoded for " + rules.context() + ", so it shows as text");
        }
        if (changes.isEmpty()) {
            return StageOutcome.passed("The response is clean; encoded for " + rules.context() + ".")
                    .detail("encoded", encoded);
        }
        return StageOutcome.warned("The response was made safe: " + String.join("; ", changes) + ".")
                .detail("encoded", encoded).detail("changes", changes);
    }

    /** Encodes {@code text} for an output context named in contracts. */
    public static String encode(String text, String context) {
        return switch (context) {
            case "html" -> Encode.forHtml(text);
            case "html-attribute" -> Encode.forHtmlAttribute(text);
            case "javascript" -> Encode.forJavaScript(text);
            case "json" -> new String(JsonStringEncoder.getInstance().quoteAsString(text));
            default -> text;
        };
    }
}
