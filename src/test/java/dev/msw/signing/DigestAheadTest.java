package dev.msw.signing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.msw.core.CancellationToken;
import dev.msw.core.CancelledException;
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
        RawSignatures.DigestAhead ahead = RawSignatures.digestAhead(file, (done, total, what) -> { }, new CancellationToken());
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(data), ahead.join());
    }

    @Test
    void abandoningOrCancellingStopsTheHashing() throws Exception {
        Path file = dir.resolve("big.bin");
        Files.write(file, new byte[96 << 20]);   // large enough to still be hashing when abandoned
        CountDownLatch started = new CountDownLatch(1);
        RawSignatures.DigestAhead ahead = RawSignatures.digestAhead(file, (done, total, what) -> started.countDown(),
                new CancellationToken());
        assertTrue(started.await(10, TimeUnit.SECONDS));
        ahead.abandon();
        assertThrows(CancelledException.class, ahead::join);

        CancellationToken user = new CancellationToken();
        CountDownLatch again = new CountDownLatch(1);
        RawSignatures.DigestAhead second = RawSignatures.digestAhead(file, (done, total, what) -> again.countDown(), user);
        assertTrue(again.await(10, TimeUnit.SECONDS));
        user.cancel();   // the user's Cancel reaches the hashing thread through the child token
        assertThrows(CancelledException.class, second::join);
    }
}
