package dev.msw.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.msw.testsupport.Peers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds the malicious/benign corpus once per JVM with the venv's Python (src/test/python/make_inspect_corpus.py). */
public final class InspectCorpus {
    private static Path dir;

    private InspectCorpus() {
    }

    public static synchronized Path dir() throws IOException {
        if (dir == null) {
            Path d = Files.createTempDirectory("msw-inspect-corpus");
            Peers.Run run = Peers.exec(180, null, Peers.python(),
                    Path.of("src/test/python/make_inspect_corpus.py").toAbsolutePath(), d);
            if (run.exitCode() != 0) {
                throw new AssertionError("the corpus generator failed: " + run);
            }
            dir = d;
        }
        return dir;
    }

    public static JsonNode manifest() throws IOException {
        return new ObjectMapper().readTree(dir().resolve("manifest.json").toFile());
    }
}
