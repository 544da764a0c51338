package dev.msw.backup;

import dev.msw.core.UserFacingException;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.HexFormat;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/**
 * Signs and checks backup manifests with a PEM key: Ed25519 (as {@code openssl pkeyutl -sign -rawin}), ECDSA or
 * RSA over SHA-256 (as {@code openssl dgst -sha256 -sign}). The signature file is raw bytes, so
 * {@code openssl} can check a backup without the workbench. Unencrypted PKCS#8 or SEC1/PKCS#1 PEM keys only:
 * scheduled jobs run unattended, so the key file's permissions protect it.
 */
public final class ManifestSigner {
    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    private ManifestSigner(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    public static ManifestSigner load(Path pemFile) {
        try (Reader r = Files.newBufferedReader(pemFile, StandardCharsets.US_ASCII); PEMParser parser = new PEMParser(r)) {
            Object o = parser.readObject();
            PrivateKeyInfo info;
            if (o instanceof PEMKeyPair pair) {
                info = pair.getPrivateKeyInfo();
            } else if (o instanceof PrivateKeyInfo pki) {
                info = pki;
            } else {
                throw new UserFacingException("Cannot use " + pemFile + " as a backup signing key",
                        o == null ? "it holds no PEM object" : "it holds a " + o.getClass().getSimpleName()
                                + " rather than an unencrypted private key",
                        "give an unencrypted PEM private key, e.g. 'openssl genpkey -algorithm ed25519 -out backup-signing.pem'");
            }
            JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
            PrivateKey priv = conv.getPrivateKey(info);
            PublicKey pub = conv.getPublicKey(publicInfo(PrivateKeyFactory.createKey(info)));
            return new ManifestSigner(priv, pub);
        } catch (IOException e) {
            throw new UserFacingException("Cannot read the backup signing key " + pemFile, e.getMessage(),
                    "check the path and that the file is a PEM private key", e);
        }
    }

    private static SubjectPublicKeyInfo publicInfo(AsymmetricKeyParameter priv) throws IOException {
        AsymmetricKeyParameter pub;
        if (priv instanceof Ed25519PrivateKeyParameters ed) {
            pub = ed.generatePublicKey();
        } else if (priv instanceof ECPrivateKeyParameters ec) {
            pub = new ECPublicKeyParameters(ec.getParameters().getG().multiply(ec.getD()).normalize(), ec.getParameters());
        } else if (priv instanceof RSAPrivateCrtKeyParameters rsa) {
            pub = new RSAKeyParameters(false, rsa.getModulus(), rsa.getPublicExponent());
        } else {
            throw new UserFacingException("Unsupported backup signing key", "only Ed25519, EC and RSA keys can sign manifests",
                    "create one with 'openssl genpkey -algorithm ed25519 -out backup-signing.pem'");
        }
        return SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(pub);
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    public byte[] sign(byte[] data) {
        try {
            Signature s = Signature.getInstance(algorithm(privateKey.getAlgorithm()));
            s.initSign(privateKey);
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing the manifest failed", e);
        }
    }

    /** True when {@code signature} is {@code publicKey}'s signature over {@code data}. */
    public static boolean verify(PublicKey publicKey, byte[] data, byte[] signature) {
        try {
            Signature s = Signature.getInstance(algorithm(publicKey.getAlgorithm()));
            s.initVerify(publicKey);
            s.update(data);
            return s.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    static String algorithm(String keyAlgorithm) {
        return switch (keyAlgorithm) {
            case "Ed25519", "EdDSA" -> "Ed25519";
            case "EC", "ECDSA" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            default -> throw new UserFacingException("Unsupported signing key type " + keyAlgorithm,
                    "manifests are signed with Ed25519, ECDSA or RSA", "use one of those key types");
        };
    }

    public static PublicKey readPublicKey(Path pemFile) {
        try (Reader r = Files.newBufferedReader(pemFile, StandardCharsets.US_ASCII); PEMParser parser = new PEMParser(r)) {
            Object o = parser.readObject();
            if (o instanceof SubjectPublicKeyInfo spki) {
                return new JcaPEMKeyConverter().getPublicKey(spki);
            }
            if (o instanceof PEMKeyPair || o instanceof PrivateKeyInfo) {
                return load(pemFile).publicKey();
            }
            throw new UserFacingException("Cannot read a public key from " + pemFile, "the file holds no PEM public key",
                    "give the PEM public key that belongs to the backup signing key");
        } catch (IOException e) {
            throw new UserFacingException("Cannot read the public key " + pemFile, e.getMessage(), "check the path", e);
        }
    }

    public static String pem(PublicKey key) {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
            pw.writeObject(key);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return w.toString();
    }

    /** SHA-256 of the key's SubjectPublicKeyInfo, hex: how reports name a signer. */
    public static String fingerprint(PublicKey key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
