package dev.msw.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.msw.core.CancellationToken;
import dev.msw.core.ProgressListener;
import dev.msw.testsupport.Peers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * openssl ↔ msw for every key type: openssl signs and msw verifies, msw signs and openssl verifies, and a one-byte
 * change in the file or in the signature is rejected by both. Keys come from openssl itself (generated once per
 * class; RSA is slow), so this also checks that msw reads what openssl writes.
 */
class RawSignaturesOpensslInteropTest {
    private static final Map<KeyType, Path> PRIVATE = new HashMap<>();
    private static final Map<KeyType, Path> PUBLIC = new HashMap<>();
    private static Path dir;
    private static Path openssl;
    private static Path data;

    @BeforeAll
    static void keys() throws Exception {
        openssl = Peers.system("openssl", "openssl");
        dir = Files.createTempDirectory("msw-raw-sig");
        data = dir.resolve("model.bin");
        byte[] bytes = new byte[(5 << 20) + 12345]; // larger than one read-ahead shard
        new Random(7).nextBytes(bytes);
        Files.write(data, bytes);
        for (KeyType t : KeyType.values()) {
            Path priv = dir.resolve(t.cliName() + ".pem");
            Path pub = dir.resolve(t.cliName() + ".pub.pem");
            String[] gen = switch (t) {
                case EC_P256 -> new String[] {"-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"};
                case EC_P384 -> new String[] {"-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384"};
                case EC_P521 -> new String[] {"-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-521"};
                case ED25519 -> new String[] {"-algorithm", "ED25519"};
                case RSA_3072 -> new String[] {"-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:3072"};
                case RSA_4096 -> new String[] {"-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:4096"};
            };
            Object[] cmd = new Object[gen.length + 4];
            cmd[0] = openssl;
            cmd[1] = "genpkey";
            System.arraycopy(gen, 0, cmd, 2, gen.length);
            cmd[gen.length + 2] = "-out";
            cmd[gen.length + 3] = priv;
            ok(Peers.exec(60, dir, cmd));
            ok(Peers.exec(30, dir, openssl, "pkey", "-in", priv, "-pubout", "-out", pub));
            PRIVATE.put(t, priv);
            PUBLIC.put(t, pub);
        }
    }

    @AfterAll
    static void clean() throws Exception {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static Peers.Run ok(Peers.Run r) {
        assertEquals(0, r.exitCode(), r.toString());
        return r;
    }

    private static boolean ed(KeyType t) {
        return t == KeyType.ED25519;
    }

    private static Peers.Run opensslSign(KeyType t, Path file, Path sig) {
        return ed(t)
                ? Peers.exec(60, dir, openssl, "pkeyutl", "-sign", "-rawin", "-inkey", PRIVATE.get(t), "-in", file, "-out", sig)
                : Peers.exec(60, dir, openssl, "dgst", "-sha256", "-sign", PRIVATE.get(t), "-out", sig, file);
    }

    private static Peers.Run opensslVerify(KeyType t, Path file, Path sig) {
        return ed(t)
                ? Peers.exec(60, dir, openssl, "pkeyutl", "-verify", "-rawin", "-pubin", "-inkey", PUBLIC.get(t), "-in", file,
                        "-sigfile", sig)
                : Peers.exec(60, dir, openssl, "dgst", "-sha256", "-verify", PUBLIC.get(t), "-signature", sig, file);
    }

    private static boolean mswVerify(KeyType t, Path file, Path sig) throws Exception {
        PublicKey key = PemKeys.readPublicKey(PUBLIC.get(t));
        return RawSignatures.verify(file, key, Files.readAllBytes(sig), ProgressListener.NONE, CancellationToken.NONE);
    }

    private static Path tampered(Path file) throws Exception {
        byte[] b = Files.readAllBytes(file);
        b[b.length / 2] ^= 1;
        Path p = dir.resolve(file.getFileName() + ".tampered");
        Files.write(p, b);
        return p;
    }

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void opensslSignsMswVerifies(KeyType t) throws Exception {
        Path sig = dir.resolve(t.cliName() + ".openssl.sig");
        ok(opensslSign(t, data, sig));
        assertTrue(mswVerify(t, data, sig), "msw accepts openssl's " + t + " signature");
        assertFalse(mswVerify(t, tampered(data), sig), "msw rejects a changed file");
        assertFalse(mswVerify(t, data, tampered(sig)), "msw rejects a changed signature");
    }

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void mswSignsOpensslVerifies(KeyType t) throws Exception {
        KeyPair kp = PemKeys.readPrivateKey(PRIVATE.get(t), null);
        byte[] s = RawSignatures.sign(data, kp.getPrivate(), ProgressListener.NONE, CancellationToken.NONE);
        Path sig = dir.resolve(t.cliName() + ".msw.sig");
        Files.write(sig, s);
        Peers.Run good = opensslVerify(t, data, sig);
        assertEquals(0, good.exitCode(), "openssl accepts msw's " + t + " signature: " + good);
        assertTrue(good.out().contains("Verified OK") || good.out().contains("Signature Verified Successfully"), good.out());
        assertNotEquals(0, opensslVerify(t, tampered(data), sig).exitCode(), "openssl rejects a changed file");
        assertNotEquals(0, opensslVerify(t, data, tampered(sig)).exitCode(), "openssl rejects a changed signature");
        if (t == KeyType.ED25519 || t.name().startsWith("RSA")) {
            // deterministic schemes: byte-for-byte the same signature as openssl
            Path theirs = dir.resolve(t.cliName() + ".det.sig");
            ok(opensslSign(t, data, theirs));
            assertEquals(HexFormat.of().formatHex(Files.readAllBytes(theirs)), HexFormat.of().formatHex(s));
        }
    }

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void fingerprintIsSha256OfOpensslDerPublicKey(KeyType t) throws Exception {
        Path der = dir.resolve(t.cliName() + ".pub.der");
        ok(Peers.exec(30, dir, openssl, "pkey", "-pubin", "-in", PUBLIC.get(t), "-outform", "DER", "-out", der));
        String expected = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(der)));
        assertEquals(expected, KeyFingerprint.of(PemKeys.readPublicKey(PUBLIC.get(t))));
        assertEquals(expected, KeyFingerprint.of(PemKeys.readPrivateKey(PRIVATE.get(t), null).getPublic()),
                "the public half derived from the private key is the same key");
        assertEquals(Files.readString(PUBLIC.get(t), StandardCharsets.US_ASCII),
                PemKeys.publicKeyPem(PemKeys.readPublicKey(PUBLIC.get(t))), "public PEM text identical to openssl's");
    }
}
