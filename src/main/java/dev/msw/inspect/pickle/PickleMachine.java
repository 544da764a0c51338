package dev.msw.inspect.pickle;

import dev.msw.core.CancellationToken;
import dev.msw.inspect.ScanLimits;
import dev.msw.inspect.Severity;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Walks the opcodes of one pickle with a symbolic stack, mark stack and memo, exactly as CPython's
 * {@code _pickle.Unpickler} would move values, but never importing or calling anything: imports and calls are
 * recorded with their byte offsets and judged by {@link CallablePolicy}.
 */
final class PickleMachine {
    static final int KEEP_STRING = 1 << 16;
    /** In scan mode, containers keep at most this many items: enough to read small structures (joblib headers). */
    static final int SMALL = 64;
    private static final int KEEP_BYTES_HEAD = 64;

    /** The stream is not a pickle CPython would accept (the unpickler fails at this point). */
    static final class MalformedPickle extends IOException {
        MalformedPickle(String message) {
            super(message);
        }
    }

    /** A configured limit was reached; the analysis stops here. */
    static final class LimitReached extends RuntimeException {
        LimitReached(String message) {
            super(message);
        }
    }

    private final PickleSource src;
    private final PickleScanner.Recorder rec;
    private final ScanLimits limits;
    private final boolean keep;
    private final CancellationToken cancel;
    private final ArrayList<PyValue> stack = new ArrayList<>();
    private int[] marks = new int[16];
    private int markCount;
    private final Map<Long, PyValue> memo = new HashMap<>();
    int protocol;

    PickleMachine(PickleSource src, PickleScanner.Recorder rec, ScanLimits limits, boolean keep,
            CancellationToken cancel) {
        this.src = src;
        this.rec = rec;
        this.limits = limits;
        this.keep = keep;
        this.cancel = cancel;
    }

    /** Runs until STOP; returns the pickle's top-level value. */
    PyValue run() throws IOException {
        while (true) {
            long off = src.position();
            int op = src.read();
            if (op < 0) {
                throw new MalformedPickle("the pickle ends without a STOP opcode (truncated)");
            }
            long n = ++rec.opcodes;
            if (n > limits.maxOpcodes()) {
                throw new LimitReached("more than " + limits.maxOpcodes() + " opcodes");
            }
            if ((n & 0xffff) == 0) {
                cancel.throwIfCancelled();
            }
            if (op == '.') {
                return pop(off);
            }
            step(op, off);
            if (stack.size() + markCount > limits.maxStackDepth()) {
                throw new LimitReached("stack deeper than " + limits.maxStackDepth() + " entries");
            }
        }
    }

