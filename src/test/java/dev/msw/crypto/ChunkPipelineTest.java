package dev.msw.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.msw.core.CancellationToken;
import dev.msw.core.ProgressListener;
import dev.msw.core.UserFacingException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The two ways chunks enter the pipeline, a stream read in order and a file range read by the workers, must cut
 * the same chunks, flag the same one as last, and keep the output in order.
 */
class ChunkPipelineTest {
    private static final int CHUNK = 1000;

    @TempDir
    Path dir;

    /** A transform that records (index, last, length) and copies the chunk with its index stamped in front. */
    private static ChunkPipeline.Transform recording(List<String> seen) {
        return (index, last, in, len, out) -> {
            seen.add(index + ":" + last + ":" + len);
            out[0] = (byte) index;
            System.arraycopy(in, 0, out, 1, len);
            return len + 1;
        };
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 7 * CHUNK + 500})
    void fileRangeCutsTheSameChunksAsTheStream(int size) throws Exception {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        Path file = dir.resolve("in.bin");
        // the range starts after a 37-byte "header", as a payload does
        byte[] withHeader = new byte[37 + size];
        System.arraycopy(data, 0, withHeader, 37, size);
        Files.write(file, withHeader);

        List<String> fromStream = Collections.synchronizedList(new ArrayList<>());
        ByteArrayOutputStream streamOut = new ByteArrayOutputStream();
        try (ChunkPipeline p = new ChunkPipeline(2, CHUNK, CHUNK + 1)) {
            long n = p.run(new ByteArrayInputStream(data), recording(fromStream), (b, len) -> streamOut.write(b, 0, len),
                    ProgressListener.NONE, size, CancellationToken.NONE, new ChunkPipeline.Counter());
            assertEquals(size, n);
        }
        List<String> fromFile = Collections.synchronizedList(new ArrayList<>());
        ByteArrayOutputStream fileOut = new ByteArrayOutputStream();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
                ChunkPipeline p = new ChunkPipeline(2, CHUNK, CHUNK + 1)) {
            long n = p.run(ch, 37, size, recording(fromFile), (b, len) -> fileOut.write(b, 0, len),
                    ProgressListener.NONE, CancellationToken.NONE, new ChunkPipeline.Counter());
            assertEquals(size, n);
        }
        Collections.sort(fromStream);
        Collections.sort(fromFile);
        assertEquals(fromStream, fromFile);
        assertEquals(1, fromFile.stream().filter(s -> s.contains(":true:")).count(), fromFile.toString());
        assertArrayEquals(streamOut.toByteArray(), fileOut.toByteArray());
    }

    @Test
    void aFileThatShrinksWhileReadIsReportedAsChanged() throws Exception {
        Path file = dir.resolve("shrinks.bin");
        Files.write(file, new byte[10 * CHUNK]);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
                ChunkPipeline p = new ChunkPipeline(2, CHUNK, CHUNK + 1)) {
            try (RandomAccessFile other = new RandomAccessFile(file.toFile(), "rw")) {
                other.setLength(4 * CHUNK + 10);
            }
            UserFacingException e = assertThrows(UserFacingException.class, () -> p.run(ch, 0, 10 * CHUNK,
                    recording(new ArrayList<>()), (b, len) -> { }, ProgressListener.NONE, CancellationToken.NONE,
                    new ChunkPipeline.Counter()));
            assertTrue(e.getMessage().contains("changed while it was being read"), e.getMessage());
            assertTrue(e.getMessage().contains("4010 of the 10000 bytes"), e.getMessage());
        }
    }
}
