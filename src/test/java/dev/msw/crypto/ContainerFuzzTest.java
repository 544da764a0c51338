package dev.msw.crypto;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.msw.core.CancellationToken;
import dev.msw.core.ProgressListener;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The container reader (header, stanzas, payload) answers any input with an {@link ArtifactException} or a
 * correct plaintext, never another exception. Jazzer explores with {@code JAZZER_FUZZ=1}; the regression run
 * and the documented test vector (as a seed with its key) run in CI.
 */
class ContainerFuzzTest {
    private static final TestKeys KEYS = new TestKeys().add("team", 1, (byte) 0x80);

    @FuzzTest(maxDuration = "10s")
    void readerOnlyThrowsArtifactExceptions(FuzzedDataProvider data) throws IOException {
        open(data.consumeRemainingAsBytes());
    }

    @Test
    void documentedVectorAndItsPrefixesAreHandled() throws IOException {
        byte[] container = HexFormat.of().parseHex(FormatTestVectorsTest.documented().get("container"));
        for (int n = 0; n <= container.length; n++) {
            open(java.util.Arrays.copyOf(container, n));
        }
    }

    private static void open(byte[] input) throws IOException {
        try {
            new ArtifactDecryptor().withThreads(2).decryptToMemory(new ByteArrayInputStream(input), "fuzz", input.length,
                    List.of(KEYS.identity(), new PassphraseIdentity("correct horse battery staple".toCharArray())),
                    ProgressListener.NONE, CancellationToken.NONE);
        } catch (ArtifactException expected) {
            // a named failure is the right answer to damaged input
        }
    }
}