    private void step(int op, long off) throws IOException {
        switch (op) {
            case '(' -> pushMark();
            case '0' -> {
                if (stack.size() > currentMarkBase()) {
                    PyValue v = stack.remove(stack.size() - 1);
                    if (v instanceof PyValue.Call c) {
                        rec.discarded(c, off);
                    }
                } else {
                    popMark(off);
                }
            }
            case '1' -> popMark(off);
            case '2' -> push(top(off));
            case 'F' -> push(new PyValue.Float(OpcodeText.parseFloat(OpcodeText.ascii(src.line()), off)));
            case 'I' -> {
                String s = OpcodeText.ascii(src.line());
                if (s.equals("00")) {
                    push(new PyValue.Bool(false));
                } else if (s.equals("01")) {
                    push(new PyValue.Bool(true));
                } else {
                    push(PyValue.Int.of(OpcodeText.parseInt(s, off)));
                }
            }
            case 'J' -> push(PyValue.Int.of(src.i32()));
            case 'K' -> push(PyValue.Int.of(src.u8()));
            case 'M' -> push(PyValue.Int.of(src.u16()));
            case 'L' -> {
                String s = OpcodeText.ascii(src.line());
                push(PyValue.Int.of(OpcodeText.parseInt(s.endsWith("L") ? s.substring(0, s.length() - 1) : s, off)));
            }
            case 0x8a -> push(longBytes(src.u8(), off));
            case 0x8b -> {
                int len = src.i32();
                if (len < 0) {
                    throw new MalformedPickle("LONG4 with a negative length at offset " + off);
                }
                push(longBytes(len, off));
            }
            case 'N' -> push(PyValue.None.NONE);
            case 0x88 -> push(new PyValue.Bool(true));
            case 0x89 -> push(new PyValue.Bool(false));
            case 'G' -> push(new PyValue.Float(Double.longBitsToDouble(OpcodeText.bigEndianLong(src.bytes(8)))));
            case 'S' -> push(new PyValue.Str(PyStrings.decodeQuoted(src.line(), off), false));
            case 'T' -> push(str(src.i32(), off, StandardCharsets.ISO_8859_1));
            case 'U' -> push(str(src.u8(), off, StandardCharsets.ISO_8859_1));
            case 'V' -> push(new PyValue.Str(PyStrings.decodeRawUnicodeEscape(src.line()), false));
            case 'X' -> push(str(src.u32(), off, StandardCharsets.UTF_8));
            case 0x8c -> push(str(src.u8(), off, StandardCharsets.UTF_8));
            case 0x8d -> push(str(src.u64(), off, StandardCharsets.UTF_8));
            case 'B' -> push(bytes(src.u32(), off, false));
            case 'C' -> push(bytes(src.u8(), off, false));
            case 0x8e -> push(bytes(src.u64(), off, false));
            case 0x96 -> push(bytes(src.u64(), off, true));
            case 0x97 -> {
                rec.note(Severity.INFO, "out-of-band-buffer", "NEXT_BUFFER", off,
                        "protocol 5 out-of-band buffer; the loader must supply it, its content is not in the file");
                push(new PyValue.OutOfBand(off));
            }
            case 0x98 -> top(off);
            case ')' -> push(PyValue.Seq.of(PyValue.Seq.Kind.TUPLE, new ArrayList<>()));
            case ']' -> push(PyValue.Seq.of(PyValue.Seq.Kind.LIST, new ArrayList<>()));
            case '}' -> push(PyValue.Dict.empty());
            case 0x8f -> push(PyValue.Seq.of(PyValue.Seq.Kind.SET, new ArrayList<>()));
            case 't' -> push(seq(PyValue.Seq.Kind.TUPLE, popMark(off)));
            case 'l' -> push(seq(PyValue.Seq.Kind.LIST, popMark(off)));
            case 0x91 -> push(seq(PyValue.Seq.Kind.FROZENSET, popMark(off)));
            case 0x85 -> push(seq(PyValue.Seq.Kind.TUPLE, popN(1, off)));
            case 0x86 -> push(seq(PyValue.Seq.Kind.TUPLE, popN(2, off)));
            case 0x87 -> push(seq(PyValue.Seq.Kind.TUPLE, popN(3, off)));
            case 'd' -> {
                List<PyValue> items = popMark(off);
                PyValue.Dict d = PyValue.Dict.empty();
                putAll(d, items, off);
                push(d);
            }
            case 'a' -> {
                PyValue v = pop(off);
                extend(top(off), List.of(v), off, "APPEND");
            }
            case 'e' -> {
                List<PyValue> items = popMark(off);
                extend(top(off), items, off, "APPENDS");
            }
            case 0x90 -> {
                List<PyValue> items = popMark(off);
                PyValue target = top(off);
                if (target instanceof PyValue.Seq s && s.kind() == PyValue.Seq.Kind.SET) {
                    addItems(s, items);
                } else {
                    methodCall(target, "ADDITEMS", off);
                }
            }
            case 's' -> {
                PyValue v = pop(off);
                PyValue k = pop(off);
                setItems(top(off), List.of(k, v), off);
            }
            case 'u' -> {
                List<PyValue> items = popMark(off);
                setItems(top(off), items, off);
            }
            case 'g' -> push(memoGet(OpcodeText.parseInt(OpcodeText.ascii(src.line()), off), off));
            case 'h' -> push(memoGet(src.u8(), off));
            case 'j' -> push(memoGet(src.u32(), off));
            case 'p' -> memoPut(OpcodeText.parseInt(OpcodeText.ascii(src.line()), off).longValue(), off);
            case 'q' -> memoPut(src.u8(), off);
            case 'r' -> memoPut(src.u32(), off);
            case 0x94 -> memoPut(memo.size(), off);
            case 'c' -> {
                String module = OpcodeText.utf8(src.line());
                String name = OpcodeText.utf8(src.line());
                push(importName(module, name, off, "GLOBAL"));
            }
            case 0x93 -> {
                PyValue name = pop(off);
                PyValue module = pop(off);
                if (module instanceof PyValue.Str m && name instanceof PyValue.Str n && !m.truncated() && !n.truncated()) {
                    push(importName(m.value(), n.value(), off, "STACK_GLOBAL"));
                } else if (!(module instanceof PyValue.Call || module instanceof PyValue.Str)
                        || !(name instanceof PyValue.Call || name instanceof PyValue.Str)) {
                    throw new MalformedPickle("STACK_GLOBAL needs two strings, got " + describe(module) + " and "
                            + describe(name) + " at offset " + off);
                } else {
                    rec.note(Severity.CRITICAL, "computed-import", describe(module) + "." + describe(name), off,
                            "STACK_GLOBAL imports a name that is not a plain string in the file; it is computed while loading");
                    push(new PyValue.Global("<computed>", "<computed>", off));
                }
            }
            case 'i' -> {
                String module = OpcodeText.utf8(src.line());
                String name = OpcodeText.utf8(src.line());
                PyValue.Global g = importName(module, name, off, "INST");
                popMark(off);
                push(rec.called(g, "INST", off, null));
            }
            case 'o' -> {
                List<PyValue> items = popMark(off);
                if (items.isEmpty()) {
                    throw new MalformedPickle("OBJ without a class at offset " + off);
                }
                push(rec.called(callable(items.get(0), off), "OBJ", off, null));
            }
            case 'R' -> {
                PyValue args = pop(off);
                push(rec.called(callable(pop(off), off), "REDUCE", off, args));
            }
            case 0x81 -> {
                PyValue args = pop(off);
                push(rec.called(callable(pop(off), off), "NEWOBJ", off, args));
            }
            case 0x92 -> {
                pop(off);
                pop(off);
                push(rec.called(callable(pop(off), off), "NEWOBJ_EX", off, null));
            }
            case 'b' -> {
                PyValue state = pop(off);
                PyValue target = top(off);
                rec.built(target, off);
                if (target instanceof PyValue.Call c && c.callee().equals(JoblibArrays.WRAPPER)) {
                    JoblibArrays.skipInlineArray(state, src, off, this::nestedPickle);
                }
            }
            case 'P' -> {
                src.line();
                push(rec.persistent(off));
            }
            case 'Q' -> {
                pop(off);
                push(rec.persistent(off));
            }
            case 0x82 -> push(rec.extension(src.u8(), off));
            case 0x83 -> push(rec.extension(src.u16(), off));
            case 0x84 -> push(rec.extension(src.i32(), off));
            case 0x80 -> {
                protocol = src.u8();
                if (protocol > 5) {
                    throw new MalformedPickle("unsupported pickle protocol " + protocol + " at offset " + off);
                }
            }
            case 0x95 -> src.u64();
            default -> throw new MalformedPickle(String.format("unknown opcode 0x%02x at offset %d", op, off));
        }
    }

