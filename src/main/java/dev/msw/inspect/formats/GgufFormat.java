package dev.msw.inspect.formats;

import dev.msw.inspect.ArtifactReport;
import dev.msw.inspect.Severity;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * GGUF (llama.cpp): header, key/value table and tensor table sanity — magic, version, counts, string and array
 * lengths, alignment, tensor offsets and sizes within the data section, arithmetic overflow. Tensor data is
 * skipped.
 */
public final class GgufFormat {
    private static final long MAX_COUNT = 1_000_000;
    private static final long MAX_STRING = 1 << 20;
    private static final long MAX_ARRAY = 50_000_000;
    /** ggml type → {block size in elements, bytes per block}. */
    private static final Map<Integer, int[]> TYPES = Map.ofEntries(Map.entry(0, new int[] {1, 4}),
            Map.entry(1, new int[] {1, 2}), Map.entry(2, new int[] {32, 18}), Map.entry(3, new int[] {32, 20}),
            Map.entry(6, new int[] {32, 22}), Map.entry(7, new int[] {32, 24}), Map.entry(8, new int[] {32, 34}),
            Map.entry(9, new int[] {32, 36}), Map.entry(10, new int[] {256, 84}), Map.entry(11, new int[] {256, 110}),
            Map.entry(12, new int[] {256, 144}), Map.entry(13, new int[] {256, 176}), Map.entry(14, new int[] {256, 210}),
            Map.entry(15, new int[] {256, 292}), Map.entry(24, new int[] {1, 1}), Map.entry(25, new int[] {1, 2}),
            Map.entry(26, new int[] {1, 4}), Map.entry(27, new int[] {1, 8}), Map.entry(28, new int[] {1, 8}),
            Map.entry(30, new int[] {1, 2}));

    private GgufFormat() {
    }

    private record Tensor(String name, long offset, long bytes) {
    }

    public static void scan(ArtifactReport r, InputStream raw, long size) throws IOException {
        r.format("gguf");
        Le in = new Le(raw);
        in.skip(4);
        long version = in.u32();
        r.fact("version", version);
        if (version < 1 || version > 3) {
            r.add(Severity.WARNING, "gguf-version", Long.toString(version), 4, "unknown GGUF version; not analysed further");
            return;
        }
        boolean v1 = version == 1;
        long tensors = v1 ? in.u32() : in.u64();
        long kvs = v1 ? in.u32() : in.u64();
        r.fact("tensors", tensors);
        r.fact("metadata keys", kvs);
        if (tensors < 0 || tensors > MAX_COUNT || kvs < 0 || kvs > MAX_COUNT) {
            r.add(Severity.CRITICAL, "gguf-counts", tensors + " tensors, " + kvs + " keys", 8,
                    "implausible counts: loaders that allocate from them can be made to overflow");
            return;
        }
        long alignment = 32;
        for (long i = 0; i < kvs; i++) {
            long at = in.pos;
            String key = in.string(v1);
            int type = (int) in.u32();
            Object v = value(in, type, v1, 0, r, key, at);
            if (key.equals("general.alignment")) {
                if (v instanceof Long a && a > 0 && Long.bitCount(a) == 1) {
                    alignment = a;
                } else {
                    r.add(Severity.CRITICAL, "gguf-alignment", String.valueOf(v), at, "general.alignment must be a power of two");
                    return;
                }
            }
            if (key.equals("general.architecture")) {
                r.fact("architecture", v);
            }
        }
        List<Tensor> list = new ArrayList<>();
        for (long i = 0; i < tensors; i++) {
            long at = in.pos;
            String name = in.string(v1);
            long dims = in.u32();
            if (dims > 8) {
                r.add(Severity.CRITICAL, "gguf-tensor", name, at, dims + " dimensions (at most 8 are allowed)");
                return;
            }
            long elems = 1;
            boolean overflow = false;
            for (int d = 0; d < dims; d++) {
                long n = v1 ? in.u32() : in.u64();
                if (n < 0) {
                    overflow = true;
                } else {
                    try {
                        elems = Math.multiplyExact(elems, n);
                    } catch (ArithmeticException e) {
                        overflow = true;
                    }
                }
            }
            int type = (int) in.u32();
            long offset = in.u64();
            int[] t = TYPES.get(type);
            if (overflow) {
                r.add(Severity.CRITICAL, "gguf-overflow", name, at, "the element count overflows 64 bits");
                continue;
            }
            if (t == null) {
                r.add(Severity.WARNING, "gguf-tensor-type", name + " type " + type, at, "unknown ggml type; size not checked");
                continue;
            }
            if (elems % t[0] != 0) {
                r.add(Severity.CRITICAL, "gguf-tensor", name, at, "element count is not a multiple of the block size");
                continue;
            }
            if (offset % alignment != 0) {
                r.add(Severity.CRITICAL, "gguf-alignment", name, at, "tensor offset " + offset + " is not aligned to " + alignment);
            }
            list.add(new Tensor(name, offset, elems / t[0] * t[1]));
        }
        long dataStart = (in.pos + alignment - 1) / alignment * alignment;
        in.skip(dataStart - in.pos);
        long dataSize = size >= 0 ? size - dataStart : SafetensorsFormat.skipCount(raw);
        list.sort((a, b) -> Long.compare(a.offset, b.offset));
        long end = 0;
        for (Tensor t : list) {
            if (t.offset < end) {
                r.add(Severity.CRITICAL, "gguf-overlap", t.name, dataStart + t.offset, "overlaps the previous tensor");
            }
            if (t.offset > dataSize || t.bytes > dataSize - t.offset) {
                r.add(Severity.CRITICAL, "gguf-out-of-bounds", t.name, dataStart + t.offset,
                        "the tensor extends beyond the end of the file; a loader may read out of bounds");
            }
            end = Math.max(end, t.offset + t.bytes);
        }
        r.fact("data bytes", dataSize);
    }

