package dev.msw.pipeline.stages;

import com.fasterxml.jackson.databind.JsonNode;
import dev.msw.pipeline.ModelContract;
import dev.msw.pipeline.RunState;
import dev.msw.pipeline.Span;
import dev.msw.pipeline.Stage;
import dev.msw.pipeline.StageGroup;
import dev.msw.pipeline.StageOutcome;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * IV4: text fields are normalised (Unicode NFKC by default) and then judged by an allowlist of character
 * classes first, as OWASP advises; control, invisible and bidirectional-override characters and markup are
 * refused. Injection patterns (SQL, script, templates, prompt injection) are reported as findings: the text
 * is never silently "cleaned".
 */
public final class Sanitization implements Stage {
    @Override
    public String id() {
        return "IV4";
    }

    @Override
    public String name() {
        return "Sanitization";
    }

    @Override
    public StageGroup group() {
        return StageGroup.INPUT_VALIDATION;
    }

    @Override
    public StageOutcome run(RunState s) {
        ModelContract.Sanitization rules = s.contract().sanitization();
        List<String> normalizedFields = new ArrayList<>();
        List<Map<String, Object>> findings = new ArrayList<>();
        String firstFindingField = null;
        Span firstFindingSpan = null;
        int textFields = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = s.input().fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                continue;
            }
            textFields++;
            String field = e.getKey();
            String original = e.getValue().textValue();
            String text = normalize(original, rules.unicodeNormalization());
            if (!text.equals(original)) {
                normalizedFields.add(field);
            }
            StageOutcome refused = refuse(field, text, rules);
            if (refused != null) {
                List<InjectionPatterns.Finding> f = InjectionPatterns.scan(text);
                if (!f.isEmpty()) {
                    refused.detail("findings", f.stream().map(Sanitization::describe).toList());
                }
                return refused;
            }
            for (InjectionPatterns.Finding f : InjectionPatterns.scan(text)) {
                Map<String, Object> d = describe(f);
                d.put("field", field);
                findings.add(d);
                if (firstFindingField == null) {
                    firstFindingField = field;
                    firstFindingSpan = f.span();
                }
            }
            s.texts().put(field, text);
        }
        if (textFields == 0) {
            return StageOutcome.passed("No text fields in this input; nothing to sanitize.");
        }
        if (!findings.isEmpty() && !"ignore".equals(rules.injectionPatterns())) {
            String kinds = String.join(", ", findings.stream().map(f -> (String) f.get("kind")).distinct().toList());
            String reason = "Field \"" + firstFindingField + "\" contains text that looks like an injection attempt ("
                    + kinds + "). It is passed on unchanged, as plain data.";
            StageOutcome o = "fail".equals(rules.injectionPatterns())
                    ? StageOutcome.failed(reason.replace("It is passed on unchanged, as plain data.",
                    "The contract refuses such input."))
                    : StageOutcome.warned(reason);
            return o.field(firstFindingField).span(firstFindingSpan).detail("findings", findings)
                    .detail("normalizedFields", normalizedFields);
        }
        StageOutcome ok = StageOutcome.passed(textFields + " text field" + (textFields == 1 ? "" : "s")
                + (textFields == 1 ? " contains" : " contain") + " only allowed characters" + (normalizedFields.isEmpty() ? "."
                : " after Unicode " + rules.unicodeNormalization() + " normalization (changed: "
                + String.join(", ", normalizedFields) + ")."));
        return normalizedFields.isEmpty() ? ok : ok.detail("normalizedFields", normalizedFields);
    }

    private static String normalize(String text, String form) {
        return switch (form) {
            case "NFKC" -> Normalizer.normalize(text, Normalizer.Form.NFKC);
            case "NFC" -> Normalizer.normalize(text, Normalizer.Form.NFC);
            default -> text;
        };
    }

    private static StageOutcome refuse(String field, String text, ModelContract.Sanitization rules) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int n = Character.charCount(cp);
            String problem = null;
            int type = Character.getType(cp);
            if (rules.rejectControlCharacters() && type == Character.CONTROL && cp != '\n' && cp != '\t') {
                problem = "the control character " + codePoint(cp);
            } else if (type == Character.FORMAT) {
                problem = "the invisible formatting character " + codePoint(cp) + " (" + Character.getName(cp)
                        + "), a common way to hide or reorder text";
            } else if (type == Character.SURROGATE || type == Character.UNASSIGNED || type == Character.PRIVATE_USE) {
                problem = "the character " + codePoint(cp) + ", which is unassigned, private-use or a lone surrogate";
            } else if (rules.allowedCharacter() != null && cp != '\n' && cp != '\t'
                    && !rules.allowedCharacter().matcher(new String(Character.toChars(cp))).matches()) {
                problem = "the character '" + new String(Character.toChars(cp)) + "' (" + codePoint(cp)
                        + "), which the contract's allowlist [" + rules.allowedCharacters() + "] does not include";
            }
            if (problem != null) {
                return StageOutcome.failed("Field \"" + field + "\" contains " + problem + " at position " + i + ".")
                        .field(field).span(new Span(i, i + n));
            }
            i += n;
        }
        if (rules.rejectMarkup()) {
            java.util.regex.Matcher m = InjectionPatterns.MARKUP.matcher(text);
            if (m.find()) {
                return StageOutcome.failed("Field \"" + field + "\" contains markup (" + m.group()
                        + "); the contract refuses markup in text.").field(field).span(new Span(m.start(), m.end()));
            }
        }
        return null;
    }

    private static String codePoint(int cp) {
        return String.format(Locale.ROOT, "U+%04X", cp);
    }

    private static Map<String, Object> describe(InjectionPatterns.Finding f) {
        Map<String, Object> d = new java.util.LinkedHashMap<>();
        d.put("kind", f.kind());
        d.put("start", f.span().start());
        d.put("end", f.span().end());
        d.put("text", f.excerpt());
        return d;
    }
}
