package dev.msw.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM of single STREAM chunks with the JDK's SunJCE provider (AES-NI/CLMUL intrinsics; Bouncy
 * Castle's pure-Java GCM is some 30 times slower). One {@link Cipher} per worker thread.
 */
final class ChunkCipher {
    private static final int WARMUP_BYTES = 64;
    /** Above SunJCE's 64 KiB split threshold, so that probes take the branches a 1 MiB chunk takes. */
    private static final int WARMUP_PROBE = 256 * 1024;
    private static final double WARMED_MB_PER_SECOND = 500;
    /**
     * Small calls between two probes. Probing every 100 calls cost 'msw decrypt' of 1 GiB 0.13 s more (the
     * probes run slowly until compiled, and compete with unlocking the key) without a measured benefit.
     */
    private static final int WARMUP_CALLS_PER_PROBE = 1000;
    private static final long WARMUP_BUDGET_NANOS = 4_000_000_000L;
    /** The longest a command waits for the warm-up; an unlucky JIT ordering must not cost it seconds. */
    private static final long WARMUP_WAIT_MILLIS = 1000;
    /** Inputs at least this large wait for the warm-up (a few hundred ms) before starting. */
    private static final long WARMUP_WORTH_WAITING = 16L << 20;
    private static final Thread WARMUP = startWarmup();

    private final SecretKeySpec key;
    private final ThreadLocal<Cipher> cipher = ThreadLocal.withInitial(ChunkCipher::newCipher);

    /** Loading this class starts the warm-up thread; nothing more is needed. */
    static void startWarmupNow() {
        // the static initialiser has run by the time this method is called
    }

    /**
     * Before {@code total} bytes (negative: unknown) are sealed or opened: waits (at most 1 s) for the warm-up when
     * the input is large enough to gain from running at full speed from its first chunk.
     */
    static void awaitWarmup(long total) {
        if (total >= 0 && total < WARMUP_WORTH_WAITING) {
            return;
        }
        try {
            WARMUP.join(WARMUP_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    ChunkCipher(byte[] payloadKey) {
        this.key = new SecretKeySpec(payloadKey, "AES");
    }

    /**
     * SunJCE's fast GCM path (AES-NI/VAES + CLMUL intrinsics) runs only once the JIT has C2-compiled the
     * GCM engine, which it does after some thousand calls. With 1 MiB chunks that is ~1000 chunks: a gigabyte
     * at ~40 MB/s (measured here). Ten thousand calls on 64-byte messages get it compiled in ~0.3 s; the
     * compiled code then serves every thread. A command waits for it at most 1 s: once, with one particular
     * class-data archive, the probes never reached compiled speed, and 'msw decrypt' of 1 GiB waited out the
     * whole 4 s budget it then had (docs/BENCHMARKS.md).
     */
    private static Thread startWarmup() {
        Thread t = new Thread(ChunkCipher::warmUp, "msw-gcm-warmup");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Small calls until a 256 KiB message runs at compiled speed (or the time budget is spent). */
    private static void warmUp() {
        try {
            Cipher c = newCipher();
            SecretKeySpec k = new SecretKeySpec(new byte[32], "AES");
            byte[] plain = new byte[WARMUP_PROBE];
            byte[] sealed = new byte[WARMUP_PROBE + KeySchedule.TAG_LENGTH];
            long deadline = System.nanoTime() + WARMUP_BUDGET_NANOS;
            long counter = 0;
            while (System.nanoTime() < deadline) {
                for (int i = 0; i < WARMUP_CALLS_PER_PROBE; i++) {
                    roundTrip(c, k, counter++, plain, sealed, WARMUP_BYTES);
                }
                long t0 = System.nanoTime();
                roundTrip(c, k, counter++, plain, sealed, WARMUP_PROBE);
                double mbPerSecond = 2.0 * WARMUP_PROBE / ((System.nanoTime() - t0) / 1e3);
                if (counter > 10_000 && mbPerSecond > WARMED_MB_PER_SECOND) {
                    return;
                }
            }
        } catch (GeneralSecurityException e) {
            // only a warm-up: real calls report their own errors
        }
    }

    private static void roundTrip(Cipher c, SecretKeySpec k, long counter, byte[] plain, byte[] sealed, int len)
            throws GeneralSecurityException {
        byte[] nonce = KeySchedule.nonce(counter, false);
        c.init(Cipher.ENCRYPT_MODE, k, new GCMParameterSpec(128, nonce));
        int n = c.doFinal(plain, 0, len, sealed, 0);
        c.init(Cipher.DECRYPT_MODE, k, new GCMParameterSpec(128, nonce));
        c.doFinal(sealed, 0, n, plain, 0);
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding", "SunJCE");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's SunJCE AES/GCM is not available", e);
        }
    }

    /** Encrypts {@code len} bytes of {@code in} into {@code out}; returns len + 16. */
    int encrypt(long index, boolean last, byte[] in, int len, byte[] out) throws GeneralSecurityException {
        Cipher c = cipher.get();
        c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, KeySchedule.nonce(index, last)));
        return c.doFinal(in, 0, len, out, 0);
    }

    /**
     * Decrypts and authenticates one chunk; returns the plaintext length. SunJCE releases plaintext only
     * after the tag verifies, so {@code out} holds nothing usable when this throws.
     */
    int decrypt(long index, boolean last, byte[] in, int len, byte[] out) throws AEADBadTagException {
        Cipher c = cipher.get();
        try {
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, KeySchedule.nonce(index, last)));
            return c.doFinal(in, 0, len, out, 0);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM chunk decryption failed: " + e.getMessage(), e);
        }
    }
}
