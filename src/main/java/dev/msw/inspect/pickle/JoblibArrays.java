package dev.msw.inspect.pickle;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * joblib's NumpyArrayWrapper: after its BUILD, joblib writes the array's raw bytes (or, for object arrays, a
 * whole pickle) straight into the stream. We skip exactly those bytes, computed from the wrapper's shape and
 * dtype, so the walk continues at the next opcode instead of misreading tensor bytes as opcodes.
 */
final class JoblibArrays {
    static final String WRAPPER = "joblib.numpy_pickle.NumpyArrayWrapper";
    private static final Pattern DTYPE = Pattern.compile("^[<>|=]?([a-zA-Z?])(\\d*)$");

    interface Nested {
        void walk() throws IOException;
    }

    private JoblibArrays() {
    }

    static void skipInlineArray(PyValue state, PickleSource src, long off, Nested nested) throws IOException {
        if (!(state instanceof PyValue.Dict d) || !d.complete()) {
            throw new PickleMachine.MalformedPickle("joblib array wrapper without a readable state at offset " + off);
        }
        long elems = 1;
        if (!(d.get("shape") instanceof PyValue.Seq shape) || !shape.complete()) {
            throw new PickleMachine.MalformedPickle("joblib array wrapper without a shape at offset " + off);
        }
        for (PyValue v : shape.items()) {
            if (!(v instanceof PyValue.Int i) || i.big() != null || i.value() < 0) {
                throw new PickleMachine.MalformedPickle("joblib array wrapper with an invalid shape at offset " + off);
            }
            elems = Math.multiplyExact(elems, i.value());
        }
        String dtype = null;
        if (d.get("dtype") instanceof PyValue.Call c && c.args() instanceof PyValue.Seq a && a.size() > 0
                && a.complete() && a.items().get(0) instanceof PyValue.Str s) {
            dtype = s.value();
        }
        if (dtype == null) {
            throw new PickleMachine.MalformedPickle("joblib array wrapper with an unreadable dtype at offset " + off);
        }
        if (d.get("numpy_array_alignment_bytes") != null) {
            src.skip(src.u8());
        }
        Matcher m = DTYPE.matcher(dtype);
        if (!m.matches()) {
            throw new PickleMachine.MalformedPickle("joblib array with unsupported dtype '" + dtype + "' at offset " + off);
        }
        char kind = m.group(1).charAt(0);
        if (kind == 'O') {
            nested.walk();
            return;
        }
        long width = m.group(2).isEmpty() ? 1 : Long.parseLong(m.group(2));
        if (kind == 'U') {
            width *= 4;
        }
        src.skip(Math.multiplyExact(elems, width));
    }
}
