package dev.msw.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.msw.core.CancellationToken;
import dev.msw.core.CancelledException;
import dev.msw.core.ProgressListener;
import dev.msw.core.UserFacingException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every failure the issue lists: each is a distinct exception naming what failed, and none leaves output (or
 * a temporary file) behind.
 */
class TamperDetectionTest {
    static final int CHUNK = 64;
    static final int FULL = CHUNK + 16;
    final TestKeys keys = new TestKeys().add("team", 1, (byte) 7);
    final byte[] plain = ArtifactRoundTripTest.random(5L * CHUNK + 10);

    @TempDir
    Path dir;
    Path enc;
    Path out;
    byte[] good;
    int headerLength;

    @BeforeEach
    void encrypt() throws IOException {
        Path in = Files.write(dir.resolve("model.bin"), plain);
        enc = dir.resolve("model.bin.msw");
        out = dir.resolve("model.out");
        new ArtifactEncryptor().withChunkSize(CHUNK).encrypt(in, enc, List.of(keys.recipient("team", 1),
                new PassphraseRecipient("right passphrase".toCharArray(), TestKeys.FAST_ARGON)), false,
                ProgressListener.NONE, CancellationToken.NONE);
        good = Files.readAllBytes(enc);
        headerLength = ArtifactHeader.read(enc).length();
    }

    private <T extends Throwable> T decryptFails(Class<T> type, byte[] container, List<? extends Identity> ids)
            throws IOException {
        Files.write(enc, container);
        Executable decrypt = () -> new ArtifactDecryptor().withThreads(3).decrypt(enc, out, ids, false,
                ProgressListener.NONE, CancellationToken.NONE);
        T e = assertThrows(type, decrypt);
        assertNothingWritten();
        return e;
    }

    private <T extends Throwable> T decryptFails(Class<T> type, byte[] container) throws IOException {
        return decryptFails(type, container, List.of(keys.identity()));
    }

