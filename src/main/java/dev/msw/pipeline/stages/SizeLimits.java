package dev.msw.pipeline.stages;

import com.fasterxml.jackson.databind.JsonNode;
import dev.msw.pipeline.ModelContract;
import dev.msw.pipeline.RunState;
import dev.msw.pipeline.Stage;
import dev.msw.pipeline.StageGroup;
import dev.msw.pipeline.StageOutcome;
import java.util.Iterator;
import java.util.Map;

/**
 * IV5: request size, string lengths, array lengths and nesting depth within the contract's limits. The byte
 * limit is also enforced before any parsing by {@link #rawGuard} (the pipeline calls it first), and the JSON
 * reader itself refuses strings longer than the request limit, so a huge request never gets parsed.
 */
public final class SizeLimits implements Stage {
    @Override
    public String id() {
        return "IV5";
    }

    @Override
    public String name() {
        return "Size Limits";
    }

    @Override
    public StageGroup group() {
        return StageGroup.INPUT_VALIDATION;
    }

    /** The pre-parse check: null when the raw request is small enough, else the failure. */
    public static StageOutcome rawGuard(String raw, ModelContract.SizeLimits limits) {
        long bytes = utf8Length(raw, limits.maxRequestBytes());
        if (bytes > limits.maxRequestBytes()) {
            return StageOutcome.failed("The request is " + (bytes > limits.maxRequestBytes() * 4L ? "over " : "")
                            + dev.msw.core.Sizes.human(bytes) + ", more than the " + dev.msw.core.Sizes.human(limits.maxRequestBytes())
                            + " this model accepts; it was rejected before parsing.")
                    .detail("requestBytes", bytes).detail("maxRequestBytes", limits.maxRequestBytes());
        }
        return null;
    }

    /** UTF-8 length, counting no further than a little past {@code limit} (a 10 MB string costs nothing). */
    static long utf8Length(String s, long limit) {
        if (s.length() > limit) {
            return s.length();
        }
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    @Override
    public StageOutcome run(RunState s) {
        ModelContract.SizeLimits l = s.contract().sizeLimits();
        StageOutcome o = walk(s.input(), "", 1, l);
        if (o != null) {
            return o;
        }
        return StageOutcome.passed("Within limits: " + utf8Length(s.raw(), l.maxRequestBytes())
                + " of " + l.maxRequestBytes() + " bytes, strings up to " + l.maxStringLength()
                + " characters, arrays up to " + l.maxArrayLength() + " items.");
    }

    private static StageOutcome walk(JsonNode n, String path, int depth, ModelContract.SizeLimits l) {
        if (depth > l.maxDepth()) {
            return StageOutcome.failed("The input nests " + depth + " levels deep at " + (path.isEmpty() ? "the top" : path)
                    + "; at most " + l.maxDepth() + " are allowed.").field(path);
        }
        if (n.isTextual()) {
            int len = n.textValue().codePointCount(0, n.textValue().length());
            if (len > l.maxStringLength()) {
                return StageOutcome.failed("Field \"" + path.substring(1) + "\" is " + len + " characters long; at most "
                        + l.maxStringLength() + " are allowed.").field(path).detail("length", len)
                        .detail("maxStringLength", l.maxStringLength());
            }
        } else if (n.isArray()) {
            if (n.size() > l.maxArrayLength()) {
                return StageOutcome.failed("Field \"" + path.substring(1) + "\" is an array of " + n.size()
                                + " items; at most " + l.maxArrayLength() + " are allowed.").field(path)
                        .detail("length", n.size()).detail("maxArrayLength", l.maxArrayLength());
            }
            for (int i = 0; i < n.size(); i++) {
                StageOutcome o = walk(n.get(i), path + "/" + i, depth + 1, l);
                if (o != null) {
                    return o;
                }
            }
        } else if (n.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                StageOutcome o = walk(e.getValue(), path + "/" + e.getKey(), depth + 1, l);
                if (o != null) {
                    return o;
                }
            }
        }
        return null;
    }
}
