package dev.msw.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.msw.core.CancellationToken;
import dev.msw.core.CancelledException;
import dev.msw.core.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFilesTest {
    @TempDir
    Path dir;

    @Test
    void sortsComponentByComponentLikePythonPaths() {
        List<String> names = new ArrayList<>(List.of("d1.txt", "d1/d2/f", "d1/B", "a.bin", "A", "d1-x"));
        names.sort(ModelFiles.PATH_ORDER);
        assertEquals(List.of("A", "a.bin", "d1/B", "d1/d2/f", "d1-x", "d1.txt"), names);
    }

    @Test
    void ignoresGitPathsIgnoredFoldersAndRefusesSymlinks() throws Exception {
        Files.createDirectories(dir.resolve("m/.github/workflows"));
        Files.createDirectories(dir.resolve("m/cache/x"));
        Files.writeString(dir.resolve("m/.github/workflows/ci.yml"), "x");
        Files.writeString(dir.resolve("m/.gitattributes"), "x");
        Files.writeString(dir.resolve("m/cache/x/blob"), "x");
        Files.writeString(dir.resolve("m/model.bin"), "x");
        Files.writeString(dir.resolve("m/.hidden"), "x");
        ModelFiles f = ModelFiles.scan(dir.resolve("m"), Set.of("cache"), false, CancellationToken.NONE);
        assertEquals(List.of(".hidden", "model.bin"), f.files());
        assertTrue(f.ignorePaths().containsAll(List.of(".git", ".github", "cache")));

        Files.createSymbolicLink(dir.resolve("m/link"), dir.resolve("m/model.bin"));
        SigningException e = assertThrows(SigningException.class,
                () -> ModelFiles.scan(dir.resolve("m"), Set.of(), false, CancellationToken.NONE));
        assertTrue(e.getMessage().contains("--allow-symlinks"), e.getMessage());
        assertEquals(List.of(".hidden", "link", "model.bin"),
                ModelFiles.scan(dir.resolve("m"), Set.of("cache"), true, CancellationToken.NONE).files());
    }

    @Test
    void parallelHashingReportsProgressAndStopsWhenCancelled() throws Exception {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Files.write(dir.resolve("f" + i), new byte[3 << 20]);
            names.add("f" + i);
        }
        AtomicLong last = new AtomicLong();
        var digests = FileDigests.sha256All(dir, names, (d, t, m) -> last.set(d), CancellationToken.NONE);
        assertEquals(6, digests.size());
        assertEquals(6L * (3 << 20), last.get());
        assertEquals(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(new byte[3 << 20])),
                java.util.HexFormat.of().formatHex(digests.get("f5")));

        // large files take the read-ahead path inside the pool; the digest must not change
        for (String n : List.of("large-a", "large-b")) {
            try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(dir.resolve(n).toFile(), "rw")) {
                f.setLength((70L << 20) + 5);
                f.seek(12345);
                f.write(n.getBytes());
            }
        }
        var large = FileDigests.sha256All(dir, List.of("large-a", "large-b"), ProgressListener.NONE, CancellationToken.NONE);
        assertEquals(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(dir.resolve("large-b")))), java.util.HexFormat.of().formatHex(large.get("large-b")));

        CancellationToken cancel = new CancellationToken();
        ProgressListener cancelOnFirst = (d, t, m) -> cancel.cancel();
        assertThrows(CancelledException.class, () -> FileDigests.sha256All(dir, names, cancelOnFirst, cancel));
        Path big = dir.resolve("big");
        Files.write(big, new byte[20 << 20]);
        CancellationToken cancel2 = new CancellationToken();
        assertThrows(CancelledException.class, () -> FileDigests.digest(big, "SHA-256", (d, t, m) -> cancel2.cancel(), cancel2));
        assertEquals(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(big))), java.util.HexFormat.of().formatHex(
                FileDigests.digest(big, "SHA-256", ProgressListener.NONE, CancellationToken.NONE)));
    }
}
