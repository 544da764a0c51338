package dev.msw.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.msw.core.CancellationToken;
import dev.msw.core.ProgressListener;
import dev.msw.core.UserFacingException;
import dev.msw.crypto.ArtifactDecryptor;
import dev.msw.crypto.ArtifactHeader;
import dev.msw.crypto.PassphraseIdentity;
import dev.msw.crypto.PassphraseRecipient;
import dev.msw.crypto.Argon2Settings;
import dev.msw.crypto.WrongKeyException;
import dev.msw.keys.RewrapSummary.Outcome;
import dev.msw.testsupport.ConfigDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RewrapperTest {
    @TempDir
    Path tmp;
    LocalKeyring keyring;
    LocalKeyBackend backend;
    Path models;
    List<byte[]> plains = new ArrayList<>();
    private String previousConfig;

    @BeforeEach
    void setUp() throws Exception {
        previousConfig = ConfigDir.point(tmp.resolve("config"));
        keyring = KeyFixtures.keyring(tmp);
        keyring.createKey("team");
        keyring.createKey("other");
        backend = new LocalKeyBackend(keyring);
        models = Files.createDirectories(tmp.resolve("models"));
        for (int i = 0; i < 4; i++) {
            plains.add(KeyFixtures.plaintext(150_000 + i, i));
            KeyFixtures.encrypt(models.resolve("m" + i + ".msw"), plains.get(i), List.of(keyring.recipient("team")));
        }
        plains.add(KeyFixtures.plaintext(1000, 9));
        KeyFixtures.encrypt(models.resolve("sub/shared.msw"), plains.get(4), List.of(keyring.recipient("team"),
                new PassphraseRecipient("share-pass".toCharArray(), new Argon2Settings(64, 1, 1))));
        KeyFixtures.encrypt(models.resolve("sub/other.msw"), KeyFixtures.plaintext(10, 1), List.of(keyring.recipient("other")));
        Files.writeString(models.resolve("README.txt"), "not encrypted");
    }

    @AfterEach
    void restoreConfig() {
        ConfigDir.restore(previousConfig);
    }

    @Test
    void rewrapChangesOnlyStanzasAndMacAndKeepsPayloadBytesIdentical() throws Exception {
        List<Path> files = List.of(models.resolve("m0.msw"), models.resolve("m1.msw"), models.resolve("m2.msw"),
                models.resolve("m3.msw"), models.resolve("sub/shared.msw"));
        List<byte[]> payloadsBefore = new ArrayList<>();
        List<ArtifactHeader> headersBefore = new ArrayList<>();
        for (Path f : files) {
            payloadsBefore.add(KeyFixtures.payload(f));
            headersBefore.add(ArtifactHeader.read(f));
        }
        backend.rotate("team");
        RewrapSummary s = new Rewrapper(backend).rewrap("team", List.of(models), ProgressListener.NONE, CancellationToken.NONE);
        assertEquals(5, s.count(Outcome.DONE), s.toString());
        assertEquals(1, s.count(Outcome.OTHER_KEY));
        assertEquals(1, s.count(Outcome.NOT_ENCRYPTED));
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            assertArrayEquals(payloadsBefore.get(i), KeyFixtures.payload(f), "payload of " + f + " must be byte-identical");
            ArtifactHeader after = ArtifactHeader.read(f);
            assertArrayEquals(headersBefore.get(i).fileId(), after.fileId());
            assertArrayEquals(headersBefore.get(i).salt(), after.salt());
            assertEquals("2", after.stanzas().get(0).args().get(1));
            assertArrayEquals(plains.get(i), new ArtifactDecryptor().decryptToMemory(f, List.of(backend.identity()),
                    ProgressListener.NONE, CancellationToken.NONE));
        }
        // the passphrase stanza survived the rewrap
        assertArrayEquals(plains.get(4), new ArtifactDecryptor().decryptToMemory(models.resolve("sub/shared.msw"),
                List.of(new PassphraseIdentity("share-pass".toCharArray())), ProgressListener.NONE, CancellationToken.NONE));
        RewrapSummary again = new Rewrapper(backend).rewrap("team", List.of(models), ProgressListener.NONE, CancellationToken.NONE);
        assertEquals(0, again.count(Outcome.DONE));
        assertEquals(5, again.count(Outcome.CURRENT));
    }

    @Test
    void minimumDecryptionVersionIsRefusedWhileFilesWouldBeLockedOut() throws Exception {
        backend.rotate("team");
        UserFacingException e = assertThrows(UserFacingException.class, () -> MinimumVersionGuard.raise(backend, "team", 2,
                List.of(models), ProgressListener.NONE, CancellationToken.NONE));
        assertTrue(e.getMessage().contains("5 artifact(s)") && e.getMessage().contains("m0.msw") && e.getMessage().contains("msw rewrap"),
                e.getMessage());
        assertEquals(1, backend.info("team").minDecryptionVersion());

        new Rewrapper(backend).rewrap("team", List.of(models), ProgressListener.NONE, CancellationToken.NONE);
        KeyInfo raised = MinimumVersionGuard.raise(backend, "team", 2, List.of(models), ProgressListener.NONE, CancellationToken.NONE);
        assertEquals(2, raised.minDecryptionVersion());
        assertFalse(raised.canDecrypt(1));

        // a file still on v1 elsewhere can no longer be opened through the backend's identity
        Path stray = KeyFixtures.encrypt(tmp.resolve("stray/s.msw"), KeyFixtures.plaintext(10, 3), List.of(keyring.recipient("team", 1)));
        assertThrows(WrongKeyException.class, () -> new ArtifactDecryptor().decryptToMemory(stray, List.of(backend.identity()),
                ProgressListener.NONE, CancellationToken.NONE));
    }

    @Test
    void inventoryCountsVersionsPerKey() throws Exception {
        backend.rotate("team");
        new Rewrapper(backend).rewrap("team", List.of(models.resolve("m0.msw")), ProgressListener.NONE, CancellationToken.NONE);
        ArtifactInventory inv = ArtifactInventory.scan(List.of(models), ProgressListener.NONE, CancellationToken.NONE);
        assertEquals(6, inv.items().size());
        assertEquals(1, inv.unencrypted().size());
        assertEquals(java.util.Map.of(1, 4, 2, 1), inv.versionCounts().get("local:team"));
        assertEquals(4, inv.behind("local", "team", 2).size());
        assertEquals(4, inv.wouldBecomeUnreadable("local", "team", 2).size());
    }

    @Test
    void rekeyGivesFreshFileKeysAndKeepsContent() throws Exception {
        Path f = models.resolve("m1.msw");
        ArtifactHeader before = ArtifactHeader.read(f);
        byte[] payloadBefore = KeyFixtures.payload(f);
        RewrapSummary s = new Rekeyer(List.of(backend), List.of(), null).rekey(List.of(f), ProgressListener.NONE, CancellationToken.NONE);
        assertEquals(1, s.count(Outcome.DONE), s.toString());
        ArtifactHeader after = ArtifactHeader.read(f);
        assertFalse(java.util.Arrays.equals(before.fileId(), after.fileId()));
        assertFalse(java.util.Arrays.equals(payloadBefore, KeyFixtures.payload(f)));
        assertArrayEquals(plains.get(1), new ArtifactDecryptor().decryptToMemory(f, List.of(backend.identity()),
                ProgressListener.NONE, CancellationToken.NONE));

        // a passphrase stanza cannot be recreated without the passphrase: the file is left untouched
        Path shared = models.resolve("sub/shared.msw");
        byte[] sharedBefore = Files.readAllBytes(shared);
        RewrapSummary refused = new Rekeyer(List.of(backend), List.of(), null).rekey(List.of(shared), ProgressListener.NONE,
                CancellationToken.NONE);
        assertEquals(1, refused.failures().size());
        assertTrue(refused.failures().get(0).detail().contains("passphrase"), refused.toString());
        assertArrayEquals(sharedBefore, Files.readAllBytes(shared));
    }

    @Test
    void tamperedFileFailsAloneAndIsLeftAsItWas() throws Exception {
        backend.rotate("team");
        Path bad = models.resolve("m2.msw");
        byte[] b = Files.readAllBytes(bad);
        int header = ArtifactHeader.read(bad).length();
        b[header - 5] ^= 1; // inside the header MAC
        Files.write(bad, b);
        RewrapSummary s = new Rewrapper(backend).rewrap("team", List.of(models), ProgressListener.NONE, CancellationToken.NONE);
        assertEquals(4, s.count(Outcome.DONE));
        assertEquals(1, s.failures().size());
        assertEquals(bad, s.failures().get(0).file());
        assertArrayEquals(b, Files.readAllBytes(bad));
    }
}
