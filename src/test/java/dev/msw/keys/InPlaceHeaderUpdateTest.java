package dev.msw.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.msw.core.CancellationToken;
import dev.msw.core.ProgressListener;
import dev.msw.crypto.ArtifactDecryptor;
import dev.msw.crypto.ArtifactHeader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Crashes simulated at each step of an in-place header update, and the recovery that follows. */
class InPlaceHeaderUpdateTest {
    @TempDir
    Path tmp;
    LocalKeyring ring;
    Path file;
    byte[] plain;
    byte[] oldHeader;
    byte[] newHeader;

    @BeforeEach
    void setUp() throws Exception {
        ring = KeyFixtures.keyring(tmp);
        ring.createKey("team");
        plain = KeyFixtures.plaintext(300_000, 4);
        file = KeyFixtures.encrypt(tmp.resolve("m/model.msw"), plain, List.of(ring.recipient("team")));
        ring.addVersion("team");
        ArtifactHeader h = ArtifactHeader.read(file);
        ArtifactHeader.Unlocked u = h.unlock(List.of(ring.identity()), file.toString());
        oldHeader = h.encoded();
        newHeader = h.withStanzas(List.of(ring.recipient("team").wrap(u.fileKey(), h.fileId())), u.fileKey()).encoded();
        assertEquals(oldHeader.length, newHeader.length);
    }

    private void overwrite(byte[] bytes) throws Exception {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(bytes), 0);
        }
    }

    private byte[] decrypt() throws Exception {
        return new ArtifactDecryptor().decryptToMemory(file, List.of(ring.identity()), ProgressListener.NONE, CancellationToken.NONE);
    }

    private String version() throws Exception {
        return ArtifactHeader.read(file).stanzas().get(0).args().get(1);
    }

    @Test
    void crashAfterJournalKeepsTheOldHeader() throws Exception {
        InPlaceHeaderUpdate.writeJournal(file, oldHeader, newHeader);
        assertTrue(InPlaceHeaderUpdate.recoverAll(List.of(tmp.resolve("m"))) == 1);
        assertEquals("1", version());
        assertArrayEquals(plain, decrypt());
        assertFalse(Files.exists(InPlaceHeaderUpdate.journalFor(file)));
    }

    @Test
    void tornHeaderWriteIsUndone() throws Exception {
        InPlaceHeaderUpdate.writeJournal(file, oldHeader, newHeader);
        byte[] torn = Arrays.copyOf(newHeader, newHeader.length);
        System.arraycopy(oldHeader, newHeader.length / 2, torn, newHeader.length / 2, newHeader.length - newHeader.length / 2);
        overwrite(torn);
        InPlaceHeaderUpdate.recover(file);
        assertEquals("1", version());
        assertArrayEquals(plain, decrypt());
    }

    @Test
    void crashAfterTheHeaderWriteKeepsTheNewHeader() throws Exception {
        InPlaceHeaderUpdate.writeJournal(file, oldHeader, newHeader);
        overwrite(newHeader);
        InPlaceHeaderUpdate.recover(file);
        assertEquals("2", version());
        assertArrayEquals(plain, decrypt());
    }

    @Test
    void aRewrapRunRecoversFirstAndTheNoteIsNeverBackedUpOrListed() throws Exception {
        InPlaceHeaderUpdate.writeJournal(file, oldHeader, newHeader);
        byte[] torn = Arrays.copyOf(oldHeader, oldHeader.length);
        torn[10] ^= 0x55;
        overwrite(torn);
        RewrapSummary s = new Rewrapper(new LocalKeyBackend(ring, new KeyPolicyStore(tmp.resolve("p.json"))))
                .rewrap("team", List.of(tmp.resolve("m")), ProgressListener.NONE, CancellationToken.NONE);
        assertEquals(1, s.count(RewrapSummary.Outcome.DONE), s.toString());
        assertEquals("2", version());
        assertArrayEquals(plain, decrypt());
        try (var list = Files.list(tmp.resolve("m"))) {
            assertEquals(List.of(file), list.toList());
        }
    }
}