    /** Plain data (a number, a string, a container) is not callable: the unpickler raises TypeError there. */
    private static PyValue callable(PyValue v, long off) throws MalformedPickle {
        if (v instanceof PyValue.Global || v instanceof PyValue.Call || v instanceof PyValue.PersistentRef
                || v instanceof PyValue.OutOfBand) {
            return v;
        }
        throw new MalformedPickle("a " + describe(v) + " is called at offset " + off + ", which is not callable");
    }

    /** joblib writes object arrays as a complete pickle inline; it is walked with the same recorder. */
    private void nestedPickle() throws IOException {
        PickleMachine m = new PickleMachine(src, rec, limits, false, cancel);
        m.run();
    }

    /** An unpickler fails to import a name that is not a dotted Python identifier, so nothing after it runs. */
    private PyValue.Global importName(String module, String name, long off, String opcode) throws MalformedPickle {
        if (!CallablePolicy.isIdentifierPath(module) || !CallablePolicy.isIdentifierPath(name)) {
            throw new MalformedPickle(opcode + " of '" + abbreviate(module) + "." + abbreviate(name)
                    + "', which is not a Python name, at offset " + off);
        }
        return rec.imported(module, name, off, opcode, this);
    }

    // ---- stack and memo

    private void push(PyValue v) {
        stack.add(v);
        if (keep && ++rec.valueNodes > limits.maxValueNodes()) {
            throw new LimitReached("more than " + limits.maxValueNodes() + " values kept");
        }
    }

    private int currentMarkBase() {
        return markCount == 0 ? 0 : marks[markCount - 1];
    }

    private PyValue pop(long off) throws MalformedPickle {
        if (stack.size() <= currentMarkBase()) {
            throw new MalformedPickle("stack underflow at offset " + off);
        }
        return stack.remove(stack.size() - 1);
    }

    private PyValue top(long off) throws MalformedPickle {
        if (stack.size() <= currentMarkBase()) {
            throw new MalformedPickle("stack underflow at offset " + off);
        }
        return stack.get(stack.size() - 1);
    }

    private List<PyValue> popN(int n, long off) throws MalformedPickle {
        if (stack.size() - currentMarkBase() < n) {
            throw new MalformedPickle("stack underflow at offset " + off);
        }
        List<PyValue> sub = new ArrayList<>(stack.subList(stack.size() - n, stack.size()));
        stack.subList(stack.size() - n, stack.size()).clear();
        return sub;
    }

    private void pushMark() {
        if (markCount == marks.length) {
            marks = java.util.Arrays.copyOf(marks, marks.length * 2);
        }
        marks[markCount++] = stack.size();
    }

