package dev.msw.inspect.pickle;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/** Decoding of opcode arguments written as text or raw bytes, and short descriptions of symbolic values. */
final class OpcodeText {
    private OpcodeText() {
    }

    static long bigEndianLong(byte[] b) {
        long v = 0;
        for (byte x : b) {
            v = (v << 8) | (x & 0xff);
        }
        return v;
    }

    static String ascii(byte[] line) {
        String s = new String(line, StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    static String utf8(byte[] line) {
        return new String(line, StandardCharsets.UTF_8);
    }

    static BigInteger parseInt(String s, long off) throws PickleMachine.MalformedPickle {
        try {
            return new BigInteger(s.trim().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new PickleMachine.MalformedPickle("not an integer '" + abbreviate(s) + "' at offset " + off);
        }
    }

    static double parseFloat(String s, long off) throws PickleMachine.MalformedPickle {
        String t = s.trim().toLowerCase(java.util.Locale.ROOT);
        switch (t) {
            case "inf", "+inf", "infinity" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-inf", "-infinity" -> {
                return Double.NEGATIVE_INFINITY;
            }
            case "nan", "+nan", "-nan" -> {
                return Double.NaN;
            }
            default -> {
                try {
                    return Double.parseDouble(t);
                } catch (NumberFormatException e) {
                    throw new PickleMachine.MalformedPickle("not a float '" + abbreviate(s) + "' at offset " + off);
                }
            }
        }
    }

    static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }

    /** A short, human description of a symbolic value. */
    static String describe(PyValue v) {
        if (v instanceof PyValue.Str s) {
            return s.truncated() ? "<long string>" : "'" + abbreviate(s.value()) + "'";
        } else if (v instanceof PyValue.Global g) {
            return g.qualified();
        } else if (v instanceof PyValue.Call c) {
            return "result of " + c.callee();
        } else if (v instanceof PyValue.Seq s) {
            return s.kind().name().toLowerCase(java.util.Locale.ROOT);
        } else if (v instanceof PyValue.Dict) {
            return "dict";
        } else if (v instanceof PyValue.Int) {
            return "int";
        } else if (v instanceof PyValue.Float) {
            return "float";
        } else if (v instanceof PyValue.Bytes) {
            return "bytes";
        } else if (v instanceof PyValue.Bool) {
            return "bool";
        } else if (v instanceof PyValue.PersistentRef) {
            return "persistent reference";
        } else if (v instanceof PyValue.OutOfBand) {
            return "out-of-band buffer";
        }
        return "None";
    }
}
