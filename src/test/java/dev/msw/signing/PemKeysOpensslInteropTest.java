package dev.msw.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.msw.testsupport.Peers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** msw reads every private key form openssl writes, and openssl reads the keys msw writes. */
class PemKeysOpensslInteropTest {
    private static Path openssl;
    @TempDir
    Path dir;

    @BeforeAll
    static void peer() {
        openssl = Peers.system("openssl", "openssl");
    }

    private Peers.Run ok(Object... cmd) {
        Peers.Run r = Peers.exec(60, dir, cmd);
        assertEquals(0, r.exitCode(), r.toString());
        return r;
    }

    private String opensslFingerprint(Path key) throws Exception {
        Path der = dir.resolve("pub.der");
        ok(openssl, "pkey", "-in", key, "-passin", "pass:secret", "-pubout", "-outform", "DER", "-out", der);
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(der)));
    }

    @Test
    void readsSec1Pkcs1EncryptedAndLegacyEncryptedKeys() throws Exception {
        Path pkcs8 = dir.resolve("ec.pem");
        ok(openssl, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384", "-out", pkcs8);
        Path sec1 = dir.resolve("sec1.pem");
        ok(openssl, "ec", "-in", pkcs8, "-out", sec1);
        assertTrue(Files.readString(sec1).contains("BEGIN EC PRIVATE KEY"));
        Path rsa = dir.resolve("rsa.pem");
        ok(openssl, "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", rsa);
        Path pkcs1 = dir.resolve("pkcs1.pem");
        ok(openssl, "pkey", "-in", rsa, "-traditional", "-out", pkcs1);
        assertTrue(Files.readString(pkcs1).contains("BEGIN RSA PRIVATE KEY"));
        Path legacy = dir.resolve("legacy.pem");
        ok(openssl, "pkey", "-in", rsa, "-traditional", "-aes256", "-passout", "pass:secret", "-out", legacy);
        assertTrue(Files.readString(legacy).contains("Proc-Type: 4,ENCRYPTED"));
        Path legacyEc = dir.resolve("legacy-ec.pem");
        ok(openssl, "ec", "-in", pkcs8, "-aes128", "-passout", "pass:secret", "-out", legacyEc);
        Path enc8 = dir.resolve("enc8.pem");
        ok(openssl, "pkcs8", "-topk8", "-in", pkcs8, "-v2", "aes-256-cbc", "-passout", "pass:secret", "-out", enc8);
        assertTrue(Files.readString(enc8).contains("BEGIN ENCRYPTED PRIVATE KEY"));
        Path withText = dir.resolve("with-text.pem");
        Files.writeString(withText, "Key for the release pipeline\nowner: ml-platform\n\n" + Files.readString(sec1));

        char[] pass = "secret".toCharArray();
        for (Path p : new Path[] {pkcs8, sec1, legacyEc, enc8, withText}) {
            KeyPair kp = PemKeys.readPrivateKey(p, pass);
            assertEquals(opensslFingerprint(pkcs8), KeyFingerprint.of(kp.getPublic()), p.getFileName().toString());
            assertEquals("ECDSA P-384", KeyFingerprint.describe(kp.getPublic()));
        }
        for (Path p : new Path[] {rsa, pkcs1, legacy}) {
            KeyPair kp = PemKeys.readPrivateKey(p, pass);
            assertEquals(opensslFingerprint(rsa), KeyFingerprint.of(kp.getPublic()), p.getFileName().toString());
        }
    }

    @Test
    void wrongOrMissingPassphraseIsAClearMessage() throws Exception {
        Path enc8 = dir.resolve("enc.pem");
        ok(openssl, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-aes-256-cbc", "-pass", "pass:secret",
                "-out", enc8);
        Path legacy = dir.resolve("legacy.pem");
        ok(openssl, "ec", "-in", enc8, "-passin", "pass:secret", "-aes256", "-passout", "pass:secret", "-out", legacy);
        for (Path p : new Path[] {enc8, legacy}) {
            SigningException wrong = assertThrows(SigningException.class, () -> PemKeys.readPrivateKey(p, "nope".toCharArray()));
            assertTrue(wrong.getMessage().contains("passphrase is wrong"), wrong.getMessage());
            SigningException none = assertThrows(SigningException.class, () -> PemKeys.readPrivateKey(p, null));
            assertTrue(none.getMessage().contains("is encrypted"), none.getMessage());
        }
    }

    @Test
    void opensslReadsKeysMswWrites() throws Exception {
        for (KeyType t : new KeyType[] {KeyType.EC_P256, KeyType.ED25519}) {
            Path priv = dir.resolve(t + ".pem");
            Path pub = dir.resolve(t + ".pub.pem");
            Path passFile = dir.resolve("pass.txt");
            Files.writeString(passFile, "secret\n");
            KeyPairWriter.GeneratedKey k = KeyPairWriter.generate(t, priv, pub, PemKeys.readPassphraseFile(passFile), false);
            assertTrue(Files.readString(priv).contains("BEGIN ENCRYPTED PRIVATE KEY"));
            assertEquals(k.fingerprint(), opensslFingerprint(priv));
            ok(openssl, "pkey", "-pubin", "-in", pub, "-noout");
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(priv)));
            assertThrows(dev.msw.core.UserFacingException.class, () -> KeyPairWriter.generate(t, priv, pub, null, false),
                    "existing keys are never replaced silently");
        }
    }

    @Test
    void aPrivateKeyGivenAsPublicKeyIsExplained() throws Exception {
        Path priv = dir.resolve("k.pem");
        ok(openssl, "genpkey", "-algorithm", "ED25519", "-out", priv);
        SigningException e = assertThrows(SigningException.class, () -> PemKeys.readPublicKey(priv));
        assertTrue(e.getMessage().contains("holds a private key"), e.getMessage());
        Path junk = dir.resolve("junk.pem");
        Files.writeString(junk, "not a key\n");
        assertTrue(assertThrows(SigningException.class, () -> PemKeys.readPrivateKey(junk, null)).getMessage()
                .contains("no PEM private key"));
    }
}
