package dev.msw.pipeline.stages;

import dev.msw.pipeline.ModelContract;
import dev.msw.pipeline.PiiFinding;
import dev.msw.pipeline.RunState;
import dev.msw.pipeline.Stage;
import dev.msw.pipeline.StageGroup;
import dev.msw.pipeline.StageOutcome;
import dev.msw.pipeline.pii.PiiDetector;
import dev.msw.pipeline.pii.PiiMasker;
import dev.msw.pipeline.pii.PiiMatch;
import java.util.List;
import java.util.stream.Collectors;

/**
 * OV3: finds personal data and secrets in the response ({@link PiiDetector}) and masks each find as the
 * contract says; with {@code "action": "block"} a response containing any is withheld instead.
 */
public final class PiiDetection implements Stage {
    private static final PiiDetector DETECTOR = new PiiDetector();

    @Override
    public String id() {
        return "OV3";
    }

    @Override
    public String name() {
        return "PII Detection";
    }

    @Override
    public StageGroup group() {
        return StageGroup.OUTPUT_VALIDATION;
    }

    @Override
    public StageOutcome run(RunState s) {
        ModelContract.Pii rules = s.contract().pii();
        if (rules.entities().isEmpty()) {
            return StageOutcome.passed("The contract asks for no PII detection.");
        }
        String text = s.output();
        List<PiiMatch> found = DETECTOR.detect(text, rules.entities(), rules.phoneRegion()).stream()
                .filter(m -> m.score() >= rules.minScore()).toList();
        if (found.isEmpty()) {
            return StageOutcome.passed("No personal data or secrets found (checked: "
                    + String.join(", ", rules.entities()) + ").");
        }
        StringBuilder masked = new StringBuilder();
        int last = 0;
        for (PiiMatch m : found) {
            String mode = rules.maskingFor(m.entity());
            String replacement = PiiMasker.mask(m.entity(), text.substring(m.start(), m.end()), mode);
            s.pii().add(new PiiFinding(m.entity(), m.start(), m.end(), m.score(), mode, replacement));
            masked.append(text, last, m.start()).append(replacement);
            last = m.end();
        }
        masked.append(text.substring(last));
        String summary = s.pii().stream().collect(Collectors.groupingBy(PiiFinding::entity, java.util.TreeMap::new,
                Collectors.counting())).entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", "));
        PiiFinding first = s.pii().get(0);
        if ("block".equals(rules.action())) {
            return StageOutcome.failed("The response contains personal data or secrets (" + summary
                    + "); the contract blocks such responses.").span(first.span()).detail("findings", List.copyOf(s.pii()));
        }
        s.output(masked.toString());
        s.encodedOutput(OutputSanitization.encode(s.output(), s.contract().outputEncoding().context()));
        return StageOutcome.warned("Found and masked " + summary + ".").span(first.span())
                .detail("findings", List.copyOf(s.pii())).detail("masked", s.output());
    }
}
