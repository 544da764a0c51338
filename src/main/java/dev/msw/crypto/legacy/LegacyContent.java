package dev.msw.crypto.legacy;

import dev.msw.inspect.Finding;
import dev.msw.inspect.Severity;
import dev.msw.inspect.pickle.PickleAnalysis;
import dev.msw.inspect.pickle.PyValue;
import java.util.List;

/**
 * A decrypted legacy file, never unpickled: the pickle bytes (zero padding removed), what the safe reader found,
 * and the value when the pickle is made only of plain containers, numbers, strings, booleans and None.
 *
 * @param plain  true when nothing beyond plain data is constructed (no import, no call): only then is
 *               {@link #value()} set and may the file be imported
 */
public record LegacyContent(byte[] pickle, PickleAnalysis analysis, List<Finding> findings, PyValue value,
        boolean plain, int paddingBytes) {

    /** The warning every reader of this format gets: CBC with zero padding has no integrity protection. */
    public static final String UNAUTHENTICATED_WARNING = "legacy, unauthenticated: AES-256-CBC with zero padding has"
            + " no integrity check, so this content may have been altered without detection";

    public boolean hasCritical() {
        return findings.stream().anyMatch(f -> f.severity() == Severity.CRITICAL);
    }
}
