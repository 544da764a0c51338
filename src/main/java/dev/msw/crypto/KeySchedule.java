package dev.msw.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys derived from a file key (HKDF-SHA-256, RFC 5869, salt = header salt) and the STREAM nonces.
 * Kept in one place so that the spec in docs/FORMAT.md and the code cannot drift apart.
 */
final class KeySchedule {
    static final byte[] PAYLOAD_INFO = "msw/v1 payload".getBytes(StandardCharsets.US_ASCII);
    static final byte[] HEADER_MAC_INFO = "msw/v1 header".getBytes(StandardCharsets.US_ASCII);
    static final int NONCE_LENGTH = 12;
    static final int TAG_LENGTH = 16;

    private KeySchedule() {
    }

    static byte[] payloadKey(FileKey fileKey, byte[] salt) {
        return hkdf(fileKey, salt, PAYLOAD_INFO);
    }

    static byte[] headerMacKey(FileKey fileKey, byte[] salt) {
        return hkdf(fileKey, salt, HEADER_MAC_INFO);
    }

    /** HKDF-SHA-256 with a 32-byte output (one expand block). */
    static byte[] hkdf(FileKey fileKey, byte[] salt, byte[] info) {
        byte[] ikm = fileKey.rawBytes();
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(salt, "HmacSHA256"));
            byte[] prk = mac.doFinal(ikm);
            mac.init(new SecretKeySpec(prk, "HmacSHA256"));
            mac.update(info);
            mac.update((byte) 1);
            byte[] okm = mac.doFinal();
            java.util.Arrays.fill(prk, (byte) 0);
            return okm;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is missing from this Java runtime", e);
        } finally {
            java.util.Arrays.fill(ikm, (byte) 0);
        }
    }

    static byte[] hmac(byte[] key, byte[] data, int off, int len) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(data, off, len);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is missing from this Java runtime", e);
        }
    }

    static boolean constantTimeEquals(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }

    /** STREAM nonce: 11-byte big-endian chunk counter, then 0x01 for the last chunk and 0x00 otherwise. */
    static byte[] nonce(long counter, boolean last) {
        byte[] n = new byte[NONCE_LENGTH];
        long c = counter;
        for (int i = 10; i >= 3; i--) {
            n[i] = (byte) c;
            c >>>= 8;
        }
        n[11] = (byte) (last ? 1 : 0);
        return n;
    }
}
