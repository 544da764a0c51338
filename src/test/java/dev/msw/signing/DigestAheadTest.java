package dev.msw.signing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.msw.core.CancellationToken;
import dev.msw.core.CancelledException;
import dev.msw.core.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SHA-256 that 'msw sign' computes while it reads the key. */
class DigestAheadTest {
    @TempDir
    Path dir;

    @Test
    void theDigestIsTheFilesSha256() throws Exception {
        byte[] data = new byte[(3 << 20) + 17];   // several 1 MiB shards and a tail
        new Random(3).nextBytes(data);
        Path file = Files.write(dir.resolve("model.bin"), data);
        DigestAhead ahead = RawSignatures.digestAhead(file, (done, total, what) -> { }, new CancellationToken());
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(data), ahead.join(new CancellationToken()));
    }

    @Test
    void abandoningOrCancellingStopsTheHashing() throws Exception {
        Path file = dir.resolve("big.bin");
        Files.write(file, new byte[96 << 20]);   // large enough to still be hashing when abandoned
        CountDownLatch started = new CountDownLatch(1);
        DigestAhead ahead = RawSignatures.digestAhead(file, (done, total, what) -> started.countDown(),
                new CancellationToken());
        assertTrue(started.await(10, TimeUnit.SECONDS));
        ahead.abandon();
        assertThrows(CancelledException.class, () -> ahead.join(new CancellationToken()));

        CancellationToken user = new CancellationToken();
        CountDownLatch again = new CountDownLatch(1);
        DigestAhead second = RawSignatures.digestAhead(file, (done, total, what) -> again.countDown(), user);
        assertTrue(again.await(10, TimeUnit.SECONDS));
        user.cancel();   // the user's Cancel reaches the hashing thread through the child token
        assertThrows(CancelledException.class, () -> second.join(new CancellationToken()));
    }

    @Test
    void aDigestBegunAtLaunchIsTakenOnlyForTheSameUnchangedFile() throws Exception {
        byte[] data = new byte[(int) EarlyDigests.WORTH_IT + 4096];
        new Random(5).nextBytes(data);
        Path big = Files.write(dir.resolve("big.bin"), data);
        Path small = Files.write(dir.resolve("small.pem"), new byte[100]);
        EarlyDigests.startFor(new String[] {"sign", small.toString(), "--key", big.toString(), "-o", "x.sig"});
        assertNull(EarlyDigests.take(small, ProgressListener.NONE), "small files are not hashed early");
        long[] reported = {0};
        DigestAhead early = EarlyDigests.take(dir.resolve(".").resolve("big.bin"), (d, t, m) -> reported[0] = d);
        assertNotNull(early, "the same file by another spelling of its path");
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(data), early.join(new CancellationToken()));
        assertNull(EarlyDigests.take(big, ProgressListener.NONE), "taken once");

        // a file that changed after its early digest began is hashed afresh
        EarlyDigests.startFor(new String[] {big.toString()});
        data[0] ^= 1;
        Files.write(big, data);
        Files.setLastModifiedTime(big, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
        assertNull(EarlyDigests.take(big, ProgressListener.NONE));
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(data),
                RawSignatures.digestAhead(big, ProgressListener.NONE, new CancellationToken()).join(new CancellationToken()));
    }

    @Test
    void theCommandsCancelStopsAnEarlyDigest() throws Exception {
        Path big = Files.write(dir.resolve("big.bin"), new byte[96 << 20]);
        EarlyDigests.startFor(new String[] {big.toString()});
        CancellationToken user = new CancellationToken();
        user.cancel();
        DigestAhead early = EarlyDigests.take(big, ProgressListener.NONE);
        assertNotNull(early);
        assertThrows(CancelledException.class, () -> early.join(user));
        EarlyDigests.abandonAll();
    }
}
