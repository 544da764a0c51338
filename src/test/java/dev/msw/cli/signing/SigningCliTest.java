package dev.msw.cli.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.msw.audit.AuditLog;
import dev.msw.testsupport.Cli;
import dev.msw.testsupport.ConfigDir;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** msw keygen / sign / verify end to end, in-process: outputs, exit codes, JSON and audit records. */
class SigningCliTest {
    @TempDir
    Path dir;
    private String previousConfig;

    @BeforeEach
    void isolate() {
        previousConfig = ConfigDir.point(dir.resolve("config"));
    }

    @AfterEach
    void restore() {
        ConfigDir.restore(previousConfig);
    }

    private String p(String name) {
        return dir.resolve(name).toString();
    }

    @Test
    void keygenSignVerifyFileAndFolder() throws Exception {
        Files.writeString(dir.resolve("pass.txt"), "correct horse\n");
        Cli.Result kg = Cli.run("keygen", "--type", "ec-p384", "-o", p("k.pem"), "--public-out", p("k.pub.pem"),
                "--passphrase-file", p("pass.txt"));
        assertEquals(0, kg.exitCode(), kg.toString());
        assertTrue(kg.out().contains("fingerprint: SHA256:"), kg.out());

        Files.writeString(dir.resolve("model.onnx"), "weights");
        Cli.Result sign = Cli.run("sign", p("model.onnx"), "--key", p("k.pem"), "--passphrase-file", p("pass.txt"));
        assertEquals(0, sign.exitCode(), sign.toString());
        assertTrue(Files.exists(dir.resolve("model.onnx.sig")));
        Cli.Result verify = Cli.run("verify", p("model.onnx"), "--pubkey", p("k.pub.pem"), "--signature", p("model.onnx.sig"));
        assertEquals(0, verify.exitCode(), verify.toString());
        assertTrue(verify.out().contains("ok        model.onnx"), verify.out());

        Files.writeString(dir.resolve("model.onnx"), "weightz");
        Cli.Result bad = Cli.run("verify", p("model.onnx"), "--pubkey", p("k.pub.pem"), "--signature", p("model.onnx.sig"));
        assertEquals(1, bad.exitCode(), bad.toString());
        assertTrue(bad.out().contains("changed   model.onnx"), bad.out());

        Path m = dir.resolve("model");
        Files.createDirectories(m.resolve("sub"));
        Files.writeString(m.resolve("a.bin"), "a");
        Files.writeString(m.resolve("sub/b.bin"), "b");
        Cli.Result signDir = Cli.run("sign", m.toString(), "--key", p("k.pem"), "--passphrase-file", p("pass.txt"),
                "--json");
        assertEquals(0, signDir.exitCode(), signDir.toString());
        JsonNode signed = new ObjectMapper().readTree(signDir.out());
        assertEquals("oms", signed.get("format").asText());
        assertEquals(2, signed.get("files").asInt());
        Files.writeString(m.resolve("sub/c.bin"), "c");
        Cli.Result json = Cli.run("verify", m.toString(), "--pubkey", p("k.pub.pem"), "--json");
        assertEquals(1, json.exitCode(), json.toString());
        JsonNode report = new ObjectMapper().readTree(json.out());
        assertFalse(report.get("verified").asBoolean());
        assertEquals("extra", report.get("files").get(2).get("status").asText());
        assertEquals(signed.get("keyFingerprint").asText(), report.get("keyFingerprint").asText());
        Cli.Result tolerant = Cli.run("verify", m.toString(), "--pubkey", p("k.pub.pem"), "--ignore-unsigned-files");
        assertEquals(0, tolerant.exitCode(), tolerant.toString());
        assertTrue(tolerant.out().contains("unsigned  sub/c.bin"), tolerant.out());

        String audit = Files.readString(AuditLog.standard().file());
        assertTrue(audit.contains("signing.keygen") && audit.contains("signing.sign") && audit.contains("signing.verify"), audit);
        assertFalse(audit.contains("correct horse"), "no secrets in the audit log");
    }

    @Test
    void wrongPassphraseAndUsageErrors() throws Exception {
        Files.writeString(dir.resolve("pass.txt"), "right\n");
        Files.writeString(dir.resolve("wrong.txt"), "wrong\n");
        assertEquals(0, Cli.run("keygen", "-o", p("k.pem"), "--passphrase-file", p("pass.txt")).exitCode());
        assertTrue(Files.exists(dir.resolve("k.pub.pem")), "default public key name");
        Files.writeString(dir.resolve("f.bin"), "x");
        Cli.Result wrong = Cli.run("sign", p("f.bin"), "--key", p("k.pem"), "--passphrase-file", p("wrong.txt"));
        assertEquals(1, wrong.exitCode(), wrong.toString());
        assertTrue(wrong.err().contains("passphrase is wrong"), wrong.err());
        assertFalse(Files.exists(dir.resolve("f.bin.sig")), "no signature written on failure");

        assertEquals(2, Cli.run("keygen", "--type", "dsa-1024", "-o", p("x.pem")).exitCode());
        assertEquals(2, Cli.run("sign", p("f.bin")).exitCode(), "missing --key");
        assertEquals(2, Cli.run("verify", p("f.bin")).exitCode(), "missing --pubkey");
        assertEquals(2, Cli.run("sign", p("f.bin"), "--key", p("k.pem"), "--format", "pgp").exitCode());

        assertEquals(0, Cli.run("keygen", "--type", "rsa-3072", "-o", p("rsa.pem")).exitCode());
        Files.createDirectories(dir.resolve("m"));
        Files.writeString(dir.resolve("m/w"), "w");
        Cli.Result rsaModel = Cli.run("sign", p("m"), "--key", p("rsa.pem"));
        assertEquals(1, rsaModel.exitCode());
        assertTrue(rsaModel.err().contains("only ECDSA keys"), rsaModel.err());
    }
}
