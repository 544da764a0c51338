package dev.msw.inspect.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.msw.core.CancellationToken;
import dev.msw.inspect.ArtifactReport;
import dev.msw.inspect.ScanContext;
import dev.msw.inspect.ScanLimits;
import dev.msw.inspect.formats.GgufFormat;
import dev.msw.inspect.formats.OnnxFormat;
import dev.msw.inspect.formats.SafetensorsFormat;
import dev.msw.inspect.pickle.CallablePolicy;
import dev.msw.inspect.pickle.PickleScanner;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Jazzer fuzz targets for the parsers that read untrusted bytes. In a normal test run each target replays its
 * seeds (src/test/resources/dev/msw/inspect/fuzz/ParserFuzzTestInputs/&lt;target&gt;); with JAZZER_FUZZ=1 it
 * fuzzes. A parser may report a malformed input as IOException (the inspector turns it into a finding); any other
 * exception, a hang or an OutOfMemoryError is a bug.
 */
class ParserFuzzTest {
    private static final ScanLimits LIMITS = ScanLimits.defaults().withMaxOpcodes(1_000_000).withMaxMemo(100_000)
            .withMaxStackDepth(100_000).withMaxDecompressed(16 << 20);

    private static final ScanContext CONTEXT = new ScanContext() {
        @Override
        public CallablePolicy policy() {
            return new CallablePolicy(false);
        }

        @Override
        public ScanLimits limits() {
            return LIMITS;
        }

        @Override
        public CancellationToken cancel() {
            return CancellationToken.NONE;
        }

        @Override
        public ArtifactReport scanMember(ArtifactReport parent, String name, InputStream in, long size, int depth) {
            return parent;
        }
    };

    @FuzzTest(maxDuration = "30s")
    void pickle(byte[] data) throws IOException {
        new PickleScanner(new CallablePolicy(false), LIMITS, false).scan(new ByteArrayInputStream(data), CancellationToken.NONE);
        new PickleScanner(new CallablePolicy(true), LIMITS.withMaxOpcodes(10_000), true)
                .scan(new ByteArrayInputStream(data), CancellationToken.NONE);
    }

    @FuzzTest(maxDuration = "30s")
    void onnx(byte[] data) throws IOException {
        OnnxFormat.scan(new ArtifactReport("fuzz.onnx"), new ByteArrayInputStream(data), data.length, null, CONTEXT);
    }

    @FuzzTest(maxDuration = "30s")
    void safetensors(byte[] data) {
        try {
            SafetensorsFormat.scan(new ArtifactReport("fuzz.safetensors"), new ByteArrayInputStream(data), data.length);
        } catch (IOException expected) {
            // truncated input: reported by the inspector as a finding
        }
    }

    @FuzzTest(maxDuration = "30s")
    void gguf(byte[] data) {
        try {
            GgufFormat.scan(new ArtifactReport("fuzz.gguf"), new ByteArrayInputStream(data), data.length);
        } catch (IOException expected) {
            // truncated or implausible input: reported by the inspector as a finding
        }
    }
}
