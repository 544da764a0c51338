package dev.msw.crypto.legacy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.msw.core.UserFacingException;
import dev.msw.inspect.pickle.PyValue;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts a pure dict of (nested, rectangular) numeric lists into a safetensors file: string keys become tensor
 * names, floats become F64, integers I64, booleans BOOL; the header is sorted and padded to 8 bytes and the data
 * is contiguous, as the reference loader requires.
 */
public final class SafetensorsConversion {
    private SafetensorsConversion() {
    }

    public static byte[] convert(PyValue value) {
        if (!(value instanceof PyValue.Dict d) || !d.complete()) {
            throw refuse("the pickle's top level is not a dict");
        }
        ObjectMapper json = new ObjectMapper();
        ObjectNode header = json.createObjectNode();
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        java.util.TreeMap<String, PyValue> sorted = new java.util.TreeMap<>();
        for (int i = 0; i < d.keys().size(); i++) {
            if (!(d.keys().get(i) instanceof PyValue.Str k)) {
                throw refuse("a key is not a string");
            }
            if (k.value().equals("__metadata__")) {
                throw refuse("'__metadata__' is reserved in safetensors");
            }
            sorted.put(k.value(), d.values().get(i));
        }
        for (var e : sorted.entrySet()) {
            List<Long> shape = new ArrayList<>();
            List<PyValue> leaves = new ArrayList<>();
            flatten(e.getKey(), e.getValue(), 0, shape, leaves);
            String dtype = leaves.stream().anyMatch(v -> v instanceof PyValue.Float) ? "F64"
                    : leaves.stream().allMatch(v -> v instanceof PyValue.Bool) && !leaves.isEmpty() ? "BOOL" : "I64";
            int width = dtype.equals("BOOL") ? 1 : 8;
            ByteBuffer buf = ByteBuffer.allocate(leaves.size() * width).order(ByteOrder.LITTLE_ENDIAN);
            for (PyValue v : leaves) {
                if (dtype.equals("BOOL")) {
                    buf.put((byte) (((PyValue.Bool) v).value() ? 1 : 0));
                } else if (dtype.equals("F64")) {
                    buf.putDouble(number(e.getKey(), v));
                } else {
                    buf.putLong(integer(e.getKey(), v));
                }
            }
            long begin = data.size();
            data.writeBytes(buf.array());
            ObjectNode t = header.putObject(e.getKey());
            t.put("dtype", dtype);
            shape.forEach(t.putArray("shape")::add);
            t.putArray("data_offsets").add(begin).add(data.size());
        }
        header.putObject("__metadata__").put("format", "msw-legacy-import");
        byte[] h = header.toString().getBytes(StandardCharsets.UTF_8);
        int pad = (8 - h.length % 8) % 8;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length + pad).array());
        out.writeBytes(h);
        out.writeBytes(" ".repeat(pad).getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(data.toByteArray());
        return out.toByteArray();
    }

    private static void flatten(String name, PyValue v, int depth, List<Long> shape, List<PyValue> leaves) {
        if (v instanceof PyValue.Seq s && (s.kind() == PyValue.Seq.Kind.LIST || s.kind() == PyValue.Seq.Kind.TUPLE)) {
            if (!s.complete()) {
                throw refuse("'" + name + "' was not fully read");
            }
            if (shape.size() == depth) {
                shape.add(s.size());
            } else if (shape.size() < depth || shape.get(depth) != s.size()) {
                throw refuse("'" + name + "' is not rectangular (rows of different lengths)");
            }
            for (PyValue item : s.items()) {
                flatten(name, item, depth + 1, shape, leaves);
            }
        } else if (v instanceof PyValue.Int || v instanceof PyValue.Float || v instanceof PyValue.Bool) {
            if (shape.size() != depth) {
                throw refuse("'" + name + "' mixes numbers and lists at the same level");
            }
            leaves.add(v);
        } else {
            throw refuse("'" + name + "' holds " + ValueTree.leaf(v) + ", not numbers");
        }
    }

    private static double number(String name, PyValue v) {
        if (v instanceof PyValue.Float f) {
            return f.value();
        }
        if (v instanceof PyValue.Bool b) {
            return b.value() ? 1 : 0;
        }
        PyValue.Int i = (PyValue.Int) v;
        if (i.big() != null) {
            throw refuse("'" + name + "' holds an integer too large for 64 bits");
        }
        return i.value();
    }

    private static long integer(String name, PyValue v) {
        if (v instanceof PyValue.Bool b) {
            return b.value() ? 1 : 0;
        }
        PyValue.Int i = (PyValue.Int) v;
        if (i.big() != null) {
            throw refuse("'" + name + "' holds an integer too large for 64 bits");
        }
        return i.value();
    }

    private static UserFacingException refuse(String why) {
        return new UserFacingException("Cannot convert to safetensors", why,
                "safetensors holds only a dict of numeric arrays; import without --to-safetensors to keep the pickle");
    }
}
