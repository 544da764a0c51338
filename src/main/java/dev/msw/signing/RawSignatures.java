package dev.msw.signing;

import dev.msw.core.CancellationToken;
import dev.msw.core.ProgressListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.util.HexFormat;

/**
 * Detached signatures byte-compatible with OpenSSL: RSA keys sign PKCS#1 v1.5 over SHA-256 and EC keys ECDSA
 * (DER) over SHA-256, exactly what {@code openssl dgst -sha256 -sign} writes and {@code -verify} reads; Ed25519
 * keys sign the raw file as {@code openssl pkeyutl -sign -rawin} does. The file is hashed once, with progress
 * and cancellation; the digest is then signed with the JDK's "NONEwith…" primitives.
 */
public final class RawSignatures {
    /** DER prefix of a PKCS#1 DigestInfo for SHA-256 (RFC 8017, section 9.2, note 1). */
    private static final byte[] SHA256_DIGEST_INFO = HexFormat.of().parseHex("3031300d060960864801650304020105000420");
    /** Ed25519 signs the whole message at once, so the file must fit in one Java array. */
    static final long ED25519_MAX_BYTES = Integer.MAX_VALUE - 64;

    private RawSignatures() {
    }

    /** "RSA PKCS#1 v1.5 with SHA-256", "ECDSA with SHA-256", "Ed25519 (raw input)". */
    public static String algorithm(PublicKey key) {
        if (key instanceof RSAKey) {
            return "RSA PKCS#1 v1.5 with SHA-256";
        }
        if (key instanceof ECKey) {
            return "ECDSA with SHA-256 (DER)";
        }
        return "Ed25519 (raw input)";
    }

    public static byte[] sign(Path file, PrivateKey key, ProgressListener progress, CancellationToken cancel) {
        return sign(file, key, null, progress, cancel);
    }

    /**
     * Starts hashing {@code file} (SHA-256, what RSA and ECDSA signatures cover) on a background thread, so that
     * the caller can read and decrypt the key meanwhile; pass the result to
     * {@link #sign(Path, PrivateKey, DigestAhead, ProgressListener, CancellationToken)}. Takes over the digest
     * the launcher began for this file, if any ({@link EarlyDigests}).
     */
    public static DigestAhead digestAhead(Path file, ProgressListener progress, CancellationToken cancel) {
        DigestAhead early = EarlyDigests.take(file, progress);
        return early != null ? early : DigestAhead.start(file, cancel).reportingTo(progress);
    }

    /** As {@link #sign(Path, PrivateKey, ProgressListener, CancellationToken)}, with the digest begun already. */
    public static byte[] sign(Path file, PrivateKey key, DigestAhead ahead, ProgressListener progress,
            CancellationToken cancel) {
        try {
            if (key instanceof RSAKey || key instanceof ECKey) {
                byte[] digest = ahead != null ? ahead.join(cancel) : FileDigests.digest(file, "SHA-256", progress, cancel);
                Signature s = Signature.getInstance(key instanceof RSAKey ? "NONEwithRSA" : "NONEwithECDSA");
                s.initSign(key);
                s.update(key instanceof RSAKey ? digestInfo(digest) : digest);
                return s.sign();
            }
            if (ahead != null) {
                ahead.abandon();
            }
            EarlyDigests.abandonAll();
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(key);
            s.update(readWhole(file, progress, cancel));
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new SigningException("Cannot sign " + file + " with this key", e.getMessage(),
                    "use an RSA, ECDSA or Ed25519 private key", e);
        }
    }

    /** True when {@code signature} is a valid signature of {@code file} by {@code key}. */
    public static boolean verify(Path file, PublicKey key, byte[] signature, ProgressListener progress,
            CancellationToken cancel) {
        try {
            Signature s;
            if (key instanceof RSAKey || key instanceof ECKey) {
                DigestAhead early = EarlyDigests.take(file, progress);
                byte[] digest = early != null ? early.join(cancel) : FileDigests.digest(file, "SHA-256", progress, cancel);
                s = Signature.getInstance(key instanceof RSAKey ? "NONEwithRSA" : "NONEwithECDSA");
                s.initVerify(key);
                s.update(key instanceof RSAKey ? digestInfo(digest) : digest);
            } else {
                EarlyDigests.abandonAll();
                s = Signature.getInstance("Ed25519");
                s.initVerify(key);
                s.update(readWhole(file, progress, cancel));
            }
            return s.verify(signature);
        } catch (SignatureException e) {
            return false; // malformed DER or wrong length: not a signature of this file
        } catch (GeneralSecurityException e) {
            throw new SigningException("Cannot verify with the public key", e.getMessage(),
                    "use the RSA, ECDSA or Ed25519 public key that belongs to the signing key", e);
        }
    }

    private static byte[] digestInfo(byte[] digest) {
        byte[] out = new byte[SHA256_DIGEST_INFO.length + digest.length];
        System.arraycopy(SHA256_DIGEST_INFO, 0, out, 0, SHA256_DIGEST_INFO.length);
        System.arraycopy(digest, 0, out, SHA256_DIGEST_INFO.length, digest.length);
        return out;
    }

    private static byte[] readWhole(Path file, ProgressListener progress, CancellationToken cancel) {
        try {
            long size = Files.size(file);
            if (size > ED25519_MAX_BYTES) {
                throw new SigningException("Cannot sign " + file + " with Ed25519",
                        "Ed25519 signs the whole file in memory and the file is larger than 2 GiB",
                        "use an ECDSA or RSA key for files this large");
            }
            cancel.throwIfCancelled();
            byte[] all = Files.readAllBytes(file);
            progress.progress(all.length, size, file.getFileName().toString());
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
