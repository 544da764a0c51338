package dev.msw.inspect.pickle;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * A buffered byte source that knows its position, reads pickle arguments, and skips large payloads without
 * holding them (tensor bytes are never kept in memory).
 */
final class PickleSource {
    static final int MAX_LINE = 1 << 16;
    private final InputStream in;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int lim;
    private long base;

    PickleSource(InputStream in) {
        this.in = in;
    }

    long position() {
        return base + pos;
    }

    private boolean fill() throws IOException {
        if (pos < lim) {
            return true;
        }
        base += lim;
        pos = 0;
        lim = 0;
        int n = in.read(buf, 0, buf.length);
        while (n == 0) {
            n = in.read(buf, 0, buf.length);
        }
        if (n < 0) {
            return false;
        }
        lim = n;
        return true;
    }

    /** The next byte, or -1 at the end. */
    int read() throws IOException {
        if (pos >= lim && !fill()) {
            return -1;
        }
        return buf[pos++] & 0xff;
    }

    /** The next byte without consuming it, or -1 at the end. */
    int peek() throws IOException {
        if (pos >= lim && !fill()) {
            return -1;
        }
        return buf[pos] & 0xff;
    }

    int u8() throws IOException {
        int b = read();
        if (b < 0) {
            throw new EOFException("truncated");
        }
        return b;
    }

    int u16() throws IOException {
        return u8() | (u8() << 8);
    }

    long u32() throws IOException {
        return (u16() & 0xffffL) | ((long) u16() << 16);
    }

    int i32() throws IOException {
        return (int) u32();
    }

    long u64() throws IOException {
        return u32() | (u32() << 32);
    }

    byte[] bytes(int n) throws IOException {
        byte[] out = new byte[n];
        int off = 0;
        while (off < n) {
            if (pos >= lim && !fill()) {
                throw new EOFException("truncated");
            }
            int k = Math.min(n - off, lim - pos);
            System.arraycopy(buf, pos, out, off, k);
            pos += k;
            off += k;
        }
        return out;
    }

    /** Skips {@code n} bytes, failing at the end of input. */
    void skip(long n) throws IOException {
        while (n > 0) {
            if (pos >= lim && !fill()) {
                throw new EOFException("truncated");
            }
            int k = (int) Math.min(n, lim - pos);
            pos += k;
            n -= k;
        }
    }

    /** A newline-terminated line without the newline; longer than {@link #MAX_LINE} is an error. */
    byte[] line() throws IOException {
        java.io.ByteArrayOutputStream out = null;
        while (true) {
            if (pos >= lim && !fill()) {
                throw new EOFException("truncated: line without newline");
            }
            for (int i = pos; i < lim; i++) {
                if (buf[i] == '\n') {
                    byte[] res;
                    if (out == null) {
                        res = java.util.Arrays.copyOfRange(buf, pos, i);
                    } else {
                        out.write(buf, pos, i - pos);
                        res = out.toByteArray();
                    }
                    pos = i + 1;
                    if (res.length > MAX_LINE) {
                        throw new IOException("line argument longer than " + MAX_LINE + " bytes");
                    }
                    return res;
                }
            }
            if (out == null) {
                out = new java.io.ByteArrayOutputStream();
            }
            out.write(buf, pos, lim - pos);
            pos = lim;
            if (out.size() > MAX_LINE) {
                throw new IOException("line argument longer than " + MAX_LINE + " bytes");
            }
        }
    }
}
