package dev.msw.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.msw.testsupport.Peers;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The keyring's behaviour, and that the JDK's keytool reads the file it writes. */
class LocalKeyringKeytoolTest {
    static final char[] PASS = "keyring passphrase".toCharArray();

    @TempDir
    Path dir;

    @Test
    void createdKeysAreVersionedPersistedAndListedByKeytool() throws Exception {
        Path file = dir.resolve("keyring.p12");
        Instant before = Instant.now().minus(Duration.ofSeconds(2));
        LocalKeyring ring = LocalKeyring.create(file, PASS);
        ring.createKey("team");
        ring.createKey("prod-models");
        KeyVersion v2 = ring.addVersion("team");
        assertEquals(2, v2.version());

        LocalKeyring reopened = LocalKeyring.open(file, PASS);
        List<KeyVersion> keys = reopened.list();
        assertEquals(List.of("prod-models@v1", "team@v1", "team@v2"), keys.stream().map(KeyVersion::alias).toList());
        assertTrue(keys.get(0).created().isAfter(before), "creation time is kept: " + keys.get(0).created());
        assertEquals(OptionalInt.of(2), reopened.latestVersion("team"));
        assertEquals(32, reopened.find("team", 2).orElseThrow().getEncoded().length);
        assertTrue(reopened.find("team", 3).isEmpty());

        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Peers.Run run = Peers.exec(60, dir, keytool, "-list", "-storetype", "PKCS12", "-keystore", file,
                "-storepass", new String(PASS));
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("team@v2") && run.out().contains("prod-models@v1"), run.out());
        assertTrue(run.out().contains("SecretKeyEntry"), run.out());
    }

    @Test
    void refusesWrongPassphraseBadNamesDuplicatesAndSecondInit() throws Exception {
        Path file = dir.resolve("keyring.p12");
        LocalKeyring ring = LocalKeyring.create(file, PASS);
        ring.createKey("team");
        KeyringException wrong = assertThrows(KeyringException.class,
                () -> LocalKeyring.open(file, "not the passphrase".toCharArray()));
        assertTrue(wrong.getMessage().startsWith("Wrong passphrase for the keyring"), wrong.getMessage());
        assertThrows(KeyringException.class, () -> ring.createKey("team"));
        assertThrows(KeyringException.class, () -> ring.createKey("Team Keys"));
        assertThrows(KeyringException.class, () -> ring.addVersion("nobody"));
        assertThrows(KeyringException.class, () -> LocalKeyring.create(file, PASS));
        assertThrows(KeyringException.class, () -> LocalKeyring.create(dir.resolve("other.p12"), "short".toCharArray()));
        assertThrows(KeyringException.class, () -> LocalKeyring.open(dir.resolve("missing.p12"), PASS));
    }
}
