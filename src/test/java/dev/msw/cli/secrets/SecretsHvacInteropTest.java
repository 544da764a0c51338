package dev.msw.cli.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.msw.secrets.Environments;
import dev.msw.secrets.SecretVersion;
import dev.msw.secrets.vault.VaultLogin;
import dev.msw.secrets.vault.VaultSecretStore;
import dev.msw.secrets.vault.VaultSession;
import dev.msw.secrets.vault.VaultSettings;
import dev.msw.testsupport.Cli;
import dev.msw.testsupport.ConfigDir;
import dev.msw.testsupport.OpenBaoExtension;
import dev.msw.testsupport.Peers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference snippet's hvac calls against the live OpenBao: what hvac writes, msw reads (CLI and store), what msw
 * writes (also by migrating from the local store), hvac reads.
 */
class SecretsHvacInteropTest {
    @RegisterExtension
    static final OpenBaoExtension BAO = OpenBaoExtension.shared();
    @TempDir
    Path dir;
    String previous;
    String mount;
    Path tokenFile;

    @BeforeEach
    void setUp() throws Exception {
        previous = ConfigDir.point(dir);
        mount = OpenBaoExtension.uniqueName("model");
        BAO.enableKvV2(mount);
        tokenFile = dir.resolve("token");
        Files.writeString(tokenFile, BAO.rootToken());
        Files.writeString(dir.resolve("pass"), "local keyring passphrase\n");
    }

    @AfterEach
    void restore() {
        ConfigDir.restore(previous);
    }

    private Cli.Result msw(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--address", BAO.address(), "--token-file", tokenFile.toString(), "--mount", mount,
                "--secrets-file", dir.resolve("s.msw").toString(), "--keyring", dir.resolve("k.p12").toString(),
                "--keyring-passphrase-file", dir.resolve("pass").toString()));
        return Cli.run(all.toArray(String[]::new));
    }

    private Peers.Run hvac(String code) {
        String script = "import sys, json, hvac\n"
                + "client = hvac.Client(url=sys.argv[1], token=open(sys.argv[2]).read().strip())\n" + code;
        return Peers.exec(60, dir, Peers.python(), "-c", script, BAO.address(), tokenFile, mount);
    }

    @Test
    void hvacWritesMswReads() {
        Peers.Run w = hvac("client.secrets.kv.v2.create_or_update_secret(path='development/model/secret', "
                + "secret={'api_key': 'sk-from-hvac'}, mount_point=sys.argv[3])\n");
        assertEquals(0, w.exitCode(), w.toString());
        Cli.Result get = msw("secrets", "get", "development", "model/secret", "--field", "api_key", "--store", "vault");
        assertEquals(0, get.exitCode(), get.toString());
        assertEquals("sk-from-hvac\n", get.out());
        VaultSecretStore store = new VaultSecretStore(VaultSession.open(new VaultSettings(BAO.address(),
                BAO.rootToken(), null, null, false), new VaultLogin.Token(null)),
                new Environments(mount, Environments.DEFAULT_NAMES));
        SecretVersion v = store.read("development", "model/secret", 0);
        assertEquals("sk-from-hvac", v.data().get("api_key"));
        assertEquals(1, v.info().version());
    }

    @Test
    void mswWritesHvacReadsIncludingAMigrationFromTheLocalStore() {
        assertEquals(0, msw("secrets", "put", "production", "model/secret", "api_key=sk-from-msw", "--store", "vault").exitCode());
        Peers.Run r = hvac("s = client.secrets.kv.v2.read_secret_version(path='production/model/secret', "
                + "mount_point=sys.argv[3], raise_on_deleted_version=True)\n"
                + "print(json.dumps({'data': s['data']['data'], 'version': s['data']['metadata']['version']}))\n");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("\"api_key\": \"sk-from-msw\"") && r.out().contains("\"version\": 1"), r.out());

        assertEquals(0, msw("secrets", "put", "testing", "app/token", "token=t-local", "--store", "local").exitCode());
        Cli.Result migrate = msw("secrets", "migrate", "--from", "local", "--to", "vault");
        assertEquals(0, migrate.exitCode(), migrate.toString());
        assertTrue(migrate.out().contains("Copied 1 secrets"), migrate.out());
        Peers.Run m = hvac("s = client.secrets.kv.v2.read_secret_version(path='testing/app/token', mount_point=sys.argv[3], "
                + "raise_on_deleted_version=True)\nprint(s['data']['data']['token'])\n");
        assertEquals("t-local", m.out().strip(), m.toString());
        Cli.Result back = msw("secrets", "migrate", "--from", "vault", "--to", "local", "--env", "production");
        assertEquals(0, back.exitCode(), back.toString());
        assertEquals("sk-from-msw\n", msw("secrets", "get", "production", "model/secret", "--field", "api_key",
                "--store", "local").out());
    }

    @Test
    void savedProfilesHoldNoCredentialsAndConnect() throws Exception {
        Cli.Result save = Cli.run("secrets", "profile", "save", "team", "--address", BAO.address(), "--mount", mount,
                "--token-file", tokenFile.toString());
        assertEquals(0, save.exitCode(), save.toString());
        String file = Files.readString(dir.resolve("vault-profiles.json"));
        assertTrue(file.contains(BAO.address()) && file.contains(mount), file);
        assertTrue(!file.contains(BAO.rootToken()), "no token in the profile file");
        assertTrue(Cli.run("secrets", "profile", "ls").out().startsWith("team  " + BAO.address()));
        assertEquals(0, Cli.run("secrets", "put", "testing", "p", "k=v", "--profile", "team", "--token-file",
                tokenFile.toString()).exitCode());
        Cli.Result ls = Cli.run("secrets", "ls", "testing", "--profile", "team", "--token-file", tokenFile.toString());
        assertEquals("p\n", ls.out(), ls.toString());
    }
}
