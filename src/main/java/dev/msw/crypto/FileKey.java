package dev.msw.crypto;

import java.security.SecureRandom;
import java.util.Arrays;
import javax.security.auth.Destroyable;

/**
 * The random 256-bit key of one encrypted file. Every key stanza wraps this key; the payload key and the
 * header MAC key are derived from it. Access to the raw bytes is explicit ({@link #rawBytes()}) so that it
 * can be found by grep; {@link #destroy()} zeroes them and any later use throws.
 */
public final class FileKey implements Destroyable {
    public static final int LENGTH = 32;

    private final byte[] key;
    private boolean destroyed;

    private FileKey(byte[] key) {
        this.key = key;
    }

    public static FileKey generate(SecureRandom random) {
        byte[] k = new byte[LENGTH];
        random.nextBytes(k);
        return new FileKey(k);
    }

    /** Wraps a copy of {@code raw} (32 bytes), e.g. a key a stanza just unwrapped. */
    public static FileKey of(byte[] raw) {
        if (raw.length != LENGTH) {
            throw new IllegalArgumentException("a file key has " + LENGTH + " bytes, not " + raw.length);
        }
        return new FileKey(raw.clone());
    }

    /** A copy of the raw key bytes, for recipients that wrap them; zero the copy when done. */
    public byte[] rawBytes() {
        if (destroyed) {
            throw new IllegalStateException("the file key was destroyed");
        }
        return key.clone();
    }

    @Override
    public void destroy() {
        Arrays.fill(key, (byte) 0);
        destroyed = true;
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    @Override
    public String toString() {
        return "FileKey[hidden]";
    }
}
