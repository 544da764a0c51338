package dev.msw.cli.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.msw.audit.AuditLog;
import dev.msw.keys.KeyFixtures;
import dev.msw.keys.LocalKeyring;
import dev.msw.testsupport.Cli;
import dev.msw.testsupport.ConfigDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyCommandsTest {
    @TempDir
    Path tmp;
    Path ring;
    Path pass;
    Path models;
    private String previousConfig;

    @BeforeEach
    void setUp() throws Exception {
        previousConfig = ConfigDir.point(tmp.resolve("config"));
        LocalKeyring keyring = KeyFixtures.keyring(tmp);
        ring = keyring.path();
        pass = KeyFixtures.passphraseFile(tmp);
        keyring.createKey("team");
        models = Files.createDirectories(tmp.resolve("models"));
        for (int i = 0; i < 3; i++) {
            KeyFixtures.encrypt(models.resolve("m" + i + ".msw"), KeyFixtures.plaintext(2000, i), List.of(keyring.recipient("team")));
        }
    }

    @AfterEach
    void restoreConfig() {
        ConfigDir.restore(previousConfig);
    }

    private Cli.Result key(String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--keyring";
        all[args.length + 1] = ring.toString();
        all[args.length + 2] = "--keyring-passphrase-file";
        all[args.length + 3] = pass.toString();
        return Cli.run(all);
    }

    @Test
    void rotateRewrapRaiseMinimumWalkthrough() throws Exception {
        Cli.Result rotate = key("key", "rotate", "team");
        assertEquals(0, rotate.exitCode(), rotate.toString());
        assertTrue(rotate.out().contains("Rotated team to v2"), rotate.toString());

        Cli.Result info = key("key", "info", "team", "--json");
        JsonNode j = new ObjectMapper().readTree(info.out());
        assertEquals(2, j.get("latestVersion").asInt());
        assertEquals(2, j.get("versions").size());
        assertTrue(j.get("versions").get(1).get("current").asBoolean());

        Cli.Result refused = key("key", "set-min-decryption", "team", "2", "--check", models.toString());
        assertEquals(1, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("3 artifact(s)") && refused.err().contains("m0.msw"), refused.toString());

        Cli.Result inv = Cli.run("inventory", models.toString(), "--remember", "--json");
        assertEquals(0, inv.exitCode(), inv.toString());
        assertEquals(3, new ObjectMapper().readTree(inv.out()).get("versions").get("local:team").get("1").asInt());

        Cli.Result rewrap = key("rewrap", models.toString(), "--key", "team");
        assertEquals(0, rewrap.exitCode(), rewrap.toString());
        assertTrue(rewrap.out().contains("Rewrapped 3, already current 0"), rewrap.toString());
        Cli.Result again = key("rewrap", models.toString(), "--key", "team", "--json");
        assertEquals(3, new ObjectMapper().readTree(again.out()).get("current").asInt(), again.toString());

        // the remembered folder is checked by default
        Cli.Result raised = key("key", "set-min-decryption", "team", "2");
        assertEquals(0, raised.exitCode(), raised.toString());
        assertTrue(raised.out().contains("minimum decryption version 2"), raised.toString());
        assertTrue(raised.out().contains("(no longer decrypts)"), raised.toString());

        List<String> actions = new AuditLog(tmp.resolve("config/audit.jsonl")).read().stream().map(AuditLog.AuditEntry::action).toList();
        assertTrue(actions.containsAll(List.of("key.rotate", "rewrap", "key.min-decryption")), actions.toString());
    }

    @Test
    void mistakesGetClearMessages() {
        Cli.Result unknown = key("key", "rotate", "nosuch");
        assertEquals(1, unknown.exitCode());
        assertTrue(unknown.err().contains("No key 'nosuch'"), unknown.toString());
        Cli.Result noFolders = key("key", "set-min-decryption", "team", "1");
        assertEquals(1, noFolders.exitCode());
        assertTrue(noFolders.err().contains("--check DIR"), noFolders.toString());
        Cli.Result outOfRange = key("key", "set-min-decryption", "team", "5", "--no-check");
        assertEquals(1, outOfRange.exitCode());
        assertTrue(outOfRange.err().contains("versions 1 to 1"), outOfRange.toString());
        Cli.Result missingKeyOption = Cli.run("rewrap", models.toString());
        assertEquals(2, missingKeyOption.exitCode());
        Cli.Result noVault = Cli.run("key", "set-min-encryption", "team", "1", "--keyring", ring.toString(),
                "--keyring-passphrase-file", pass.toString());
        assertEquals(1, noVault.exitCode());
        assertTrue(noVault.err().contains("Local keys have no minimum encryption version"), noVault.toString());
    }
}
