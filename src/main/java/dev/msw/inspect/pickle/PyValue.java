package dev.msw.inspect.pickle;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The symbolic values a pickle builds, as our walker models them. Nothing here is ever executed: a call is a
 * record of what would have been called.
 */
public sealed interface PyValue {

    /** Python's None. */
    enum None implements PyValue { NONE }

    record Bool(boolean value) implements PyValue { }

    /** An int; {@code big} is set only when it does not fit a long. */
    record Int(long value, BigInteger big) implements PyValue {
        static Int of(long v) {
            return new Int(v, null);
        }

        static Int of(BigInteger v) {
            return v.bitLength() < 64 ? new Int(v.longValue(), null) : new Int(0, v);
        }

        @Override
        public String toString() {
            return big != null ? big.toString() : Long.toString(value);
        }
    }

    record Float(double value) implements PyValue { }

    /** A str; {@code truncated} when the pickle held more than we kept. */
    record Str(String value, boolean truncated) implements PyValue { }

    /** bytes or bytearray: the length and, for short ones, the content. */
    record Bytes(long length, byte[] head, boolean mutable) implements PyValue { }

    /**
     * list, tuple, set or frozenset. In scan mode only the first few items are kept; {@link #complete()} says
     * whether {@code items} holds them all.
     */
    record Seq(Kind kind, List<PyValue> items, long[] count) implements PyValue {
        public enum Kind { LIST, TUPLE, SET, FROZENSET }

        static Seq of(Kind kind, List<PyValue> items) {
            return new Seq(kind, items, new long[] {items == null ? 0 : items.size()});
        }

        public long size() {
            return count[0];
        }

        public boolean complete() {
            return items != null && items.size() == count[0];
        }
    }

    /** A dict; in scan mode only the first few entries are kept ({@link #complete()}). */
    record Dict(List<PyValue> keys, List<PyValue> values, long[] count) implements PyValue {
        static Dict empty() {
            return new Dict(new ArrayList<>(), new ArrayList<>(), new long[1]);
        }

        public long size() {
            return count[0];
        }

        public boolean complete() {
            return keys.size() == count[0];
        }

        /** The value under a string key, when it was kept. */
        public PyValue get(String key) {
            for (int i = 0; i < keys.size(); i++) {
                if (keys.get(i) instanceof Str s && s.value().equals(key)) {
                    return values.get(i);
                }
            }
            return null;
        }
    }

    /** A callable (or class) imported by GLOBAL, STACK_GLOBAL, INST or an extension code. */
    record Global(String module, String name, long offset) implements PyValue {
        public String qualified() {
            return module + "." + name;
        }
    }

    /** The result of calling something: the callee as far as we know it, the call kind, where, and its arguments. */
    record Call(String callee, String kind, long offset, PyValue args) implements PyValue { }

    /** What the loader's persistent_load returns for a persistent id (PyTorch storages). */
    record PersistentRef(long offset) implements PyValue { }

    /** A buffer passed out of band (protocol 5). */
    record OutOfBand(long offset) implements PyValue { }
}
