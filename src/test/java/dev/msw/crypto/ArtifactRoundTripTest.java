package dev.msw.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.msw.core.CancellationToken;
import dev.msw.core.ProgressListener;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Round trips over sizes at and around chunk boundaries, for files, streams and memory, with 1 and 3 threads. */
class ArtifactRoundTripTest {
    static final int CHUNK = 64;
    final TestKeys keys = new TestKeys().add("team", 1, (byte) 7);

    @TempDir
    Path dir;

    static Stream<Arguments> sizes() {
        Random r = new Random(42);
        LongStream fixed = LongStream.of(0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 2L * CHUNK, 37L * CHUNK + 5);
        LongStream random = r.longs(8, 0, 50L * CHUNK);
        return LongStream.concat(fixed, random).boxed()
                .flatMap(n -> Stream.of(Arguments.of(n, 1), Arguments.of(n, 3)));
    }

    @ParameterizedTest(name = "{0} bytes, {1} threads")
    @MethodSource("sizes")
    void fileRoundTrip(long size, int threads) throws IOException {
        byte[] plain = random(size);
        Path in = Files.write(dir.resolve("model.bin"), plain);
        Path enc = dir.resolve("model.bin.msw");
        Path out = dir.resolve("model.out");
        ArtifactEncryptor encryptor = new ArtifactEncryptor().withChunkSize(CHUNK).withThreads(threads);
        CryptoResult e = encryptor.encrypt(in, enc, List.of(keys.recipient("team", 1)), false, ProgressListener.NONE,
                CancellationToken.NONE);
        assertEquals(size, e.plaintextBytes());
        assertEquals(Files.size(enc), e.encryptedBytes());
        ArtifactDecryptor decryptor = new ArtifactDecryptor().withThreads(threads);
        CryptoResult d = decryptor.decrypt(enc, out, List.of(keys.identity()), false, ProgressListener.NONE,
                CancellationToken.NONE);
        assertArrayEquals(plain, Files.readAllBytes(out));
        assertEquals(size, d.plaintextBytes());
        assertEquals("key 'team' v1 (local keyring)", d.openedWith());
        assertArrayEquals(plain, decryptor.decryptToMemory(enc, List.of(keys.identity()), ProgressListener.NONE,
                CancellationToken.NONE));
    }

    @ParameterizedTest(name = "stream of {0} bytes, {1} threads")
    @MethodSource("sizes")
    void streamOfUnknownLengthRoundTrip(long size, int threads) throws IOException {
        byte[] plain = random(size);
        ByteArrayOutputStream enc = new ByteArrayOutputStream();
        new ArtifactEncryptor().withChunkSize(CHUNK).withThreads(threads).encrypt(new ByteArrayInputStream(plain), enc,
                ArtifactHeader.UNKNOWN_LENGTH, List.of(keys.recipient("team", 1)), ProgressListener.NONE,
                CancellationToken.NONE);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ArtifactDecryptor().withThreads(threads).decrypt(new ByteArrayInputStream(enc.toByteArray()), out, "stream",
                List.of(keys.identity()), ProgressListener.NONE, CancellationToken.NONE);
        assertArrayEquals(plain, out.toByteArray());
    }

    @Test
    void anyOfSeveralRecipientsOpensTheFile() throws IOException {
        byte[] plain = random(1000);
        Path in = Files.write(dir.resolve("m"), plain);
        Path enc = dir.resolve("m.msw");
        keys.add("ops", 3, (byte) 9);
        new ArtifactEncryptor().withChunkSize(CHUNK).encrypt(in, enc, List.of(keys.recipient("team", 1),
                keys.recipient("ops", 3), new PassphraseRecipient("correct horse".toCharArray(), TestKeys.FAST_ARGON)),
                false, ProgressListener.NONE, CancellationToken.NONE);
        ArtifactDecryptor d = new ArtifactDecryptor();
        TestKeys onlyOps = new TestKeys().add("ops", 3, (byte) 9);
        assertArrayEquals(plain, d.decryptToMemory(enc, List.of(onlyOps.identity()), ProgressListener.NONE,
                CancellationToken.NONE));
        assertArrayEquals(plain, d.decryptToMemory(enc, List.of(new PassphraseIdentity("correct horse".toCharArray())),
                ProgressListener.NONE, CancellationToken.NONE));
        ArtifactHeader h = ArtifactHeader.read(enc);
        assertEquals(3, h.stanzas().size());
        assertEquals(1000, h.plaintextLength());
        assertEquals(CHUNK, h.chunkSize());
        assertEquals("key 'team' v1 (local keyring) and key 'ops' v3 (local keyring) and a passphrase",
                h.describeRecipients());
    }

    @Test
    void rewrapReplacesStanzasAndKeepsPayloadBytes() throws IOException {
        byte[] plain = random(5 * CHUNK + 3);
        Path in = Files.write(dir.resolve("m"), plain);
        Path enc = dir.resolve("m.msw");
        keys.add("team", 2, (byte) 8);
        new ArtifactEncryptor().withChunkSize(CHUNK).encrypt(in, enc, List.of(keys.recipient("team", 1)), false,
                ProgressListener.NONE, CancellationToken.NONE);
        ArtifactHeader before = ArtifactHeader.read(enc);
        byte[] payloadBefore = payload(enc, before);
        ArtifactHeader after = HeaderRewriter.rewrap(enc, enc, List.of(keys.identity()),
                List.of(keys.recipient("team", 2)), true, ProgressListener.NONE, CancellationToken.NONE);
        assertEquals(List.of("team", "2"), ArtifactHeader.read(enc).stanzas().get(0).args());
        assertArrayEquals(payloadBefore, payload(enc, after));
        assertArrayEquals(before.fileId(), after.fileId());
        TestKeys onlyV2 = new TestKeys().add("team", 2, (byte) 8);
        assertArrayEquals(plain, new ArtifactDecryptor().decryptToMemory(enc, List.of(onlyV2.identity()),
                ProgressListener.NONE, CancellationToken.NONE));
    }

    static byte[] payload(Path file, ArtifactHeader h) throws IOException {
        byte[] all = Files.readAllBytes(file);
        return java.util.Arrays.copyOfRange(all, h.length(), all.length);
    }

    static byte[] random(long size) {
        byte[] b = new byte[(int) size];
        new Random(size).nextBytes(b);
        return b;
    }
}