    private List<PyValue> popMark(long off) throws MalformedPickle {
        if (markCount == 0) {
            throw new MalformedPickle("could not find MARK at offset " + off);
        }
        int base = marks[--markCount];
        List<PyValue> sub = stack.subList(base, stack.size());
        List<PyValue> items = new ArrayList<>(sub);
        sub.clear();
        return items;
    }

    private PyValue memoGet(Number key, long off) throws MalformedPickle {
        PyValue v = memo.get(key.longValue());
        if (v == null) {
            throw new MalformedPickle("memo key " + key + " not found at offset " + off);
        }
        return v;
    }

    private void memoPut(long key, long off) throws IOException {
        if (key < 0) {
            throw new MalformedPickle("negative memo key at offset " + off);
        }
        memo.put(key, top(off));
        if (memo.size() > limits.maxMemo()) {
            throw new LimitReached("more than " + limits.maxMemo() + " memo entries");
        }
    }

    // ---- containers

    private PyValue seq(PyValue.Seq.Kind kind, List<PyValue> items) {
        return new PyValue.Seq(kind, keep || items.size() <= SMALL ? items : new ArrayList<>(), new long[] {items.size()});
    }

    private void extend(PyValue target, List<PyValue> items, long off, String opcode) throws MalformedPickle {
        if (target instanceof PyValue.Seq s && s.kind() == PyValue.Seq.Kind.LIST) {
            addItems(s, items);
        } else if (target instanceof PyValue.Dict || target instanceof PyValue.Seq) {
            throw new MalformedPickle(opcode + " to a " + describe(target) + " at offset " + off);
        } else {
            methodCall(target, opcode, off);
        }
    }

    private void addItems(PyValue.Seq s, List<PyValue> items) {
        if (s.complete() && (keep || s.size() + items.size() <= SMALL)) {
            s.items().addAll(items);
        } else if (!keep) {
            s.items().clear();
        }
        s.count()[0] += items.size();
    }

    private void setItems(PyValue target, List<PyValue> kv, long off) throws MalformedPickle {
        if (kv.size() % 2 != 0) {
            throw new MalformedPickle("SETITEMS with an odd number of items at offset " + off);
        }
        if (target instanceof PyValue.Dict d) {
            putAll(d, kv, off);
        } else if (target instanceof PyValue.Seq) {
            throw new MalformedPickle("SETITEM on a " + describe(target) + " at offset " + off);
        } else {
            methodCall(target, "SETITEMS", off);
        }
    }

    private void putAll(PyValue.Dict d, List<PyValue> kv, long off) throws MalformedPickle {
        if (kv.size() % 2 != 0) {
            throw new MalformedPickle("DICT with an odd number of items at offset " + off);
        }
        if (d.complete() && (keep || d.size() + kv.size() / 2 <= SMALL)) {
            for (int i = 0; i < kv.size(); i += 2) {
                d.keys().add(kv.get(i));
                d.values().add(kv.get(i + 1));
            }
        } else if (!keep) {
            d.keys().clear();
            d.values().clear();
        }
        d.count()[0] += kv.size() / 2;
    }

    private void methodCall(PyValue target, String opcode, long off) {
        rec.methodCall(target, opcode, off);
    }

    // ---- arguments

    private PyValue str(long len, long off, java.nio.charset.Charset cs) throws IOException {
        if (len < 0) {
            throw new MalformedPickle("negative string length at offset " + off);
        }
        if (len > KEEP_STRING) {
            src.skip(len);
            return new PyValue.Str("", true);
        }
        return new PyValue.Str(new String(src.bytes((int) len), cs), false);
    }

    private PyValue bytes(long len, long off, boolean mutable) throws IOException {
        if (len < 0) {
            throw new MalformedPickle("negative bytes length at offset " + off);
        }
        int head = (int) Math.min(len, KEEP_BYTES_HEAD);
        byte[] h = src.bytes(head);
        src.skip(len - head);
        return new PyValue.Bytes(len, h, mutable);
    }

    private PyValue longBytes(int len, long off) throws IOException {
        if (len == 0) {
            return PyValue.Int.of(0);
        }
        if (len > 4096) {
            src.skip(len);
            rec.note(Severity.INFO, "huge-int", len + " bytes", off, "an integer of more than 4096 bytes; its value is not kept");
            return PyValue.Int.of(0);
        }
        byte[] le = src.bytes(len);
        byte[] be = new byte[len];
        for (int i = 0; i < len; i++) {
            be[i] = le[len - 1 - i];
        }
        return PyValue.Int.of(new BigInteger(be));
    }

    static String abbreviate(String s) {
        return OpcodeText.abbreviate(s);
    }

    /** A short, human description of a symbolic value. */
    static String describe(PyValue v) {
        return OpcodeText.describe(v);
    }
}
