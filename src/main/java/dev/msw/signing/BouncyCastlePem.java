package dev.msw.signing;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
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
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * The Bouncy Castle half of {@link PemKeys}: every PEM form OpenSSL writes. Private keys: PKCS#8, encrypted PKCS#8, SEC1
 * ({@code EC PRIVATE KEY}) and PKCS#1 ({@code RSA PRIVATE KEY}), including OpenSSL's legacy
 * {@code Proc-Type: 4,ENCRYPTED} form; public keys: SubjectPublicKeyInfo. Text before the PEM block is skipped.
 * Keys come back as JDK key objects so signing runs on the JDK's own providers.
 */
final class BouncyCastlePem {
    private static final int PBKDF2_ITERATIONS = 200_000;

    /** Created only for encrypted keys: registering Bouncy Castle costs start-up time every plain run would pay. */
    private static final class Bc {
        static final java.security.Provider PROVIDER = new BouncyCastleProvider();
    }

    private BouncyCastlePem() {
    }

    /** Reads a private key and derives its public half; {@code passphrase} may be null for plain keys. */
    static KeyPair readPrivateKey(Path file, String text, char[] passphrase) {
        try (PEMParser parser = new PEMParser(new StringReader(text))) {
            Object o;
            while ((o = parser.readObject()) != null) {
                PrivateKeyInfo info = toPrivateKeyInfo(o, file, passphrase);
                if (info != null) {
                    return toKeyPair(info, file);
                }
            }
        } catch (IOException e) {
            throw notAKey(file, "it is not valid PEM (" + e.getMessage() + ")", "private key", e);
        }
        throw notAKey(file, "it holds no PEM private key block", "private key", null);
    }

    private static PrivateKeyInfo toPrivateKeyInfo(Object o, Path file, char[] passphrase) {
        try {
            if (o instanceof PrivateKeyInfo pki) {
                return pki;
            }
            if (o instanceof PEMKeyPair kp) {
                return kp.getPrivateKeyInfo();
            }
            if (o instanceof PKCS8EncryptedPrivateKeyInfo enc) {
                requirePassphrase(file, passphrase);
                return enc.decryptPrivateKeyInfo(new JceOpenSSLPKCS8DecryptorProviderBuilder()
                        .setProvider(Bc.PROVIDER).build(passphrase));
            }
            if (o instanceof PEMEncryptedKeyPair enc) {
                requirePassphrase(file, passphrase);
                return enc.decryptKeyPair(new JcePEMDecryptorProviderBuilder()
                        .setProvider(Bc.PROVIDER).build(passphrase)).getPrivateKeyInfo();
            }
        } catch (SigningException e) {
            throw e;
        } catch (Exception e) {
            throw new SigningException("Cannot decrypt the private key " + file,
                    "the passphrase is wrong (or the key file is damaged)",
                    "check the passphrase file: its first line is the passphrase, without extra spaces");
        }
        return null;
    }

    private static void requirePassphrase(Path file, char[] passphrase) {
        if (passphrase == null || passphrase.length == 0) {
            throw new SigningException("The private key " + file + " is encrypted", "no passphrase was given",
                    "pass --passphrase-file with a file whose first line is the passphrase");
        }
    }

    private static KeyPair toKeyPair(PrivateKeyInfo info, Path file) {
        try {
            String alg = jdkAlgorithm(info.getPrivateKeyAlgorithm().getAlgorithm(), file);
            KeyFactory kf = KeyFactory.getInstance(alg);
            PrivateKey priv = kf.generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
            PublicKey pub = kf.generatePublic(new X509EncodedKeySpec(derivePublic(info).getEncoded()));
            return new KeyPair(pub, priv);
        } catch (SigningException e) {
            throw e;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw notAKey(file, "its key data cannot be read (" + e.getMessage() + ")", "private key", e);
        }
    }

    private static SubjectPublicKeyInfo derivePublic(PrivateKeyInfo info) throws IOException {
        AsymmetricKeyParameter priv = PrivateKeyFactory.createKey(info);
        AsymmetricKeyParameter pub;
        if (priv instanceof ECPrivateKeyParameters ec) {
            pub = new ECPublicKeyParameters(ec.getParameters().getG().multiply(ec.getD()).normalize(), ec.getParameters());
        } else if (priv instanceof RSAPrivateCrtKeyParameters rsa) {
            pub = new RSAKeyParameters(false, rsa.getModulus(), rsa.getPublicExponent());
        } else if (priv instanceof Ed25519PrivateKeyParameters ed) {
            pub = ed.generatePublicKey();
        } else {
            throw new IOException("unsupported key type " + priv.getClass().getSimpleName());
        }
        return SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(pub);
    }

