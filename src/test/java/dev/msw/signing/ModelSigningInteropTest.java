package dev.msw.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.msw.core.CancellationToken;
import dev.msw.core.ProgressListener;
import dev.msw.testsupport.Peers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The Python {@code model_signing} 1.1.x CLI ↔ msw: bundles signed by either verify with the other for P-256,
 * P-384 and P-521, on a folder with nested and empty files and on a single-file model; after tampering (changed
 * byte, added, removed and renamed file) both tools reject, and msw names the file; the certificate method
 * works both ways.
 */
class ModelSigningInteropTest {
    private static Path dir;
    private static Path modelSigning;
    private static Path openssl;

    @BeforeAll
    static void setUp() throws Exception {
        modelSigning = Peers.venvTool("model_signing");
        openssl = Peers.system("openssl", "openssl");
        dir = Files.createTempDirectory("msw-oms");
    }

    @AfterAll
    static void clean() throws Exception {
        try (var s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    enum Curve {
        P256("P-256"), P384("P-384"), P521("P-521");

        final String name;

        Curve(String n) {
            name = n;
        }
    }

    private static Path[] ecKey(String name, String curve) {
        Path priv = dir.resolve(name + ".pem");
        Path pub = dir.resolve(name + ".pub.pem");
        ok(Peers.exec(30, dir, openssl, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:" + curve, "-out", priv));
        ok(Peers.exec(30, dir, openssl, "pkey", "-in", priv, "-pubout", "-out", pub));
        return new Path[] {priv, pub};
    }

    static Path model(String name) throws Exception {
        Path m = dir.resolve(name);
        Files.createDirectories(m.resolve("layers/block.0"));
        Files.createDirectories(m.resolve(".git"));
        Files.writeString(m.resolve("config.json"), "{\"hidden\": 64}\n");
        Files.write(m.resolve("weights.bin"), new byte[300_000]);
        Files.writeString(m.resolve("layers/block.0/w.npy"), "nested weights");
        Files.writeString(m.resolve("layers.txt"), "sorts after the layers folder");
        Files.writeString(m.resolve("layers/Z"), "upper case sorts first");
        Files.write(m.resolve("empty.dat"), new byte[0]);
        Files.writeString(m.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        Files.writeString(m.resolve(".gitignore"), "*.tmp\n");
        return m;
    }

    private static Peers.Run ok(Peers.Run r) {
        assertEquals(0, r.exitCode(), r.toString());
        return r;
    }

    private static Peers.Run pySign(Path model, Path key, Path sig) {
        return Peers.exec(120, dir, modelSigning, "sign", "key", model, "--private_key", key, "--signature", sig);
    }

    private static Peers.Run pyVerify(Path model, Path pub, Path sig) {
        return Peers.exec(120, dir, modelSigning, "verify", "key", model, "--signature", sig, "--public_key", pub);
    }

    private static void mswSign(Path model, Path key, Path sig) {
        ArtifactSigner.sign(new ArtifactSigner.Request(model, key, null, sig, SignatureFormat.OMS, null, List.of(), List.of(),
                false, true), ProgressListener.NONE, CancellationToken.NONE);
    }

    private static VerificationReport mswVerify(Path model, Path pub, Path sig) {
        return ArtifactVerifier.verify(new ArtifactVerifier.Request(model, sig, pub, List.of(), null, List.of(), false, false),
                ProgressListener.NONE, CancellationToken.NONE);
    }

    private static Map<String, FileStatus> statuses(VerificationReport r) {
        return r.files().stream().collect(Collectors.toMap(FileCheck::path, FileCheck::status));
    }

    @ParameterizedTest
    @EnumSource(Curve.class)
    void bothDirectionsOnANestedFolder(Curve curve) throws Exception {
        Path[] key = ecKey("key-" + curve, curve.name);
        Path m = model("model-" + curve);
        Path pySig = dir.resolve("py-" + curve + ".sig");
        Path mswSig = dir.resolve("msw-" + curve + ".sig");
        ok(pySign(m, key[0], pySig));
        mswSign(m, key[0], mswSig);

        VerificationReport r = mswVerify(m, key[1], pySig);
        assertTrue(r.verified(), r.toString());
        assertEquals(List.of("config.json", "empty.dat", "layers/Z", "layers/block.0/w.npy", "layers.txt", "weights.bin"),
                r.files().stream().map(FileCheck::path).toList(), "model_signing's order, git files ignored");
        assertEquals(KeyFingerprint.of(PemKeys.readPublicKey(key[1])), r.keyFingerprint());
        assertEquals("ECDSA " + curve.name, r.keyDescription());

        Peers.Run py = pyVerify(m, key[1], mswSig);
        assertEquals(0, py.exitCode(), "model_signing accepts msw's bundle: " + py);
        assertTrue(py.out().contains("Verification succeeded"), py.out());

        // the payloads list the same files with the same digests
        var a = ModelSignatures.ParsedStatement.parse(OmsBundle.parse(Files.readAllBytes(pySig), "py").payload(), pySig);
        var b = ModelSignatures.ParsedStatement.parse(OmsBundle.parse(Files.readAllBytes(mswSig), "msw").payload(), mswSig);
        assertEquals(a.resources(), b.resources());
        assertEquals(a.modelName(), b.modelName());
    }

    @Test
    void tamperingIsRejectedByBothAndNamedByMsw() throws Exception {
        Path[] key = ecKey("tamper", "P-256");
        record Case(String name, java.util.function.Consumer<Path> change, String file, FileStatus status) {
        }
        List<Case> cases = List.of(
                new Case("changed", m -> rewrite(m.resolve("layers/block.0/w.npy"), "nested weightz"), "layers/block.0/w.npy", FileStatus.CHANGED),
                new Case("added", m -> rewrite(m.resolve("layers/extra.bin"), "new"), "layers/extra.bin", FileStatus.EXTRA),
                new Case("removed", m -> delete(m.resolve("empty.dat")), "empty.dat", FileStatus.MISSING),
                new Case("renamed", m -> move(m.resolve("config.json"), m.resolve("config2.json")), "config2.json", FileStatus.EXTRA));
        for (Case c : cases) {
            Path m = model("tamper-" + c.name());
            Path pySig = dir.resolve("tamper-py-" + c.name() + ".sig");
            Path mswSig = dir.resolve("tamper-msw-" + c.name() + ".sig");
            ok(pySign(m, key[0], pySig));
            mswSign(m, key[0], mswSig);
            c.change().accept(m);
            for (Path sig : List.of(pySig, mswSig)) {
                VerificationReport r = mswVerify(m, key[1], sig);
                assertFalse(r.verified(), c.name() + ": msw must reject");
                assertTrue(r.signatureValid(), "the signature itself is fine");
                assertEquals(c.status(), statuses(r).get(c.file()), c.name() + ": " + r.files());
                if (c.name().equals("renamed")) {
                    assertEquals(FileStatus.MISSING, statuses(r).get("config.json"));
                }
            }
            Peers.Run py = pyVerify(m, key[1], mswSig);
            assertNotEquals(0, py.exitCode(), c.name() + ": model_signing must reject msw's bundle too: " + py);
            assertNotEquals(0, pyVerify(m, key[1], pySig).exitCode(), c.name() + ": and its own");
        }
    }

    @Test
    void unsignedFilesCanBeToleratedAndSignatureByteChangeIsRejected() throws Exception {
        Path[] key = ecKey("tolerate", "P-384");
        Path m = model("tolerate");
        Path sig = m.resolve("model.sig"); // inside the model: ignored by both tools
        Files.createDirectories(m.resolve("cache"));
        Files.writeString(m.resolve("cache/tmp.bin"), "scratch");
        ArtifactSigner.sign(new ArtifactSigner.Request(m, key[0], null, sig, SignatureFormat.OMS, null, List.of(),
                List.of("cache"), false, true), ProgressListener.NONE, CancellationToken.NONE);
        Files.writeString(m.resolve("cache/tmp.bin"), "scratch changed after signing");
        Files.writeString(m.resolve("cache/new.bin"), "more scratch");
        // the recorded ignore_paths make model_signing skip the folder too
        ok(pyVerify(m, key[1], sig));
        assertTrue(mswVerify(m, key[1], sig).verified());
        rewrite(m.resolve("notes.md"), "added after signing");
        VerificationReport r = ArtifactVerifier.verify(new ArtifactVerifier.Request(m, sig, key[1], List.of(), null, List.of(),
                true, false), ProgressListener.NONE, CancellationToken.NONE);
        assertTrue(r.verified(), r.toString());
        assertEquals(FileStatus.UNSIGNED, statuses(r).get("notes.md"));
        ok(Peers.exec(120, dir, modelSigning, "verify", "key", m, "--signature", sig, "--public_key", key[1],
                "--ignore_unsigned_files"));

        // a different key is named as such
        Path[] other = ecKey("other", "P-384");
        VerificationReport wrong = mswVerify(m, other[1], sig);
        assertFalse(wrong.verified());
        assertFalse(wrong.signatureValid());
        assertTrue(wrong.summary().contains("different key"), wrong.summary());
    }

    @Test
    void singleFileModelBothWays() throws Exception {
        Path[] key = ecKey("single", "P-521");
        Path file = dir.resolve("single-model.onnx");
        Files.write(file, new byte[] {1, 2, 3, 4, 5});
        Path pySig = dir.resolve("single-py.sig");
        Path mswSig = dir.resolve("single-msw.sig");
        ok(pySign(file, key[0], pySig));
        mswSign(file, key[0], mswSig);
        VerificationReport r = mswVerify(file, key[1], pySig);
        assertTrue(r.verified(), r.toString());
        assertEquals(List.of("."), r.files().stream().map(FileCheck::path).toList());
        assertEquals("single-model.onnx", r.modelName());
        ok(pyVerify(file, key[1], mswSig));
        Files.write(file, new byte[] {1, 2, 3, 4, 6});
        assertEquals(FileStatus.CHANGED, mswVerify(file, key[1], pySig).files().get(0).status());
        assertNotEquals(0, pyVerify(file, key[1], mswSig).exitCode());
    }

    @Test
    void certificateMethodBothWays() throws Exception {
        Path[] ca = ecKey("ca", "P-384");
        Path[] leaf = ecKey("leaf", "P-256");
        Path caCert = dir.resolve("ca.crt");
        Path leafCert = dir.resolve("leaf.crt");
        Path csr = dir.resolve("leaf.csr");
        Path ext = dir.resolve("leaf.ext");
        ok(Peers.exec(30, dir, openssl, "req", "-x509", "-new", "-key", ca[0], "-subj", "/CN=MSW Test CA", "-days", "30",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign", "-out", caCert));
        ok(Peers.exec(30, dir, openssl, "req", "-new", "-key", leaf[0], "-subj", "/O=MSW Test/CN=Release Signer", "-out", csr));
        Files.writeString(ext, "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\n");
        ok(Peers.exec(30, dir, openssl, "x509", "-req", "-in", csr, "-CA", caCert, "-CAkey", ca[0], "-CAcreateserial",
                "-days", "30", "-extfile", ext, "-out", leafCert));

        Path m = model("cert-model");
        Path pySig = dir.resolve("cert-py.sig");
        Path mswSig = dir.resolve("cert-msw.sig");
        ok(Peers.exec(120, dir, modelSigning, "sign", "certificate", m, "--private_key", leaf[0], "--signing_certificate",
                leafCert, "--certificate_chain", caCert, "--signature", pySig));
        ArtifactSigner.Result signed = ArtifactSigner.sign(new ArtifactSigner.Request(m, leaf[0], null, mswSig, SignatureFormat.OMS,
                leafCert, List.of(caCert), List.of(), false, true), ProgressListener.NONE, CancellationToken.NONE);
        assertTrue(signed.signerSubject().contains("CN=Release Signer"), signed.signerSubject());

        for (Path sig : List.of(pySig, mswSig)) {
            VerificationReport r = ArtifactVerifier.verify(new ArtifactVerifier.Request(m, sig, null, List.of(caCert), null,
                    List.of(), false, false), ProgressListener.NONE, CancellationToken.NONE);
            assertTrue(r.verified(), r.toString());
            assertEquals("CN=Release Signer,O=MSW Test", r.signerSubject());
            assertEquals(KeyFingerprint.of(PemKeys.readPublicKey(leaf[1])), r.keyFingerprint());
        }
        ok(Peers.exec(120, dir, modelSigning, "verify", "certificate", m, "--signature", mswSig, "--certificate_chain", caCert));

        // an untrusted CA is refused with a message naming the signer
        Path[] rogue = ecKey("rogue", "P-256");
        Path rogueCert = dir.resolve("rogue.crt");
        ok(Peers.exec(30, dir, openssl, "req", "-x509", "-new", "-key", rogue[0], "-subj", "/CN=Rogue CA", "-days", "30",
                "-addext", "basicConstraints=critical,CA:TRUE", "-out", rogueCert));
        SigningException e = org.junit.jupiter.api.Assertions.assertThrows(SigningException.class, () -> ArtifactVerifier.verify(
                new ArtifactVerifier.Request(m, mswSig, null, List.of(rogueCert), null, List.of(), false, false),
                ProgressListener.NONE, CancellationToken.NONE));
        assertTrue(e.getMessage().contains("Release Signer") && e.getMessage().contains("not trusted"), e.getMessage());
        assertNull(OmsBundle.parse(Files.readAllBytes(mswSig), "x").keyHint());
    }

    private static void rewrite(Path p, String s) {
        try {
            Files.writeString(p, s);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void delete(Path p) {
        try {
            Files.delete(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void move(Path a, Path b) {
        try {
            Files.move(a, b);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
