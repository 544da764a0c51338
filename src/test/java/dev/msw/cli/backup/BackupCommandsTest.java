package dev.msw.cli.backup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.msw.audit.AuditLog;
import dev.msw.backup.BackupRepository;
import dev.msw.core.CancellationToken;
import dev.msw.core.ProgressListener;
import dev.msw.crypto.ArtifactDecryptor;
import dev.msw.keys.KeyFixtures;
import dev.msw.keys.LocalKeyring;
import dev.msw.testsupport.Cli;
import dev.msw.testsupport.ConfigDir;
import dev.msw.testsupport.Peers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Backup jobs from the command line, signed manifests checked by openssl, and the restore drill. */
class BackupCommandsTest {
    @TempDir
    Path tmp;
    Path config;
    Path models;
    Path dest;
    LocalKeyring keyring;
    List<byte[]> plains = new ArrayList<>();
    private String previousConfig;

    @BeforeEach
    void setUp() throws Exception {
        config = tmp.resolve("config");
        previousConfig = ConfigDir.point(config);
        keyring = LocalKeyring.create(config.resolve("keyring.p12"), KeyFixtures.PASSPHRASE.toCharArray());
        keyring.createKey("team");
        models = Files.createDirectories(tmp.resolve("models"));
        dest = tmp.resolve("backup-disk");
        for (int i = 0; i < 3; i++) {
            plains.add(KeyFixtures.plaintext(100_000 * (i + 1), i));
            KeyFixtures.encrypt(models.resolve("v" + i + "/model.msw"), plains.get(i), List.of(keyring.recipient("team")));
        }
        Files.writeString(models.resolve("v0/contract.json"), "{}");
        Files.write(models.resolve("v0/leaked.onnx"), new byte[] {8, 7});
    }

    @AfterEach
    void restoreConfig() {
        ConfigDir.restore(previousConfig);
    }

    @Test
    void restoreDrillBackUpDestroyRestoreDecryptCompare() throws Exception {
        Path signKey = tmp.resolve("backup-signing.pem");
        Peers.Run gen = Peers.exec(30, tmp, Peers.system("openssl", "openssl"), "genpkey", "-algorithm", "ed25519", "-out", signKey);
        assertEquals(0, gen.exitCode(), gen.toString());

        Cli.Result add = Cli.run("backup", "job", "add", "nightly", "--source", models.toString(), "--source",
                keyring.path().toString(), "--dest", dest.toString(), "--schedule", "daily 02:00", "--keep-last", "7",
                "--sign-key", signKey.toString());
        assertEquals(0, add.exitCode(), add.toString());
        assertTrue(add.out().contains("next run"), add.toString());
        Cli.Result jobs = Cli.run("backup", "job", "list", "--json");
        assertEquals("daily 02:00", new ObjectMapper().readTree(jobs.out()).get(0).get("schedule").asText());

        Cli.Result run = Cli.run("backup", "run", "nightly");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("5 files") && run.out().contains("manifest signed"), run.toString());
        assertTrue(run.out().contains("warning: not encrypted: models/v0/contract.json"), run.toString());
        assertTrue(run.out().contains("skipped: models/v0/leaked.onnx: unencrypted model"), run.toString());

        Cli.Result second = Cli.run("backup", "run", "nightly", "--json");
        JsonNode s2 = new ObjectMapper().readTree(second.out());
        assertEquals(0, s2.get("copiedFiles").asInt(), "unchanged files are not copied again: " + second);
        assertEquals(5, s2.get("reusedFiles").asInt());

        Cli.Result list = Cli.run("backup", "list", "--json");
        JsonNode backups = new ObjectMapper().readTree(list.out()).get("backups");
        assertEquals(2, backups.size(), list.toString());
        Path backupDir = Path.of(backups.get(1).get("folder").asText());

        // the manifest signature checks out with openssl alone
        Peers.Run pub = Peers.exec(30, tmp, Peers.system("openssl", "openssl"), "pkey", "-in", signKey, "-pubout", "-out", tmp.resolve("pub.pem"));
        assertEquals(0, pub.exitCode(), pub.toString());
        Peers.Run check = Peers.exec(30, tmp, Peers.system("openssl", "openssl"), "pkeyutl", "-verify", "-pubin", "-inkey",
                tmp.resolve("pub.pem"), "-rawin", "-in", backupDir.resolve("manifest.json"), "-sigfile", backupDir.resolve("manifest.sig"));
        assertEquals(0, check.exitCode(), check.toString());

        Cli.Result verify = Cli.run("backup", "verify", "nightly");
        assertEquals(0, verify.exitCode(), verify.toString());
        assertTrue(verify.out().contains("5 ok, 0 changed, 0 missing, 0 extra; signature valid, by the expected key"), verify.toString());

