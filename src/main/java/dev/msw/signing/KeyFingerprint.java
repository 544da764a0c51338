package dev.msw.signing;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.HexFormat;

/**
 * Names a public key for people: the SHA-256 fingerprint of its DER (SubjectPublicKeyInfo) encoding, the same
 * value as {@code openssl pkey -pubin -outform DER | sha256sum}, and a short algorithm description.
 */
public final class KeyFingerprint {
    private KeyFingerprint() {
    }

    /** Lower-case hex SHA-256 of the DER public key. */
    public static String of(PublicKey key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** "SHA256:ab:cd…"-style text shortened for tables: the first 16 hex digits. */
    public static String shortForm(PublicKey key) {
        return of(key).substring(0, 16);
    }

    /** "ECDSA P-256", "Ed25519", "RSA 3072". */
    public static String describe(PublicKey key) {
        if (key instanceof ECPublicKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            return "ECDSA P-" + bits;
        }
        if (key instanceof RSAPublicKey rsa) {
            return "RSA " + rsa.getModulus().bitLength();
        }
        String alg = key.getAlgorithm();
        if (alg.equalsIgnoreCase("EdDSA") || alg.equalsIgnoreCase("Ed25519")) {
            return "Ed25519";
        }
        return alg;
    }

    /** The key type of {@code key}, or null when the workbench cannot sign with it. */
    public static KeyType typeOf(PublicKey key) {
        return switch (describe(key)) {
            case "ECDSA P-256" -> KeyType.EC_P256;
            case "ECDSA P-384" -> KeyType.EC_P384;
            case "ECDSA P-521" -> KeyType.EC_P521;
            case "Ed25519" -> KeyType.ED25519;
            default -> key instanceof RSAPublicKey rsa
                    ? (rsa.getModulus().bitLength() <= 3072 ? KeyType.RSA_3072 : KeyType.RSA_4096) : null;
        };
    }
}
