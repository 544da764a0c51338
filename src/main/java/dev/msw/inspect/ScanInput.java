package dev.msw.inspect;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A stream being scanned: counts the bytes read (for offsets and sizes) and stops with {@link LimitExceeded}
 * beyond a maximum, which bounds what a decompression bomb can make us read.
 */
public final class ScanInput extends FilterInputStream {
    /** Reading went past the configured maximum. */
    public static final class LimitExceeded extends IOException {
        public LimitExceeded(String message) {
            super(message);
        }
    }

    private final long max;
    private long count;

    public ScanInput(InputStream in, long max) {
        super(in);
        this.max = max;
    }

    public long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            advance(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            advance(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long s = super.skip(n);
        if (s > 0) {
            advance(s);
        }
        return s;
    }

    private void advance(long n) throws LimitExceeded {
        count += n;
        if (count > max) {
            throw new LimitExceeded("more than " + max + " bytes");
        }
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** Reads and discards the rest, returning how many bytes that was. */
    public long drain() throws IOException {
        byte[] buf = new byte[1 << 16];
        long total = 0;
        int n;
        while ((n = read(buf, 0, buf.length)) >= 0) {
            total += n;
        }
        return total;
    }
}
