package dev.msw.inspect;

/** Recognises a format from its first bytes (magic numbers and structure), never from a file name. */
public final class FormatSniffer {
    public enum Kind { MSW_CONTAINER, PICKLE, ZIP, GZIP, BZIP2, XZ, LZMA, ZLIB, SEVEN_Z, TAR, NPY, HDF5, GGUF, SAFETENSORS, JSON,
        ONNX_CANDIDATE, PICKLE_CANDIDATE, UNKNOWN }

    private static final String PROTO0_STARTS = "(c]}).NIJKMLGFSTUVXdlitpq";

    private FormatSniffer() {
    }

    public static Kind sniff(byte[] h, int n, long size) {
        if (n == 0) {
            return Kind.UNKNOWN;
        }
        int b0 = h[0] & 0xff;
        if (starts(h, n, 'M', 'S', 'W', 'C', 'R', 'Y', 'P', 'T')) {
            return Kind.MSW_CONTAINER;
        }
        if (b0 == 0x80 && n > 1 && (h[1] & 0xff) <= 5) {
            return Kind.PICKLE;
        }
        if (starts(h, n, 'P', 'K', 3, 4) || starts(h, n, 'P', 'K', 5, 6)) {
            return Kind.ZIP;
        }
        if (starts(h, n, 0x1f, 0x8b)) {
            return Kind.GZIP;
        }
        if (starts(h, n, 'B', 'Z', 'h')) {
            return Kind.BZIP2;
        }
        if (starts(h, n, 0xfd, '7', 'z', 'X', 'Z', 0)) {
            return Kind.XZ;
        }
        if (starts(h, n, '7', 'z', 0xbc, 0xaf, 0x27, 0x1c)) {
            return Kind.SEVEN_Z;
        }
        if (starts(h, n, 0x93, 'N', 'U', 'M', 'P', 'Y')) {
            return Kind.NPY;
        }
        if (starts(h, n, 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n')) {
            return Kind.HDF5;
        }
        if (starts(h, n, 'G', 'G', 'U', 'F')) {
            return Kind.GGUF;
        }
        if (n > 262 && h[257] == 'u' && h[258] == 's' && h[259] == 't' && h[260] == 'a' && h[261] == 'r') {
            return Kind.TAR;
        }
        if (n >= 9 && h[8] == '{') {
            long len = 0;
            for (int i = 7; i >= 0; i--) {
                len = (len << 8) | (h[i] & 0xff);
            }
            if (len > 1 && len <= 100L * 1024 * 1024 && (size < 0 || len + 8 <= size)) {
                return Kind.SAFETENSORS;
            }
        }
        if (n >= 2 && b0 == 0x78 && ((b0 << 8) | (h[1] & 0xff)) % 31 == 0) {
            return Kind.ZLIB;
        }
        if (n >= 13 && b0 == 0x5d && h[1] == 0 && h[2] == 0) {
            return Kind.LZMA;
        }
        if (b0 == '{' || (b0 == ' ' || b0 == '\n') && firstNonSpace(h, n) == '{') {
            return Kind.JSON;
        }
        if (b0 == 0x08 || b0 == 0x12 || b0 == 0x1a || b0 == 0x3a || b0 == 0x42) {
            return Kind.ONNX_CANDIDATE;
        }
        if (PROTO0_STARTS.indexOf(b0) >= 0) {
            return Kind.PICKLE_CANDIDATE;
        }
        return Kind.UNKNOWN;
    }

    private static int firstNonSpace(byte[] h, int n) {
        for (int i = 0; i < n; i++) {
            if (!Character.isWhitespace(h[i])) {
                return h[i];
            }
        }
        return -1;
    }

    private static boolean starts(byte[] h, int n, int... magic) {
        if (n < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((h[i] & 0xff) != (magic[i] & 0xff)) {
                return false;
            }
        }
        return true;
    }
}
