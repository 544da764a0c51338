package dev.msw.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicOutputTest {
    @TempDir
    Path dir;

    @Test
    void appearsOnlyOnCommit() throws Exception {
        Path dest = dir.resolve("out.bin");
        try (AtomicOutput out = AtomicOutput.create(dest, false)) {
            out.stream().write(new byte[] {1, 2, 3});
            assertFalse(Files.exists(dest));
            out.commit();
        }
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(dest));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void closingWithoutCommitLeavesNothing() throws Exception {
        Path dest = dir.resolve("out.bin");
        try (AtomicOutput out = AtomicOutput.create(dest, false)) {
            out.stream().write(new byte[] {1});
        }
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void refusesToOverwriteUnlessForced() throws Exception {
        Path dest = dir.resolve("out.bin");
        Files.write(dest, new byte[] {9});
        UserFacingException e = assertThrows(UserFacingException.class, () -> AtomicOutput.create(dest, false));
        assertTrue(e.getMessage().contains("--force"));
        try (AtomicOutput out = AtomicOutput.create(dest, true)) {
            out.stream().write(new byte[] {7});
            out.commit();
        }
        assertArrayEquals(new byte[] {7}, Files.readAllBytes(dest));
    }
}
