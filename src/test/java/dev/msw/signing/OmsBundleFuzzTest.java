package dev.msw.signing;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Signature files come from other people: whatever bytes they hold, parsing a bundle and its in-toto statement
 * either succeeds or fails with a {@link SigningException} that explains it — never another exception. Runs the
 * seed inputs in normal test runs; {@code JAZZER_FUZZ=1} fuzzes for real.
 */
class OmsBundleFuzzTest {
    @FuzzTest(maxDuration = "20s")
    void bundleAndStatementParsingFailOnlyWithAnExplanation(byte[] data) {
        try {
            OmsBundle b = OmsBundle.parse(data, "fuzz.sig");
            ModelSignatures.ParsedStatement.parse(b.payload(), Path.of("fuzz.sig"));
        } catch (SigningException expected) {
            // the explained refusal
        }
        try {
            ModelSignatures.ParsedStatement.parse(data, Path.of("fuzz.sig"));
        } catch (SigningException expected) {
            // the explained refusal
        }
    }

    @FuzzTest(maxDuration = "20s")
    void textAroundABundleIsHandled(String text) {
        byte[] data = ("{\"mediaType\":\"" + OmsBundle.MEDIA_TYPE + "\",\"dsseEnvelope\":{\"payloadType\":\""
                + OmsBundle.PAYLOAD_TYPE + "\",\"payload\":\"" + text + "\",\"signatures\":[{\"sig\":\"" + text + "\"}]}}")
                .getBytes(StandardCharsets.UTF_8);
        try {
            OmsBundle.parse(data, "fuzz.sig");
        } catch (SigningException expected) {
            // the explained refusal
        }
    }
}
