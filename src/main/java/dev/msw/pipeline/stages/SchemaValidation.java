package dev.msw.pipeline.stages;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.ValidationMessage;
import dev.msw.pipeline.RunState;
import dev.msw.pipeline.Stage;
import dev.msw.pipeline.StageGroup;
import dev.msw.pipeline.StageOutcome;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/** IV1: the request parses as JSON (strictly: no duplicate keys, bounded depth) and matches the input schema. */
public final class SchemaValidation implements Stage {
    @Override
    public String id() {
        return "IV1";
    }

    @Override
    public String name() {
        return "Schema Validation";
    }

    @Override
    public StageGroup group() {
        return StageGroup.INPUT_VALIDATION;
    }

    @Override
    public StageOutcome run(RunState s) {
        JsonNode input;
        try {
            input = s.inputMapper().readTree(s.raw());
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            return StageOutcome.failed("The input is not valid JSON" + where + ": " + e.getOriginalMessage())
                    .detail("line", e.getLocation() == null ? 0 : e.getLocation().getLineNr());
        }
        if (input == null || input.isMissingNode()) {
            return StageOutcome.failed("The input is empty; expected a JSON object such as "
                    + example(s));
        }
        Set<ValidationMessage> problems = s.contract().inputSchema().validate(input);
        if (!problems.isEmpty()) {
            List<ValidationMessage> sorted = new ArrayList<>(problems);
            sorted.sort(Comparator.comparing(m -> m.getInstanceLocation().toString()));
            ValidationMessage first = sorted.get(0);
            List<String> all = sorted.stream().map(ValidationMessage::getMessage).limit(20).toList();
            return StageOutcome.failed("The input does not match the model's schema: " + first.getMessage()
                            + (sorted.size() > 1 ? " (and " + (sorted.size() - 1) + " more)" : ""))
                    .field(pointer(first))
                    .detail("problems", all);
        }
        s.input(input);
        return StageOutcome.passed("The input matches the model's schema (" + input.size() + (input.size() == 1 ? " field)." : " fields)."));
    }

    private static String example(RunState s) {
        StringBuilder sb = new StringBuilder("{");
        for (String f : s.contract().features().fields()) {
            if (sb.length() > 1) {
                sb.append(", ");
            }
            sb.append('"').append(f).append("\": ").append("string".equals(s.contract().types().get(f)) ? "\"…\"" : "1.0");
        }
        return sb.append('}').toString();
    }

    /** The offending field: the instance location, or the missing/extra property named in the message. */
    static String pointer(ValidationMessage m) {
        String p = m.getInstanceLocation().toString().replaceFirst("^\\$", "")
                .replaceAll("\\[(\\d+)]", ".$1").replace('.', '/');
        if (m.getProperty() != null && ("required".equals(m.getType()) || "additionalProperties".equals(m.getType()))) {
            p = p + "/" + m.getProperty();
        }
        return p.isEmpty() ? null : p;
    }
}
