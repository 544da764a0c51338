package dev.msw.cli.artifacts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.msw.crypto.ArtifactHeader;
import dev.msw.testsupport.Cli;
import dev.msw.testsupport.ConfigDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The artifacts verbs end to end, in-process: exit codes, messages, JSON, files left behind, audit records. */
class ArtifactsCliTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    Path kp;
    Path fp;
    Path model;
    byte[] plain;
    String previousConfig;

    @BeforeEach
    void setUp() throws IOException {
        previousConfig = ConfigDir.point(dir.resolve("config"));
        kp = Files.writeString(dir.resolve("keyring-pass.txt"), "keyring passphrase\n");
        fp = Files.writeString(dir.resolve("file-pass.txt"), "file passphrase\n");
        plain = new byte[3 * 1024 * 1024 + 17];
        new Random(1).nextBytes(plain);
        model = Files.write(dir.resolve("model.onnx"), plain);
    }

    @AfterEach
    void restore() {
        ConfigDir.restore(previousConfig);
    }

    private Cli.Result ok(String... args) {
        Cli.Result r = Cli.run(args);
        assertEquals(0, r.exitCode(), r.toString());
        return r;
    }

    private void keyringWithTeamKey() {
        ok("keyring", "init", "--passphrase-file", kp.toString());
        ok("key", "create", "team", "--keyring-passphrase-file", kp.toString());
    }

    @Test
    void keyringInitKeyCreateAndList() throws IOException {
        keyringWithTeamKey();
        assertTrue(Files.isRegularFile(dir.resolve("config/keyring.p12")));
        Cli.Result again = Cli.run("keyring", "init", "--passphrase-file", kp.toString());
        assertEquals(1, again.exitCode());
        assertTrue(again.err().contains("Refusing to create the keyring"), again.err());
        Cli.Result dup = Cli.run("key", "create", "team", "--keyring-passphrase-file", kp.toString());
        assertEquals(1, dup.exitCode());
        assertTrue(dup.err().contains("already exists"), dup.err());
        JsonNode list = JSON.readTree(ok("key", "list", "--json", "--keyring-passphrase-file", kp.toString()).out());
        assertEquals("team", list.get("keys").get(0).get("name").asText());
        assertEquals(1, list.get("keys").get(0).get("version").asInt());
        Cli.Result badPass = Cli.run("key", "list", "--keyring-passphrase-file", fp.toString());
        assertEquals(1, badPass.exitCode());
        assertTrue(badPass.err().contains("Wrong passphrase for the keyring"), badPass.err());
        String audit = Files.readString(dir.resolve("config/audit.jsonl"));
        assertTrue(audit.contains("\"key.create\"") && audit.contains("\"keyring.init\""), audit);
    }

    @Test
    void encryptHeaderDecryptWithKeyAndPassphrase() throws IOException {
        keyringWithTeamKey();
        Path enc = dir.resolve("model.onnx.msw");
        JsonNode e = JSON.readTree(ok("encrypt", model.toString(), "-o", enc.toString(), "--key", "team",
                "--passphrase-file", fp.toString(), "--keyring-passphrase-file", kp.toString(), "--json").out());
        assertEquals(plain.length, e.get("files").get(0).get("plaintextBytes").asLong());
        assertEquals(Files.size(enc), e.get("files").get(0).get("encryptedBytes").asLong());

        JsonNode h = JSON.readTree(ok("header", enc.toString(), "--json").out());
        assertEquals("local", h.get("stanzas").get(0).get("type").asText());
        assertEquals("team", h.get("stanzas").get(0).get("key").asText());
        assertEquals("1", h.get("stanzas").get(0).get("keyVersion").asText());
        assertEquals("passphrase", h.get("stanzas").get(1).get("type").asText());
        assertEquals(plain.length, h.get("plaintextBytes").asLong());
        assertEquals(4, h.get("chunks").asInt());
        assertTrue(ok("header", enc.toString()).out().contains("key 'team' v1"));

        Path out1 = dir.resolve("by-passphrase.onnx");
        ok("decrypt", enc.toString(), "-o", out1.toString(), "--passphrase-file", fp.toString());
        assertArrayEquals(plain, Files.readAllBytes(out1));
        Path out2 = dir.resolve("by-key.onnx");
        String said = ok("decrypt", enc.toString(), "-o", out2.toString(), "--keyring-passphrase-file", kp.toString()).out();
        assertTrue(said.contains("opened with key 'team' v1"), said);
        assertArrayEquals(plain, Files.readAllBytes(out2));
        ok("decrypt", enc.toString(), "-o", "/dev/null", "--passphrase-file", fp.toString());

        String audit = Files.readString(dir.resolve("config/audit.jsonl"));
        assertTrue(audit.contains("\"encrypt\"") && audit.contains("\"decrypt\""), audit);
        assertFalse(audit.contains("file passphrase") || audit.contains("keyring passphrase"), "no secrets in the audit log");
    }

    @Test
    void wrongPassphraseTamperingAndExistingOutputFailWithExitOneAndNoOutput() throws IOException {
        Path enc = dir.resolve("model.onnx.msw");
        ok("encrypt", model.toString(), "-o", enc.toString(), "--passphrase-file", fp.toString());
        Path out = dir.resolve("out.onnx");

        Cli.Result wrong = Cli.run("decrypt", enc.toString(), "-o", out.toString(), "--passphrase-file", kp.toString());
        assertEquals(1, wrong.exitCode(), wrong.toString());
        assertTrue(wrong.err().contains("msw: Wrong key for"), wrong.err());
        assertFalse(Files.exists(out));

        byte[] bytes = Files.readAllBytes(enc);
        int h = ArtifactHeader.read(enc).length();
        bytes[h + 2 * (1024 * 1024 + 16) + 100] ^= 1;
        Path tampered = Files.write(dir.resolve("tampered.msw"), bytes);
        Cli.Result t = Cli.run("decrypt", tampered.toString(), "-o", out.toString(), "--passphrase-file", fp.toString());
        assertEquals(1, t.exitCode(), t.toString());
        assertTrue(t.err().contains("Chunk 2 of"), t.err());
        assertFalse(Files.exists(out));
        try (var s = Files.list(dir)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".part")), "no temporary file remains");
        }

        Files.writeString(out, "existing");
        Cli.Result exists = Cli.run("decrypt", enc.toString(), "-o", out.toString(), "--passphrase-file", fp.toString());
        assertEquals(1, exists.exitCode());
        assertTrue(exists.err().contains("Refusing to overwrite") && exists.err().contains("--force"), exists.err());
        assertEquals("existing", Files.readString(out));
        ok("decrypt", enc.toString(), "-o", out.toString(), "--passphrase-file", fp.toString(), "--force");
        assertArrayEquals(plain, Files.readAllBytes(out));

        Cli.Result truncated = Cli.run("decrypt", Files.write(dir.resolve("cut.msw"),
                java.util.Arrays.copyOf(bytes, bytes.length - 1000)).toString(), "-o", dir.resolve("cut.out").toString(),
                "--passphrase-file", fp.toString());
        assertEquals(1, truncated.exitCode());
        assertTrue(truncated.err().contains("is truncated"), truncated.err());
    }

    @Test
    void aMissingInputIsNamedEvenWhenDecryptingToAStream() {
        // to /dev/null (or '-') the file used to reach the stream reader unchecked: "input/output error: PATH"
        Cli.Result r = Cli.run("decrypt", dir.resolve("missing.msw").toString(), "-o", "/dev/null",
                "--passphrase-file", kp.toString());
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains("msw: Cannot read " + dir.resolve("missing.msw")), r.err());
        assertTrue(r.err().contains("the file does not exist"), r.err());
        assertFalse(r.err().contains("input/output error"), r.err());

        Cli.Result noPassphraseFile = Cli.run("decrypt", dir.resolve("missing.msw").toString(), "-o", "/dev/null",
                "--passphrase-file", dir.resolve("none").toString());
        assertEquals(1, noPassphraseFile.exitCode(), noPassphraseFile.toString());
        assertTrue(noPassphraseFile.err().contains("Cannot read the passphrase file " + dir.resolve("none")
                + ": it does not exist"), noPassphraseFile.err());
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, Cli.run("encrypt", model.toString(), "-o", dir.resolve("x").toString()).exitCode());
        assertEquals(2, Cli.run("decrypt", model.toString()).exitCode());
        assertEquals(2, Cli.run("header").exitCode());
    }

    @Test
    void foldersKeepTheirTree() throws IOException {
        keyringWithTeamKey();
        Path src = Files.createDirectories(dir.resolve("models/sub"));
        Files.write(src.resolve("a.onnx"), new byte[] {1, 2, 3});
        Files.write(dir.resolve("models/b.bin"), plain);
        Files.write(dir.resolve("models/empty.txt"), new byte[0]);
        Path enc = dir.resolve("encrypted");
        ok("encrypt", dir.resolve("models").toString(), "-o", enc.toString(), "--key", "team",
                "--keyring-passphrase-file", kp.toString());
        assertTrue(ArtifactHeader.hasMagic(enc.resolve("sub/a.onnx.msw")));
        assertTrue(ArtifactHeader.hasMagic(enc.resolve("b.bin.msw")));
        assertTrue(ArtifactHeader.hasMagic(enc.resolve("empty.txt.msw")));
        Cli.Result again = Cli.run("encrypt", dir.resolve("models").toString(), "-o", enc.toString(), "--key", "team",
                "--keyring-passphrase-file", kp.toString());
        assertEquals(1, again.exitCode(), "existing outputs refuse the whole run");

        Path dec = dir.resolve("decrypted");
        JsonNode r = JSON.readTree(ok("decrypt", enc.toString(), "-o", dec.toString(), "--keyring-passphrase-file",
                kp.toString(), "--json").out());
        assertEquals(3, r.get("files").size());
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(dec.resolve("sub/a.onnx")));
        assertArrayEquals(plain, Files.readAllBytes(dec.resolve("b.bin")));
        assertEquals(0, Files.size(dec.resolve("empty.txt")));

        Path into = Files.createDirectories(dir.resolve("into"));
        ok("decrypt", enc.resolve("b.bin.msw").toString(), "-o", into.toString(), "--keyring-passphrase-file", kp.toString());
        assertArrayEquals(plain, Files.readAllBytes(into.resolve("b.bin")), "a file decrypts into an existing folder");
        ok("encrypt", into.resolve("b.bin").toString(), "-o", into.toString(), "--key", "team",
                "--keyring-passphrase-file", kp.toString());
        assertTrue(ArtifactHeader.hasMagic(into.resolve("b.bin.msw")));
    }
}
