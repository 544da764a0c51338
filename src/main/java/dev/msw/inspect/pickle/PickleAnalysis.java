package dev.msw.inspect.pickle;

import dev.msw.inspect.Finding;
import java.util.List;

/**
 * What the walker learned about one pickle stream (possibly several pickles stacked).
 *
 * @param findings   unsafe or unknown callables, indirect calls, parse errors, limits hit
 * @param imports    every callable imported, with its verdict, first offset and count
 * @param calls      calls made (first {@value PickleScanner#MAX_CALLS_LISTED}); {@code callCount} counts all
 * @param values     the top-level value of each complete pickle, when values were kept (legacy reader)
 * @param complete   the whole stream was walked (no parse error, no limit hit)
 * @param parsedAsPickle at least one opcode was recognised as the start of a pickle
 */
public record PickleAnalysis(List<Finding> findings, List<ImportRecord> imports, List<CallRecord> calls,
        long callCount, long opcodes, int pickles, int maxProtocol, List<PyValue> values, boolean complete,
        boolean parsedAsPickle, long endOffset) {

    /** A callable imported by the pickle; {@code verdict} is "safe", "unknown" or "dangerous". */
    public record ImportRecord(String callable, String verdict, String severity, long firstOffset, long count,
            String why) {
    }

    /** One call the unpickler would make: the callee, the opcode that calls it, and where. */
    public record CallRecord(String callee, String opcode, long offset) {
    }
}
