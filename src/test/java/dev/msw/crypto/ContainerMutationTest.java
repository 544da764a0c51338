package dev.msw.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.msw.core.CancellationToken;
import dev.msw.core.ProgressListener;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random damage anywhere in a container (flipped bits, overwritten bytes, cuts, insertions) is always reported
 * as an {@link ArtifactException} — never another exception, never a wrong plaintext.
 */
class ContainerMutationTest {
    @Test
    void everyMutationIsRejectedCleanly() throws IOException {
        TestKeys keys = new TestKeys().add("team", 1, (byte) 7);
        byte[] plain = ArtifactRoundTripTest.random(700);
        ByteArrayOutputStream enc = new ByteArrayOutputStream();
        new ArtifactEncryptor().withChunkSize(64).encrypt(new ByteArrayInputStream(plain), enc, plain.length,
                List.of(keys.recipient("team", 1), new PassphraseRecipient("pw".toCharArray(), TestKeys.FAST_ARGON)),
                ProgressListener.NONE, CancellationToken.NONE);
        byte[] good = enc.toByteArray();
        Random r = new Random(2024);
        for (int i = 0; i < 400; i++) {
            byte[] bad = mutate(good, r);
            if (java.util.Arrays.equals(bad, good)) {
                continue;
            }
            try {
                byte[] out = new ArtifactDecryptor().withThreads(2).decryptToMemory(new ByteArrayInputStream(bad),
                        "mutant " + i, bad.length, List.of(keys.identity()), ProgressListener.NONE,
                        CancellationToken.NONE);
                assertArrayEquals(plain, out, "a mutated container decrypted to something else (mutant " + i + ")");
                fail("mutant " + i + " decrypted although it differs from the original");
            } catch (ArtifactException expected) {
                // the only acceptable outcome
            }
        }
    }

    private static byte[] mutate(byte[] good, Random r) {
        byte[] b = good.clone();
        int pos = r.nextInt(b.length);
        switch (r.nextInt(4)) {
            case 0 -> b[pos] ^= (byte) (1 << r.nextInt(8));
            case 1 -> b[pos] = (byte) r.nextInt(256);
            case 2 -> b = java.util.Arrays.copyOf(b, pos);
            default -> {
                byte[] longer = new byte[b.length + 1];
                System.arraycopy(b, 0, longer, 0, pos);
                longer[pos] = (byte) r.nextInt(256);
                System.arraycopy(b, pos, longer, pos + 1, b.length - pos);
                b = longer;
            }
        }
        return b;
    }
}
