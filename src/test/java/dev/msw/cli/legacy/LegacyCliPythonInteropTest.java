package dev.msw.cli.legacy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.msw.inspect.ArtifactInspector;
import dev.msw.inspect.ArtifactReport;
import dev.msw.inspect.ScanLimits;
import dev.msw.testsupport.Cli;
import dev.msw.testsupport.ConfigDir;
import dev.msw.testsupport.Peers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Legacy files written by the reference snippet itself (Python 'cryptography', AES-256-CBC, zero padding) are
 * shown and imported; results are read back by Python (safetensors parsed with numpy) and by 'msw decrypt'.
 */
class LegacyCliPythonInteropTest {
    private static final String KEY = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
    private static final String SNIPPET = String.join("\n",
            "import os, pickle, sys",
            "from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes",
            "key = bytes.fromhex(sys.argv[1]); out = sys.argv[2]; kind = sys.argv[3]",
            "class Evil:",
            "    def __reduce__(self): return (os.system, ('echo pwned',))",
            "obj = {'layer1': [0.1, 0.2, 0.3], 'layer2': [0.4, 0.5, 0.6]} if kind == 'plain' else \\",
            "      {'layer1': [[1, 2], [3, 4]], 'bias': [True, False]} if kind == 'matrix' else {'w': [1.0], 'x': Evil()}",
            "data = pickle.dumps(obj)",
            "open(out + '.pickle', 'wb').write(data)",
            "iv = os.urandom(16)",
            "enc = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()",
            "data += b'\\0' * (16 - len(data) % 16)",
            "open(out, 'wb').write(iv + enc.update(data) + enc.finalize())");

    @TempDir
    Path dir;
    String previousConfig;

    @BeforeEach
    void setUp() {
        previousConfig = ConfigDir.point(dir.resolve("config"));
    }

    @AfterEach
    void restore() {
        ConfigDir.restore(previousConfig);
    }

    private Path legacy(String kind) throws IOException {
        Path script = dir.resolve("snippet.py");
        Files.writeString(script, SNIPPET);
        Path out = dir.resolve(kind + ".bin");
        Peers.Run r = Peers.exec(60, dir, Peers.python(), script, KEY, out, kind);
        assertEquals(0, r.exitCode(), r.toString());
        return out;
    }

    @Test
    void showPrintsPlainDataAsATreeWithTheWarning() throws Exception {
        Path f = legacy("plain");
        Cli.Result r = Cli.run("legacy", "show", f.toString(), "--key-hex", KEY);
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.err().contains("legacy, unauthenticated"), r.err());
        assertTrue(r.out().contains("'layer1': list (3 items)") && r.out().contains("0.6"), r.out());
    }

    @Test
    void showRefusesObjectConstructionAndNamesTheCallable() throws Exception {
        Path f = legacy("evil");
        Cli.Result r = Cli.run("legacy", "show", f.toString(), "--key-hex", KEY);
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.out().contains("posix.system") && r.out().contains("REFUSED"), r.out());
        Cli.Result imp = Cli.run("legacy", "import", f.toString(), "--key-hex", KEY, "-o", dir.resolve("x.st").toString(),
                "--to-safetensors");
        assertEquals(1, imp.exitCode());
        assertTrue(imp.err().contains("Refusing to import"), imp.err());
        assertFalse(Files.exists(dir.resolve("x.st")));
    }

    @Test
    void wrongKeyAndBadKeyAreReported() throws Exception {
        Path f = legacy("plain");
        Cli.Result wrong = Cli.run("legacy", "show", f.toString(), "--key-hex", KEY.replace('0', 'f'));
        assertEquals(1, wrong.exitCode());
        assertTrue(wrong.err().contains("wrong key"), wrong.err());
        Cli.Result bad = Cli.run("legacy", "show", f.toString(), "--key-hex", "abc");
        assertEquals(1, bad.exitCode());
        assertTrue(bad.err().contains("64 hexadecimal digits"), bad.err());
        Cli.Result none = Cli.run("legacy", "show", f.toString());
        assertEquals(2, none.exitCode());
    }

    @Test
    void toSafetensorsIsReadByPythonAndPassesOurValidator() throws Exception {
        Path f = legacy("matrix");
        Path st = dir.resolve("m.safetensors");
        Cli.Result r = Cli.run("legacy", "import", f.toString(), "--key-hex", KEY, "-o", st.toString(), "--to-safetensors");
        assertEquals(0, r.exitCode(), r.toString());
        ArtifactReport report = new ArtifactInspector(ScanLimits.defaults(), true).inspectFile(st);
        assertEquals("safetensors", report.format());
        assertEquals(null, report.worst(), report.findings().toString());
        Path check = Files.writeString(dir.resolve("check.py"), String.join("\n",
                "import json, struct, sys, numpy as np",
                "b = open(sys.argv[1], 'rb').read(); n = struct.unpack('<Q', b[:8])[0]; h = json.loads(b[8:8+n]); d = b[8+n:]",
                "def t(k, dt): o = h[k]['data_offsets']; return np.frombuffer(d[o[0]:o[1]], dtype=dt).reshape(h[k]['shape'])",
                "assert t('layer1', '<i8').tolist() == [[1, 2], [3, 4]], t('layer1', '<i8')",
                "assert t('bias', '?').tolist() == [True, False]",
                "print('ok')"));
        Peers.Run py = Peers.exec(60, dir, Peers.python(), check, st);
        assertEquals(0, py.exitCode(), py.toString());
    }

    @Test
    void importReencryptsTheOriginalPickleForAKeyringKey() throws Exception {
        Path f = legacy("plain");
        Path kp = Files.writeString(dir.resolve("kp.txt"), "keyring passphrase\n");
        assertEquals(0, Cli.run("keyring", "init", "--passphrase-file", kp.toString()).exitCode());
        assertEquals(0, Cli.run("key", "create", "team", "--keyring-passphrase-file", kp.toString()).exitCode());
        Path out = dir.resolve("model.pkl.msw");
        Cli.Result r = Cli.run("legacy", "import", f.toString(), "--key-hex", KEY, "-o", out.toString(), "--key", "team",
                "--keyring-passphrase-file", kp.toString());
        assertEquals(0, r.exitCode(), r.toString());
        Path back = dir.resolve("back.pkl");
        Cli.Result d = Cli.run("decrypt", out.toString(), "-o", back.toString(), "--keyring-passphrase-file", kp.toString());
        assertEquals(0, d.exitCode(), d.toString());
        assertArrayEquals(Files.readAllBytes(dir.resolve("plain.bin.pickle")), Files.readAllBytes(back));
        String audit = Files.readString(dir.resolve("config/audit.jsonl"));
        assertTrue(audit.contains("legacy-import"), audit);
    }
}
