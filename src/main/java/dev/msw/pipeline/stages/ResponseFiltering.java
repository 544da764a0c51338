package dev.msw.pipeline.stages;

import dev.msw.pipeline.ModelContract;
import dev.msw.pipeline.Prediction;
import dev.msw.pipeline.RunState;
import dev.msw.pipeline.Span;
import dev.msw.pipeline.Stage;
import dev.msw.pipeline.StageGroup;
import dev.msw.pipeline.StageOutcome;
import java.text.Normalizer;
import java.util.Locale;

/**
 * OV4: the response is withheld when its label is blocked or not among the allowed labels, or when it
 * contains a blocked term (compared after NFKC normalization and case folding, so look-alike letters do not
 * slip through).
 */
public final class ResponseFiltering implements Stage {
    @Override
    public String id() {
        return "OV4";
    }

    @Override
    public String name() {
        return "Response Filtering";
    }

    @Override
    public StageGroup group() {
        return StageGroup.OUTPUT_VALIDATION;
    }

    @Override
    public StageOutcome run(RunState s) {
        ModelContract.ResponseFilters f = s.contract().responseFilters();
        Prediction p = s.prediction();
        if (p.label() != null) {
            if (f.blockedLabels().contains(p.label())) {
                return StageOutcome.failed("The label \"" + p.label() + "\" is blocked by the contract; the response is withheld.")
                        .detail("label", p.label());
            }
            if (!f.allowedLabels().isEmpty() && !f.allowedLabels().contains(p.label())) {
                return StageOutcome.failed("The label \"" + p.label() + "\" is not among the allowed labels "
                        + f.allowedLabels() + "; the response is withheld.").detail("label", p.label());
            }
        }
        String folded = fold(s.output());
        for (String term : f.blockedTerms()) {
            int at = folded.indexOf(fold(term));
            if (at >= 0) {
                return StageOutcome.failed("The response contains the blocked term \"" + term + "\"; it is withheld.")
                        .span(new Span(at, Math.min(s.output().length(), at + term.length()))).detail("term", term);
            }
        }
        int rules = f.blockedLabels().size() + f.blockedTerms().size() + (f.allowedLabels().isEmpty() ? 0 : 1);
        return StageOutcome.passed(rules == 0 ? "The contract sets no response filters."
                : "The response passes " + rules + " filter rule" + (rules == 1 ? "" : "s") + ".");
    }

    private static String fold(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }
}
