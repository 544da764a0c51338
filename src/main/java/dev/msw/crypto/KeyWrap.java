package dev.msw.crypto;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM wrapping of a file key under a key-encryption key: body = nonce(12) ‖ ciphertext(32) ‖ tag(16),
 * with the stanza's binding data as associated data. Used by the local and passphrase stanzas.
 */
final class KeyWrap {
    static final int WRAPPED_LENGTH = KeySchedule.NONCE_LENGTH + FileKey.LENGTH + KeySchedule.TAG_LENGTH;

    private KeyWrap() {
    }

    static byte[] wrap(SecretKey kek, byte[] nonce, FileKey fileKey, byte[] aad) {
        byte[] raw = fileKey.rawBytes();
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, aesKey(kek), new GCMParameterSpec(128, nonce));
            c.updateAAD(aad);
            byte[] ct = c.doFinal(raw);
            byte[] body = new byte[WRAPPED_LENGTH];
            System.arraycopy(nonce, 0, body, 0, nonce.length);
            System.arraycopy(ct, 0, body, nonce.length, ct.length);
            return body;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot wrap the file key with AES-256-GCM: " + e.getMessage(), e);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    static byte[] randomNonce(SecureRandom random) {
        byte[] n = new byte[KeySchedule.NONCE_LENGTH];
        random.nextBytes(n);
        return n;
    }

    /** Empty when the tag does not verify (wrong key-encryption key, or altered body or binding data). */
    static Optional<FileKey> unwrap(SecretKey kek, byte[] body, int offset, byte[] aad) {
        if (body.length - offset != WRAPPED_LENGTH) {
            return Optional.empty();
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, aesKey(kek),
                    new GCMParameterSpec(128, body, offset, KeySchedule.NONCE_LENGTH));
            c.updateAAD(aad);
            byte[] raw = c.doFinal(body, offset + KeySchedule.NONCE_LENGTH, FileKey.LENGTH + KeySchedule.TAG_LENGTH);
            FileKey k = FileKey.of(raw);
            Arrays.fill(raw, (byte) 0);
            return Optional.of(k);
        } catch (AEADBadTagException e) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot unwrap the file key with AES-256-GCM: " + e.getMessage(), e);
        }
    }

    private static SecretKey aesKey(SecretKey k) {
        byte[] enc = k.getEncoded();
        if (enc == null || enc.length != 32) {
            throw new IllegalArgumentException("a key-encryption key must be a 256-bit AES key");
        }
        return new SecretKeySpec(enc, "AES");
    }
}
