package dev.msw.crypto;

import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Deque;

/** A "random" source that hands out given byte strings in order: test vectors need fixed salts and nonces. */
final class FixedRandom extends SecureRandom {
    private final Deque<byte[]> values = new ArrayDeque<>();

    FixedRandom(byte[]... values) {
        for (byte[] v : values) {
            this.values.add(v);
        }
    }

    @Override
    public void nextBytes(byte[] bytes) {
        byte[] next = values.poll();
        if (next == null || next.length != bytes.length) {
            throw new AssertionError("the test vector expected another " + bytes.length + "-byte value");
        }
        System.arraycopy(next, 0, bytes, 0, bytes.length);
    }

    /** {@code n} bytes counting up from {@code start}: 0x00 0x01 0x02 … */
    static byte[] counting(int start, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (start + i);
        }
        return b;
    }
}
