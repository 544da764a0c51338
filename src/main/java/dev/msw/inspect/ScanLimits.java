package dev.msw.inspect;

/**
 * Resource limits for one scan. Hitting a limit stops that part of the analysis and is reported as a warning
 * (the scan is incomplete); it is not a malware verdict.
 *
 * @param maxOpcodes       pickle opcodes per file or member
 * @param maxMemo          pickle memo entries
 * @param maxStackDepth    pickle stack entries plus marks
 * @param maxDecompressed  bytes read out of one compressed wrapper
 * @param maxNesting       archive/wrapper nesting depth and ONNX subgraph depth
 * @param maxValueNodes    nodes kept when a value tree is extracted (legacy reader)
 */
public record ScanLimits(long maxOpcodes, int maxMemo, int maxStackDepth, long maxDecompressed, int maxNesting,
        int maxValueNodes) {

    public static ScanLimits defaults() {
        return new ScanLimits(200_000_000L, 5_000_000, 1_000_000, 64L << 30, 16, 2_000_000);
    }

    public ScanLimits withMaxOpcodes(long n) {
        return new ScanLimits(n, maxMemo, maxStackDepth, maxDecompressed, maxNesting, maxValueNodes);
    }

    public ScanLimits withMaxMemo(int n) {
        return new ScanLimits(maxOpcodes, n, maxStackDepth, maxDecompressed, maxNesting, maxValueNodes);
    }

    public ScanLimits withMaxStackDepth(int n) {
        return new ScanLimits(maxOpcodes, maxMemo, n, maxDecompressed, maxNesting, maxValueNodes);
    }

    public ScanLimits withMaxDecompressed(long n) {
        return new ScanLimits(maxOpcodes, maxMemo, maxStackDepth, n, maxNesting, maxValueNodes);
    }
}
