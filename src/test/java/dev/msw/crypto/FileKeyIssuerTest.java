package dev.msw.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.msw.core.CancellationToken;
import dev.msw.core.ProgressListener;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A recipient that mints the file key (as Vault Transit's datakey does) decides the key every stanza wraps. */
class FileKeyIssuerTest {
    private static final byte[] MINTED = new byte[FileKey.LENGTH];

    static {
        for (int i = 0; i < MINTED.length; i++) {
            MINTED[i] = (byte) (0x40 + i);
        }
    }

    /** Mints a known key; its stanza body is the key itself so the matching identity can open it. */
    private static final class KnownKeyIssuer implements FileKeyIssuer {
        final AtomicInteger issued = new AtomicInteger();
        final AtomicInteger wrapped = new AtomicInteger();

        @Override
        public Issued issue(byte[] fileId) {
            issued.incrementAndGet();
            return new Issued(FileKey.of(MINTED), new Stanza("test-minted", List.of(), MINTED.clone()));
        }

        @Override
        public Stanza wrap(FileKey fileKey, byte[] fileId) {
            wrapped.incrementAndGet();
            return new Stanza("test-minted", List.of(), fileKey.rawBytes());
        }

        @Override
        public String describe() {
            return "a test issuer";
        }
    }

    private static final Identity MINTED_IDENTITY = new Identity() {
        @Override
        public Optional<FileKey> unwrap(Stanza stanza, byte[] fileId) {
            return stanza.type().equals("test-minted") ? Optional.of(FileKey.of(stanza.body())) : Optional.empty();
        }

        @Override
        public String describe() {
            return "the minted key";
        }
    };

    @Test
    void theIssuersKeyIsTheFileKeyAndOtherRecipientsWrapIt() throws Exception {
        KnownKeyIssuer issuer = new KnownKeyIssuer();
        PassphraseRecipient passphrase = new PassphraseRecipient("correct horse battery".toCharArray(), TestKeys.FAST_ARGON);
        byte[] plain = "model weights".repeat(1000).getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream sealed = new ByteArrayOutputStream();
        new ArtifactEncryptor().encrypt(new ByteArrayInputStream(plain), sealed, plain.length, List.of(passphrase, issuer),
                ProgressListener.NONE, CancellationToken.NONE);
        assertEquals(1, issuer.issued.get(), "the file key is minted once");
        assertEquals(0, issuer.wrapped.get(), "the issuer's own stanza comes with the key, not from wrap()");

        ArtifactHeader header = ArtifactHeader.read(new ByteArrayInputStream(sealed.toByteArray()), "sealed");
        assertEquals(List.of("passphrase", "test-minted"), header.stanzas().stream().map(Stanza::type).toList());
        // the minted key opens the file ...
        assertArrayEquals(plain, new ArtifactDecryptor().decryptToMemory(new ByteArrayInputStream(sealed.toByteArray()),
                "sealed", sealed.size(), List.of(MINTED_IDENTITY), ProgressListener.NONE, CancellationToken.NONE));
        // ... and the passphrase stanza wraps that same key
        FileKey viaPassphrase = header.unlock(List.of(new PassphraseIdentity("correct horse battery".toCharArray())), "sealed").fileKey();
        assertArrayEquals(MINTED, viaPassphrase.rawBytes());
    }
}
