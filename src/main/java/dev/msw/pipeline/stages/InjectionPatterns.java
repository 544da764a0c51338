package dev.msw.pipeline.stages;

import dev.msw.pipeline.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognisable injection attempts in text (SQL, markup and script, template and shell syntax, path traversal,
 * prompt injection). Used to report findings, never to "clean" text: the allowlist decides what is accepted.
 */
final class InjectionPatterns {
    record Finding(String kind, Span span, String excerpt) {
    }

    private record Rule(String kind, Pattern pattern) {
    }

    private static final List<Rule> RULES = List.of(
            new Rule("sql", Pattern.compile("(?i)\\b(union\\s+(all\\s+)?select|select\\s+[\\w*,\\s]+\\s+from|insert\\s+into"
                    + "|drop\\s+(table|database)|delete\\s+from|update\\s+\\w+\\s+set|exec(ute)?\\s+xp_)\\b")),
            new Rule("sql", Pattern.compile("(?i)'\\s*(or|and)\\s+'?\\w*'?\\s*=\\s*'?\\w*|;\\s*--|'\\s*--|/\\*.*?\\*/")),
            new Rule("markup", Pattern.compile("<\\s*/?\\s*[a-zA-Z!?][^>]*>?")),
            new Rule("script", Pattern.compile("(?i)javascript\\s*:|\\bon(error|load|click|mouseover)\\s*=")),
            new Rule("template", Pattern.compile("\\{\\{.*?}}|\\$\\{.*?}|<%.*?%>")),
            new Rule("shell", Pattern.compile("(?i)(;|&&|\\|\\|?)\\s*(rm|cat|curl|wget|nc|bash|sh|powershell)\\b|\\$\\(|`")),
            new Rule("path-traversal", Pattern.compile("\\.\\.[/\\\\]")),
            new Rule("prompt-injection", Pattern.compile("(?i)\\b(ignore|disregard|forget)\\s+(all\\s+)?(the\\s+)?"
                    + "(previous|prior|above|earlier)\\s+(instructions|prompts?|rules)")));

    private InjectionPatterns() {
    }

    static List<Finding> scan(String text) {
        List<Finding> out = new ArrayList<>();
        for (Rule r : RULES) {
            Matcher m = r.pattern().matcher(text);
            while (m.find() && out.size() < 50) {
                String ex = m.group();
                out.add(new Finding(r.kind(), new Span(m.start(), m.end()), ex.length() > 40 ? ex.substring(0, 40) + "…" : ex));
            }
        }
        out.sort((a, b) -> Integer.compare(a.span().start(), b.span().start()));
        return out;
    }

    static final Pattern MARKUP = Pattern.compile("<\\s*/?\\s*[a-zA-Z!?][^>]*>|&#?\\w+;");
}