        // disaster: the model folder is gone
        try (Stream<Path> s = Files.walk(models)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        Path restored = tmp.resolve("restored");
        Cli.Result restore = Cli.run("backup", "restore", backups.get(1).get("id").asText(), "--to", restored.toString());
        assertEquals(0, restore.exitCode(), restore.toString());
        assertTrue(restore.out().contains("Restored 5 files"), restore.toString());
        for (int i = 0; i < 3; i++) {
            byte[] plain = new ArtifactDecryptor().decryptToMemory(restored.resolve("models/v" + i + "/model.msw"),
                    List.of(keyring.identity()), ProgressListener.NONE, CancellationToken.NONE);
            assertArrayEquals(plains.get(i), plain, "restored model v" + i + " decrypts to the original");
        }
        // the restored keyring opens with its passphrase and holds the key
        assertTrue(LocalKeyring.open(restored.resolve("keyring.p12"), KeyFixtures.PASSPHRASE.toCharArray()).find("team", 1).isPresent());

        Cli.Result again = Cli.run("backup", "restore", "nightly", "--to", restored.toString(), "--file", "models/v1/model.msw");
        assertEquals(1, again.exitCode());
        assertTrue(again.err().contains("refused") && again.err().contains("models/v1/model.msw"), again.toString());

        List<String> actions = new AuditLog(config.resolve("audit.jsonl")).read().stream().map(AuditLog.AuditEntry::action).toList();
        assertTrue(actions.containsAll(List.of("backup.run", "backup.verify", "backup.restore")), actions.toString());
    }

    @Test
    void verifyFailsOnATamperedManifestOrObjectAndNamesIt() throws Exception {
        Path signKey = tmp.resolve("ec.pem");
        assertEquals(0, Peers.exec(30, tmp, Peers.system("openssl", "openssl"), "genpkey", "-algorithm", "EC", "-pkeyopt",
                "ec_paramgen_curve:P-256", "-out", signKey).exitCode());
        Cli.Result run = Cli.run("backup", "run", "--source", models.toString(), "--dest", dest.toString(), "--sign-key",
                signKey.toString(), "--json");
        assertEquals(0, run.exitCode(), run.toString());
        Path dir = Path.of(new ObjectMapper().readTree(run.out()).get("folder").asText());

        // ECDSA signatures are openssl dgst compatible
        assertEquals(0, Peers.exec(30, tmp, Peers.system("openssl", "openssl"), "pkey", "-in", signKey, "-pubout", "-out",
                tmp.resolve("ec.pub")).exitCode());
        Peers.Run dgst = Peers.exec(30, tmp, Peers.system("openssl", "openssl"), "dgst", "-sha256", "-verify", tmp.resolve("ec.pub"),
                "-signature", dir.resolve("manifest.sig"), dir.resolve("manifest.json"));
        assertEquals(0, dgst.exitCode(), dgst.toString());

        Cli.Result pinned = Cli.run("backup", "verify", dir.toString(), "--public-key", tmp.resolve("ec.pub").toString());
        assertEquals(0, pinned.exitCode(), pinned.toString());

        String manifest = Files.readString(dir.resolve("manifest.json"));
        Files.writeString(dir.resolve("manifest.json"), manifest.replace("\"job\" : \"adhoc\"", "\"job\" : \"nightly\""));
        Cli.Result tampered = Cli.run("backup", "verify", dir.toString());
        assertEquals(1, tampered.exitCode(), tampered.toString());
        assertTrue(tampered.out().contains("signature INVALID"), tampered.toString());
        Files.writeString(dir.resolve("manifest.json"), manifest);

        BackupRepository repo = new BackupRepository(dest);
        String sha = repo.list().get(0).manifest().files().stream().filter(f -> f.path().equals("models/v2/model.msw"))
                .findFirst().orElseThrow().sha256();
        Files.delete(repo.object(sha));
        Cli.Result missing = Cli.run("backup", "verify", dir.toString(), "--json");
        assertEquals(1, missing.exitCode());
        JsonNode j = new ObjectMapper().readTree(missing.out());
        assertEquals("models/v2/model.msw", j.get("missing").get(0).asText());
        assertEquals("VALID_UNPINNED", j.get("signature").asText());
        assertFalse(j.get("ok").asBoolean());
    }

    @Test
    void usageMistakesAreExplained() {
        assertEquals(2, Cli.run("backup", "run").exitCode());
        Cli.Result unknown = Cli.run("backup", "run", "nosuch");
        assertEquals(1, unknown.exitCode());
        assertTrue(unknown.err().contains("No backup job named 'nosuch'"), unknown.toString());
        Cli.Result badSchedule = Cli.run("backup", "job", "add", "x", "--source", models.toString(), "--dest", dest.toString(),
                "--schedule", "often");
        assertEquals(1, badSchedule.exitCode());
        assertTrue(badSchedule.err().contains("Cannot read the schedule 'often'"), badSchedule.toString());
        Cli.Result noBackup = Cli.run("backup", "verify", "nightly-20990101-000000");
        assertEquals(1, noBackup.exitCode());
        assertTrue(noBackup.err().contains("msw backup list"), noBackup.toString());
    }
}
