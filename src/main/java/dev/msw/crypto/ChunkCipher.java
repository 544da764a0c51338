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
    private final SecretKeySpec key;
    private final ThreadLocal<Cipher> cipher = ThreadLocal.withInitial(ChunkCipher::newCipher);

    ChunkCipher(byte[] payloadKey) {
        this.key = new SecretKeySpec(payloadKey, "AES");
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
