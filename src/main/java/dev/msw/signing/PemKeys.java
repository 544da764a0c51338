package dev.msw.signing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;

/**
 * Reads and writes PEM keys the way OpenSSL does. Private keys: PKCS#8, encrypted PKCS#8, SEC1
 * ({@code EC PRIVATE KEY}) and PKCS#1 ({@code RSA PRIVATE KEY}), including OpenSSL's legacy
 * {@code Proc-Type: 4,ENCRYPTED} form; public keys: SubjectPublicKeyInfo. Text before the PEM block is skipped.
 * Keys come back as JDK key objects so signing runs on the JDK's own providers. Plain PKCS#8 and SPKI keys are
 * read by the JDK alone; everything else by Bouncy Castle, loaded only then (it costs start-up time).
 */
public final class PemKeys {
    private PemKeys() {
    }

    /** Reads a private key and derives its public half; {@code passphrase} may be null for plain keys. */
    public static KeyPair readPrivateKey(Path file, char[] passphrase) {
        String text = readText(file, "private key");
        KeyPair plain = JdkPemKeys.tryRead(text);
        return plain != null ? plain : BouncyCastlePem.readPrivateKey(file, text, passphrase);
    }

    /** True when {@code file} holds an encrypted private key (so the caller knows to ask for a passphrase). */
    public static boolean isEncrypted(Path file) {
        return readText(file, "private key").contains("ENCRYPTED");
    }

    /** Reads a SubjectPublicKeyInfo PEM public key ({@code -----BEGIN PUBLIC KEY-----}). */
    public static PublicKey readPublicKey(Path file) {
        String text = readText(file, "public key");
        String begin = "-----BEGIN PUBLIC KEY-----";
        int b = text.indexOf(begin);
        int e = text.indexOf("-----END PUBLIC KEY-----");
        if (b >= 0 && e > b && !text.contains("PRIVATE KEY")) {
            try {
                byte[] der = Base64.getMimeDecoder().decode(text.substring(b + begin.length(), e));
                for (String alg : new String[] {"EC", "RSA", "Ed25519"}) {
                    try {
                        return KeyFactory.getInstance(alg).generatePublic(new X509EncodedKeySpec(der));
                    } catch (GeneralSecurityException wrongAlgorithm) {
                        // try the next algorithm
                    }
                }
            } catch (IllegalArgumentException notBase64) {
                // let the full reader explain
            }
        }
        return BouncyCastlePem.readPublicKey(file, text);
    }

    /** Every X.509 certificate in a PEM file, in file order. */
    public static List<X509Certificate> readCertificates(Path file) {
        return BouncyCastlePem.readCertificates(file, readText(file, "certificate"));
    }

    /** PKCS#8 PEM text; encrypted (PBES2, AES-256-CBC, PBKDF2-HMAC-SHA256) when {@code passphrase} is non-empty. */
    public static String privateKeyPem(PrivateKey key, char[] passphrase) {
        return BouncyCastlePem.privateKeyPem(key, passphrase);
    }

    /**
     * SubjectPublicKeyInfo PEM exactly as OpenSSL and Python's cryptography write it (64-column base64, LF line
     * ends); model-signing's key hint is the SHA-256 of this text.
     */
    public static String publicKeyPem(PublicKey key) {
        String b64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + b64 + "\n-----END PUBLIC KEY-----\n";
    }

    /** The first line of a passphrase file (as {@code openssl -passin file:F} reads it). */
    public static char[] readPassphraseFile(Path file) {
        String text = readText(file, "passphrase");
        int nl = text.indexOf('\n');
        String line = nl >= 0 ? text.substring(0, nl) : text;
        if (line.endsWith("\r")) {
            line = line.substring(0, line.length() - 1);
        }
        if (line.isEmpty()) {
            throw new SigningException("The passphrase file " + file + " is empty", "its first line holds no passphrase",
                    "write the passphrase on the first line of the file");
        }
        return line.toCharArray();
    }

    static String readText(Path file, String what) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new SigningException("The " + what + " file " + file + " does not exist", "no file at that path",
                    "check the path");
        } catch (IOException e) {
            throw new SigningException("Cannot read the " + what + " file " + file, e.getMessage(),
                    "check that the file exists and is readable", e);
        }
    }
}
