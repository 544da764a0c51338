package dev.msw.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.sevenz.SevenZArchiveEntry;
import org.apache.commons.compress.archivers.sevenz.SevenZOutputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole corpus: every malicious technique is caught (critical, or at least a warning for structural
 * ONNX issues that need a native library), and no benign file gets a critical finding.
 */
class InspectCorpusTest {
    private final ArtifactInspector inspector = new ArtifactInspector(ScanLimits.defaults(), false);

    @Test
    void noMissesAndNoFalseCriticals() throws Exception {
        Path dir = InspectCorpus.dir();
        List<String> problems = new ArrayList<>();
        int malicious = 0;
        int benign = 0;
        for (JsonNode e : InspectCorpus.manifest()) {
            Path file = dir.resolve(e.get("file").asText());
            ArtifactReport r = inspector.inspectFile(file);
            Severity worst = r.worst();
            if (e.get("expect").asText().equals("malicious")) {
                malicious++;
                Severity needed = file.getFileName().toString().equals("custom_domain.onnx") ? Severity.WARNING
                        : Severity.CRITICAL;
                if (worst == null || !worst.atLeast(needed)) {
                    problems.add("MISSED " + e.get("technique").asText() + " (" + file.getFileName() + "): " + worst);
                }
            } else {
                benign++;
                if (worst == Severity.CRITICAL) {
                    problems.add("FALSE CRITICAL " + e.get("technique").asText() + ": " + r.findings() + " "
                            + r.members().stream().map(ArtifactReport::findings).toList());
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertTrue(malicious >= 55 && benign >= 25, malicious + " malicious, " + benign + " benign");
    }

    @Test
    void callableAndOffsetAreReportedForAWrappedPayload() throws Exception {
        ArtifactReport r = inspector.inspectFile(InspectCorpus.dir().resolve("malicious/torch_like.pt"));
        ArtifactReport member = r.members().stream().filter(m -> m.name().endsWith(":archive/data.pkl")).findFirst()
                .orElseThrow();
        Finding f = member.findings().get(0);
        assertEquals("posix.system", f.subject());
        assertEquals(28, f.offset());
        assertEquals(64, member.sha256().length());
    }

    @Test
    void millionsOfIntegersAreScannedCompletelyAndClean() throws Exception {
        ArtifactReport r = inspector.inspectFile(InspectCorpus.dir().resolve("benign/million_ints.pkl"));
        assertEquals(null, r.worst());
        assertTrue(Long.parseLong(r.facts().get("opcodes")) > 3_000_000);
    }

    @Test
    void strictTurnsUnknownCallablesCritical() throws Exception {
        ArtifactReport r = new ArtifactInspector(ScanLimits.defaults(), true)
                .inspectFile(InspectCorpus.dir().resolve("benign/sklearn_logreg.pkl"));
        assertEquals(Severity.CRITICAL, r.worst());
    }

    @Test
    void sevenZipMembersAreScanned(@TempDir Path tmp) throws Exception {
        Path seven = tmp.resolve("model.7z");
        byte[] payload = Files.readAllBytes(InspectCorpus.dir().resolve("malicious/os_system_p2.pkl"));
        try (SevenZOutputFile out = new SevenZOutputFile(seven.toFile())) {
            SevenZArchiveEntry e = out.createArchiveEntry(tmp.toFile(), "weights/anything.bin");
            e.setDirectory(false);
            out.putArchiveEntry(e);
            out.write(payload);
            out.closeArchiveEntry();
        }
        ArtifactReport r = inspector.inspectFile(seven);
        assertEquals("7z", r.format());
        assertEquals(Severity.CRITICAL, r.worst());
    }

    @Test
    void onnxExternalDataOutsideTheFolderOrThroughASymlinkIsCritical(@TempDir Path tmp) throws Exception {
        Path model = tmp.resolve("m.onnx");
        Files.copy(InspectCorpus.dir().resolve("malicious/external_traversal.onnx"), model);
        ArtifactReport r = inspector.inspectFile(model);
        assertTrue(r.findings().stream().anyMatch(f -> f.rule().equals("onnx-external-location")));
        ArtifactReport clean = inspector.inspectFile(InspectCorpus.dir().resolve("benign/logreg.onnx"));
        assertNotEquals(Severity.CRITICAL, clean.worst());
        assertTrue(clean.facts().get("opsets").contains("ai.onnx.ml"));
    }

    @Test
    void onnxExternalDataThroughASymlinkOrBeyondTheFileIsCritical(@TempDir Path tmp) throws Exception {
        Path script = Files.writeString(tmp.resolve("make.py"), String.join("\n",
                "import sys",
                "from onnx import helper, TensorProto",
                "def model(loc, offset, length):",
                "    t = helper.make_tensor('w', TensorProto.FLOAT, [4], [0.0] * 4)",
                "    t.ClearField('float_data'); t.data_location = TensorProto.EXTERNAL",
                "    for k, v in [('location', loc), ('offset', offset), ('length', length)]:",
                "        e = t.external_data.add(); e.key = k; e.value = v",
                "    g = helper.make_graph([helper.make_node('Add', ['x', 'w'], ['y'])], 'g',",
                "        [helper.make_tensor_value_info('x', TensorProto.FLOAT, [4])],",
                "        [helper.make_tensor_value_info('y', TensorProto.FLOAT, [4])], initializer=[t])",
                "    return helper.make_model(g, opset_imports=[helper.make_opsetid('', 17)]).SerializeToString()",
                "open(sys.argv[1] + '/link.onnx', 'wb').write(model('weights.bin', '0', '16'))",
                "open(sys.argv[1] + '/range.onnx', 'wb').write(model('data.bin', '8', '16'))",
                "open(sys.argv[1] + '/ok.onnx', 'wb').write(model('data.bin', '0', '16'))"));
        assertEquals(0, dev.msw.testsupport.Peers.exec(60, tmp, dev.msw.testsupport.Peers.python(), script, tmp).exitCode());
        Files.write(tmp.resolve("data.bin"), new byte[16]);
        Files.createSymbolicLink(tmp.resolve("weights.bin"), Path.of("/etc/hostname"));
        ArtifactReport link = inspector.inspectFile(tmp.resolve("link.onnx"));
        assertTrue(link.findings().stream().anyMatch(f -> f.rule().equals("onnx-external-symlink")), link.findings().toString());
        ArtifactReport range = inspector.inspectFile(tmp.resolve("range.onnx"));
        assertTrue(range.findings().stream().anyMatch(f -> f.rule().equals("onnx-external-range")), range.findings().toString());
        assertEquals(null, inspector.inspectFile(tmp.resolve("ok.onnx")).worst());
    }

    @Test
    void safetensorsStructuralErrorsAreCaught(@TempDir Path tmp) throws Exception {
        String header = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}";
        Path f = tmp.resolve("x.bin");
        try (OutputStream o = Files.newOutputStream(f)) {
            byte[] h = header.getBytes();
            o.write(java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(h.length).array());
            o.write(h);
            o.write(new byte[12]);
        }
        ArtifactReport r = inspector.inspectFile(f);
        assertEquals("safetensors", r.format());
        assertTrue(r.findings().stream().anyMatch(x -> x.why().contains("overlaps")), r.findings().toString());
    }

    @Test
    void tensorAndTextMembersThatStartLikeProtocolZeroAreNotFalseCriticals(@TempDir Path tmp) throws Exception {
        Path zip = tmp.resolve("model.pt");
        try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            byte[] storage = new byte[4096];
            new java.util.Random(7).nextBytes(storage);
            storage[0] = 'c';
            storage[1] = 'x';
            storage[2] = '\n';
            z.putNextEntry(new java.util.zip.ZipEntry("archive/data/0"));
            z.write(storage);
            z.putNextEntry(new java.util.zip.ZipEntry("archive/notes.txt"));
            z.write("config\nvalue\n(and more text".getBytes());
            z.putNextEntry(new java.util.zip.ZipEntry("archive/blob"));
            storage[0] = 'i';
            z.write(storage);
        }
        ArtifactReport r = inspector.inspectFile(zip);
        assertNotEquals(Severity.CRITICAL, r.worst(), r.members().stream().map(m -> m.name() + m.findings()).toList().toString());
        assertNotEquals(Severity.WARNING, r.worst());
    }

    @Test
    void aDetachedSignatureBesideTheFileIsNoted(@TempDir Path tmp) throws Exception {
        Path model = Files.write(tmp.resolve("m.pkl"), new byte[] {(byte) 0x80, 2, 'N', '.'});
        assertEquals("none found beside the file", inspector.inspectFile(model).facts().get("signature"));
        Files.write(tmp.resolve("m.pkl.sig"), new byte[64]);
        assertTrue(inspector.inspectFile(model).facts().get("signature").startsWith("detached signature m.pkl.sig"));
    }

    @Test
    void encryptedContainerHeaderIsReadWithoutAKey(@TempDir Path tmp) throws Exception {
        Path plain = Files.write(tmp.resolve("m.pkl"), new byte[5000]);
        Path enc = tmp.resolve("m.pkl.msw");
        new dev.msw.crypto.ArtifactEncryptor().encrypt(plain, enc, List.of(new dev.msw.crypto.LocalKeyRecipient("team", 3,
                new javax.crypto.spec.SecretKeySpec(new byte[32], "AES"))), false, dev.msw.core.ProgressListener.NONE,
                dev.msw.core.CancellationToken.NONE);
        ArtifactReport r = inspector.inspectFile(enc);
        assertEquals("msw encrypted container", r.format());
        assertTrue(r.facts().get("recipients").contains("'team' v3"), r.facts().toString());
        assertEquals("5000", r.facts().get("plaintext bytes"));
        assertEquals(Severity.INFO, r.worst());
    }

    @Test
    void decompressionLimitIsReportedNotAVerdict(@TempDir Path tmp) throws Exception {
        Path gz = tmp.resolve("big.gz");
        try (OutputStream o = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            o.write(new byte[4 << 20]);
        }
        ArtifactReport r = new ArtifactInspector(ScanLimits.defaults().withMaxDecompressed(1 << 20), false).inspectFile(gz);
        assertTrue(r.members().get(0).findings().stream().anyMatch(f -> f.rule().equals("limit-reached")
                && f.severity() == Severity.WARNING));
    }
}