    private static String jdkAlgorithm(ASN1ObjectIdentifier oid, Path file) {
        if (oid.equals(PKCSObjectIdentifiers.rsaEncryption)) {
            return "RSA";
        }
        if (oid.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            return "EC";
        }
        if (oid.equals(EdECObjectIdentifiers.id_Ed25519)) {
            return "Ed25519";
        }
        throw new SigningException("Unsupported key in " + file, "its algorithm (OID " + oid + ") is not RSA, EC or Ed25519",
                "use an RSA, ECDSA (P-256/P-384/P-521) or Ed25519 key");
    }

    /** Reads a SubjectPublicKeyInfo PEM public key ({@code -----BEGIN PUBLIC KEY-----}). */
    static PublicKey readPublicKey(Path file, String text) {
        try (PEMParser parser = new PEMParser(new StringReader(text))) {
            Object o;
            while ((o = parser.readObject()) != null) {
                SubjectPublicKeyInfo spki = null;
                if (o instanceof SubjectPublicKeyInfo s) {
                    spki = s;
                } else if (o instanceof X509CertificateHolder c) {
                    spki = c.getSubjectPublicKeyInfo();
                } else if (o instanceof PEMKeyPair || o instanceof PrivateKeyInfo
                        || o instanceof PKCS8EncryptedPrivateKeyInfo || o instanceof PEMEncryptedKeyPair) {
                    throw new SigningException("The file " + file + " holds a private key, not a public key",
                            "verification needs only the public half", "export it with 'openssl pkey -in "
                            + file.getFileName() + " -pubout' or use the public key written by 'msw keygen'");
                }
                if (spki != null) {
                    String alg = jdkAlgorithm(spki.getAlgorithm().getAlgorithm(), file);
                    return KeyFactory.getInstance(alg).generatePublic(new X509EncodedKeySpec(spki.getEncoded()));
                }
            }
        } catch (SigningException e) {
            throw e;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw notAKey(file, "it is not a valid PEM public key (" + e.getMessage() + ")", "public key", e);
        }
        throw notAKey(file, "it holds no PEM public key block", "public key", null);
    }

    /** Every X.509 certificate in a PEM file, in file order. */
    static List<X509Certificate> readCertificates(Path file, String text) {
        List<X509Certificate> certs = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(text))) {
            Object o;
            JcaX509CertificateConverter conv = new JcaX509CertificateConverter();
            while ((o = parser.readObject()) != null) {
                if (o instanceof X509CertificateHolder h) {
                    certs.add(conv.getCertificate(h));
                }
            }
        } catch (IOException | GeneralSecurityException e) {
            throw notAKey(file, "it is not a valid PEM certificate (" + e.getMessage() + ")", "certificate", e);
        }
        if (certs.isEmpty()) {
            throw notAKey(file, "it holds no PEM certificate block", "certificate", null);
        }
        return certs;
    }

    /** PKCS#8 PEM text; encrypted (PBES2, AES-256-CBC, PBKDF2-HMAC-SHA256) when {@code passphrase} is non-empty. */
    static String privateKeyPem(PrivateKey key, char[] passphrase) {
        try {
            OutputEncryptor enc = null;
            if (passphrase != null && passphrase.length > 0) {
                enc = new JceOpenSSLPKCS8EncryptorBuilder(org.bouncycastle.openssl.PKCS8Generator.AES_256_CBC)
                        .setPRF(org.bouncycastle.openssl.PKCS8Generator.PRF_HMACSHA256)
                        .setIterationCount(PBKDF2_ITERATIONS).setPassword(passphrase)
                        .setProvider(Bc.PROVIDER).build();
            }
            PemObject pem = new JcaPKCS8Generator(key, enc).generate();
            StringWriter sw = new StringWriter();
            try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
                w.writeObject(pem);
            }
            return sw.toString();
        } catch (Exception e) {
            throw new IllegalStateException("cannot encode the private key as PKCS#8", e);
        }
    }

    static SigningException notAKey(Path file, String why, String what, Throwable cause) {
        return new SigningException("Cannot use " + file + " as a " + what, why,
                "give a PEM file (as written by 'msw keygen' or 'openssl')", cause);
    }

}