    private static Object value(Le in, int type, boolean v1, int depth, ArtifactReport r, String key, long at)
            throws IOException {
        switch (type) {
            case 0, 1, 7 -> {
                return (long) in.u8();
            }
            case 2, 3 -> {
                return (long) in.u16();
            }
            case 4, 5, 6 -> {
                return in.u32();
            }
            case 10, 11, 12 -> {
                return in.u64();
            }
            case 8 -> {
                return in.string(v1);
            }
            case 9 -> {
                int et = (int) in.u32();
                long n = v1 ? in.u32() : in.u64();
                if (n < 0 || n > MAX_ARRAY || depth > 4) {
                    throw new IOException("metadata array '" + key + "' at offset " + at + " is implausibly large or deep");
                }
                for (long i = 0; i < n; i++) {
                    value(in, et, v1, depth + 1, r, key, at);
                }
                return n;
            }
            default -> throw new IOException("unknown metadata value type " + type + " for '" + key + "' at offset " + at);
        }
    }

    /** Little-endian reads with a position. */
    private static final class Le {
        private final DataInputStream in;
        long pos;

        Le(InputStream in) {
            this.in = new DataInputStream(in);
        }

        int u8() throws IOException {
            pos++;
            return in.readUnsignedByte();
        }

        int u16() throws IOException {
            return u8() | (u8() << 8);
        }

        long u32() throws IOException {
            return (u16() & 0xffffL) | ((long) u16() << 16);
        }

        long u64() throws IOException {
            return u32() | (u32() << 32);
        }

        void skip(long n) throws IOException {
            while (n > 0) {
                long k = in.skip(n);
                if (k <= 0) {
                    if (in.read() < 0) {
                        throw new EOFException("truncated GGUF");
                    }
                    k = 1;
                }
                n -= k;
                pos += k;
            }
        }

        String string(boolean v1) throws IOException {
            long n = v1 ? u32() : u64();
            if (n < 0 || n > MAX_STRING) {
                throw new IOException("a GGUF string at offset " + pos + " claims " + n + " bytes");
            }
            byte[] b = new byte[(int) n];
            in.readFully(b);
            pos += n;
            return new String(b, java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
