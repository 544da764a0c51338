package dev.msw.crypto;

/**
 * Argon2id cost parameters of a passphrase stanza. {@link #DEFAULT} uses the memory and passes of RFC 9106's
 * second recommended option (64 MiB, t=3) with one lane, since Bouncy Castle computes lanes one after another.
 */
public record Argon2Settings(int memoryKiB, int iterations, int parallelism) {
    public static final Argon2Settings DEFAULT = new Argon2Settings(64 * 1024, 3, 1);
    /** The most a file may ask for: bounds the memory a crafted file can make a reader allocate. */
    static final int MAX_MEMORY_KIB = 256 * 1024;

    public Argon2Settings {
        if (memoryKiB < 8 || memoryKiB > MAX_MEMORY_KIB) {
            throw new IllegalArgumentException("Argon2id memory must be between 8 KiB and 256 MiB, not " + memoryKiB + " KiB");
        }
        if (iterations < 1 || iterations > 64) {
            throw new IllegalArgumentException("Argon2id iterations must be between 1 and 64, not " + iterations);
        }
        if (parallelism < 1 || parallelism > 16) {
            throw new IllegalArgumentException("Argon2id parallelism must be between 1 and 16, not " + parallelism);
        }
    }
}