    private void assertNothingWritten() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            Set<String> names = s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
            assertEquals(Set.of("model.bin", "model.bin.msw"), names, "no output or temporary file may remain");
        }
        assertArrayEquals(plain, Files.readAllBytes(dir.resolve("model.bin")), "the input is untouched");
    }

    private byte[] flip(int offset) {
        byte[] b = good.clone();
        b[offset] ^= 0x10;
        return b;
    }

    @Test
    void wrongKeyringKeySaysWrongKey() throws IOException {
        TestKeys other = new TestKeys().add("team", 1, (byte) 99);
        WrongKeyException e = decryptFails(WrongKeyException.class, good, List.of(other.identity()));
        assertTrue(e.getMessage().startsWith("Wrong key for"), e.getMessage());
    }

    @Test
    void wrongPassphraseSaysWrongKey() throws IOException {
        decryptFails(WrongKeyException.class, good, List.of(new PassphraseIdentity("wrong".toCharArray())));
    }

    @Test
    void flippedBitInFixedHeaderSaysHeader() throws IOException {
        for (int offset : new int[] {12, 20, 40, 60}) {
            HeaderTamperedException e = decryptFails(HeaderTamperedException.class, flip(offset));
            assertTrue(e.getMessage().contains("header"), e.getMessage());
        }
    }

    @Test
    void flippedBitInHeaderMacSaysHeader() throws IOException {
        HeaderTamperedException e = decryptFails(HeaderTamperedException.class, flip(headerLength - 1));
        assertTrue(e.getMessage().contains("MAC"), e.getMessage());
    }

    @Test
    void flippedBitInStanzaNamesTheStanza() throws IOException {
        StanzaTamperedException first = decryptFails(StanzaTamperedException.class, flip(76 + 30));
        assertEquals(1, first.stanzaIndex());
        StanzaTamperedException second = decryptFails(StanzaTamperedException.class, flip(headerLength - 32 - 10));
        assertEquals(2, second.stanzaIndex());
        assertTrue(second.getMessage().startsWith("Key stanza 2 of"), second.getMessage());
    }

    @Test
    void flippedBitInChunkNamesTheChunk() throws IOException {
        for (int n : new int[] {0, 2, 5}) {
            ChunkTamperedException e = decryptFails(ChunkTamperedException.class, flip(headerLength + n * FULL + 3));
            assertEquals(n, e.chunkIndex());
            assertTrue(e.getMessage().startsWith("Chunk " + n + " of"), e.getMessage());
        }
    }

    @Test
    void swappedChunksAreDetected() throws IOException {
        byte[] b = good.clone();
        System.arraycopy(good, headerLength + FULL, b, headerLength + 2 * FULL, FULL);
        System.arraycopy(good, headerLength + 2 * FULL, b, headerLength + FULL, FULL);
        assertEquals(1, decryptFails(ChunkTamperedException.class, b).chunkIndex());
    }

    @Test
    void missingFinalChunkOrCutFileSaysTruncated() throws IOException {
        TruncatedException e = decryptFails(TruncatedException.class, Arrays.copyOf(good, good.length - 26));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        decryptFails(TruncatedException.class, Arrays.copyOf(good, good.length - 3));
        decryptFails(TruncatedException.class, Arrays.copyOf(good, headerLength));
        decryptFails(TruncatedException.class, Arrays.copyOf(good, headerLength - 5));
    }

    @Test
    void appendedBytesAreDetected() throws IOException {
        byte[] b = Arrays.copyOf(good, good.length + 7);
        decryptFails(TrailingDataException.class, b);
    }

    @Test
    void streamOfUnknownLengthMissingItsFinalChunkSaysTruncated() throws IOException {
        ByteArrayOutputStream container = new ByteArrayOutputStream();
        byte[] exact = ArtifactRoundTripTest.random(4L * CHUNK);
        new ArtifactEncryptor().withChunkSize(CHUNK).encrypt(new ByteArrayInputStream(exact), container,
                ArtifactHeader.UNKNOWN_LENGTH, List.of(keys.recipient("team", 1)), ProgressListener.NONE,
                CancellationToken.NONE);
        byte[] c = container.toByteArray();
        int h = ArtifactHeader.read(new ByteArrayInputStream(c), "s").length();
        for (int keepChunks : new int[] {3, 1}) {
            byte[] cut = Arrays.copyOf(c, h + keepChunks * FULL);
            ByteArrayOutputStream sink = new ByteArrayOutputStream();
            TruncatedException e = assertThrows(TruncatedException.class, () -> new ArtifactDecryptor().decrypt(
                    new ByteArrayInputStream(cut), sink, "stream", List.of(keys.identity()), ProgressListener.NONE,
                    CancellationToken.NONE));
            assertTrue(e.getMessage().contains("not the final chunk"), e.getMessage());
        }
    }

    @Test
    void notAContainerIsRefusedClearly() throws IOException {
        NotEncryptedException e = decryptFails(NotEncryptedException.class, plain);
        assertTrue(e.getMessage().contains("MSWCRYPT"), e.getMessage());
        byte[] v2 = good.clone();
        v2[8] = 2;
        decryptFails(NotEncryptedException.class, v2);
    }

    @Test
    void existingOutputIsRefusedUnlessOverwrite() throws IOException {
        Files.writeString(out, "keep me");
        UserFacingException e = assertThrows(UserFacingException.class, () -> new ArtifactDecryptor().decrypt(enc, out,
                List.of(keys.identity()), false, ProgressListener.NONE, CancellationToken.NONE));
        assertTrue(e.getMessage().startsWith("Refusing to overwrite"), e.getMessage());
        assertEquals("keep me", Files.readString(out));
        new ArtifactDecryptor().decrypt(enc, out, List.of(keys.identity()), true, ProgressListener.NONE,
                CancellationToken.NONE);
        assertArrayEquals(plain, Files.readAllBytes(out));
    }

    @Test
    void cancellingMidwayLeavesNoOutputAndTheInputUntouched() throws IOException {
        CancellationToken cancel = new CancellationToken();
        ProgressListener cancelAfterFirstChunk = (done, total, m) -> cancel.cancel();
        assertThrows(CancelledException.class, () -> new ArtifactDecryptor().withThreads(1).decrypt(enc, out,
                List.of(keys.identity()), false, cancelAfterFirstChunk, cancel));
        assertNothingWritten();
        assertArrayEquals(good, Files.readAllBytes(enc));

        CancellationToken cancel2 = new CancellationToken();
        Path enc2 = dir.resolve("again.msw");
        assertThrows(CancelledException.class, () -> new ArtifactEncryptor().withChunkSize(CHUNK).withThreads(1)
                .encrypt(dir.resolve("model.bin"), enc2, List.of(keys.recipient("team", 1)), false,
                        (d, t, m) -> cancel2.cancel(), cancel2));
        assertNothingWritten();
    }
}
