package dev.msw.inspect.formats;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.msw.inspect.ArtifactReport;
import dev.msw.inspect.Severity;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * safetensors, validated as the reference loader does: header ≤ 100 MB of UTF-8 JSON object without duplicate
 * keys, known dtypes, offsets sorted from 0, contiguous, no gaps or overlaps, each size = shape × dtype width,
 * the data buffer fully covered (no trailing polyglot bytes), {@code __metadata__} string → string. Tensor bytes
 * are skipped, never read into memory.
 */
public final class SafetensorsFormat {
    public static final long MAX_HEADER = 100L * 1024 * 1024;
    private static final Map<String, Integer> DTYPE_BITS = Map.ofEntries(Map.entry("BOOL", 8), Map.entry("U8", 8),
            Map.entry("I8", 8), Map.entry("F8_E5M2", 8), Map.entry("F8_E4M3", 8), Map.entry("F8_E8M0", 8),
            Map.entry("F4", 4), Map.entry("F6_E2M3", 6), Map.entry("F6_E3M2", 6),
            Map.entry("I16", 16), Map.entry("U16", 16), Map.entry("F16", 16), Map.entry("BF16", 16),
            Map.entry("I32", 32), Map.entry("U32", 32), Map.entry("F32", 32), Map.entry("C64", 64),
            Map.entry("F64", 64), Map.entry("I64", 64), Map.entry("U64", 64));
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION).build();

    private SafetensorsFormat() {
    }

    private record Entry(String name, long begin, long end) {
    }

    public static void scan(ArtifactReport r, InputStream in, long size) throws IOException {
        r.format("safetensors");
        byte[] lenBytes = in.readNBytes(8);
        if (lenBytes.length < 8) {
            throw new EOFException("truncated safetensors header length");
        }
        long n = ByteBuffer.wrap(lenBytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (n < 0 || n > MAX_HEADER) {
            r.add(Severity.CRITICAL, "safetensors-header", "length " + n, 0, "the header is longer than 100 MB; the"
                    + " reference loader refuses it");
            return;
        }
        byte[] header = in.readNBytes((int) n);
        if (header.length < n) {
            r.add(Severity.CRITICAL, "safetensors-truncated", "", 8, "the file ends inside the header");
            return;
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(header));
        } catch (CharacterCodingException e) {
            r.add(Severity.CRITICAL, "safetensors-header", "not UTF-8", 8, "the header is not valid UTF-8");
            return;
        }
        JsonNode root;
        try {
            root = JSON.readTree(header);
        } catch (IOException e) {
            r.add(Severity.CRITICAL, "safetensors-header", firstLine(String.valueOf(e.getMessage())), 8, "the header is not a valid JSON object (duplicate keys are refused)");
            return;
        }
        if (root == null || !root.isObject()) {
            r.add(Severity.CRITICAL, "safetensors-header", "not an object", 8, "the header must be a JSON object");
            return;
        }
        List<Entry> entries = new ArrayList<>();
        int problems = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (f.getKey().equals("__metadata__")) {
                if (!f.getValue().isObject()) {
                    problems += bad(r, "__metadata__", "must be an object of strings");
                    continue;
                }
                f.getValue().fields().forEachRemaining(m -> {
                    if (!m.getValue().isTextual()) {
                        bad(r, "__metadata__." + m.getKey(), "metadata values must be strings");
                    }
                });
                r.fact("metadata keys", f.getValue().size());
                continue;
            }
            JsonNode t = f.getValue();
            JsonNode dtype = t.get("dtype");
            JsonNode shape = t.get("shape");
            JsonNode offs = t.get("data_offsets");
            if (dtype == null || !dtype.isTextual() || shape == null || !shape.isArray() || offs == null
                    || !offs.isArray() || offs.size() != 2 || t.size() != 3) {
                problems += bad(r, f.getKey(), "a tensor needs exactly dtype, shape and data_offsets [begin, end]");
                continue;
            }
            Integer bits = DTYPE_BITS.get(dtype.asText());
            if (bits == null) {
                problems += bad(r, f.getKey(), "unknown dtype " + dtype.asText());
                continue;
            }
            long elems = 1;
            boolean overflow = false;
            for (JsonNode d : shape) {
                if (!d.canConvertToLong() || d.asLong() < 0) {
                    overflow = true;
                    break;
                }
                try {
                    elems = Math.multiplyExact(elems, d.asLong());
                } catch (ArithmeticException e) {
                    overflow = true;
                    break;
                }
            }
            long begin = offs.get(0).asLong(-1);
            long end = offs.get(1).asLong(-1);
            if (overflow || !offs.get(0).canConvertToLong() || !offs.get(1).canConvertToLong() || begin < 0 || end < begin) {
                problems += bad(r, f.getKey(), "invalid shape or data_offsets");
                continue;
            }
            if (elems > Long.MAX_VALUE / bits || (elems * bits) % 8 != 0 || elems * bits / 8 != end - begin) {
                problems += bad(r, f.getKey(), "size " + (end - begin) + " bytes does not equal shape × dtype width");
            }
            entries.add(new Entry(f.getKey(), begin, end));
        }
        entries.sort((a, b) -> Long.compare(a.begin, b.begin));
        long expected = 0;
        for (Entry e : entries) {
            if (e.begin != expected) {
                problems += bad(r, e.name, e.begin < expected ? "overlaps the previous tensor" : "leaves a gap of "
                        + (e.begin - expected) + " bytes before it");
            }
            expected = Math.max(expected, e.end);
        }
        r.fact("tensors", entries.size());
        r.fact("header bytes", n);
        // the size is what a loader sees (a file's length, an archive member's declared size); count only when unknown
        long data = size >= 0 ? size - 8 - n : skipCount(in);
        if (data != expected) {
            long at = 8 + n + Math.min(data, expected);
            if (data > expected) {
                r.add(Severity.CRITICAL, "safetensors-trailing-data", (data - expected) + " bytes", at,
                        "bytes after the last tensor: the reference loader refuses the file, and such polyglot data"
                                + " (a zip, a pickle) is how payloads hide in 'safe' files");
            } else {
                r.add(Severity.CRITICAL, "safetensors-truncated", (expected - data) + " bytes missing", at,
                        "the tensors need more bytes than the file holds");
            }
            problems++;
        }
        r.fact("valid", problems == 0 ? "yes" : "no (" + problems + " problems)");
    }

    private static int bad(ArtifactReport r, String subject, String why) {
        r.add(Severity.CRITICAL, "safetensors-invalid", subject, 8, why + "; the reference loader refuses the file");
        return 1;
    }

    private static String firstLine(String s) {
        int i = s.indexOf('\n');
        return i < 0 ? s : s.substring(0, i);
    }

    static long skipCount(InputStream in) throws IOException {
        long total = 0;
        byte[] buf = new byte[1 << 16];
        int k;
        while ((k = in.read(buf)) >= 0) {
            total += k;
        }
        return total;
    }

}
