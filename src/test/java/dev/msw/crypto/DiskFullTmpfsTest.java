package dev.msw.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.msw.core.CancellationToken;
import dev.msw.core.ProgressListener;
import dev.msw.core.UserFacingException;
import dev.msw.testsupport.Peers;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A write error half-way (a full disk) leaves no partial output and the input untouched. Where this process
 * may mount file systems (root, as in the CI container) the disk really fills up: a 256 KiB tmpfs. Elsewhere
 * the same code path runs with an output stream that fails like a full disk after 100 KiB.
 */
class DiskFullTmpfsTest {
    final TestKeys keys = new TestKeys().add("team", 1, (byte) 7);

    @TempDir
    Path dir;

    @Test
    void fullDiskLeavesNoPartialOutput() throws IOException {
        byte[] plain = ArtifactRoundTripTest.random(1 << 20);
        Path in = Files.write(dir.resolve("model.bin"), plain);
        Path small = Files.createDirectories(dir.resolve("small"));
        boolean mounted = Peers.exec(30, dir, "mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", small).exitCode() == 0;
        System.out.println("DiskFullTmpfsTest: " + (mounted ? "real 256 KiB tmpfs" : "injected failing stream (cannot mount)"));
        try {
            if (mounted) {
                Path enc = small.resolve("model.bin.msw");
                UserFacingException e = assertThrows(UserFacingException.class, () -> new ArtifactEncryptor()
                        .withChunkSize(64 * 1024).encrypt(in, enc, List.of(keys.recipient("team", 1)), false,
                                ProgressListener.NONE, CancellationToken.NONE));
                assertTrue(e.getMessage().startsWith("Could not write " + enc), e.getMessage());
                assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
                try (Stream<Path> s = Files.list(small)) {
                    assertEquals(0, s.count(), "nothing is left on the full disk");
                }
                // decrypting onto the full disk fails the same way
                Path encOk = dir.resolve("model.bin.msw");
                new ArtifactEncryptor().encrypt(in, encOk, List.of(keys.recipient("team", 1)), false,
                        ProgressListener.NONE, CancellationToken.NONE);
                assertThrows(UserFacingException.class, () -> new ArtifactDecryptor().decrypt(encOk,
                        small.resolve("model.bin"), List.of(keys.identity()), false, ProgressListener.NONE,
                        CancellationToken.NONE));
                try (Stream<Path> s = Files.list(small)) {
                    assertEquals(0, s.count(), "nothing is left on the full disk");
                }
            } else {
                OutputStream fullAfter100k = new OutputStream() {
                    long written;

                    @Override
                    public void write(int b) throws IOException {
                        write(new byte[] {(byte) b}, 0, 1);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        written += len;
                        if (written > 100 * 1024) {
                            throw new IOException("No space left on device");
                        }
                    }
                };
                IOException e = assertThrows(IOException.class, () -> new ArtifactEncryptor().withChunkSize(64 * 1024)
                        .encrypt(new ByteArrayInputStream(plain), fullAfter100k, plain.length,
                                List.of(keys.recipient("team", 1)), ProgressListener.NONE, CancellationToken.NONE));
                assertTrue(e.getMessage().contains("No space left"), e.getMessage());
            }
        } finally {
            if (mounted) {
                Peers.exec(30, dir, "umount", small);
            }
        }
        assertArrayEquals(plain, Files.readAllBytes(in), "the input is untouched");
    }
}
