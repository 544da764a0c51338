package dev.msw.keys;

import dev.msw.audit.Audit;
import dev.msw.core.AtomicOutput;
import dev.msw.core.CancellationToken;
import dev.msw.core.CancelledException;
import dev.msw.core.ProgressListener;
import dev.msw.core.UserFacingException;
import dev.msw.crypto.ArtifactDecryptor;
import dev.msw.crypto.ArtifactEncryptor;
import dev.msw.crypto.ArtifactHeader;
import dev.msw.crypto.Identity;
import dev.msw.crypto.Recipient;
import dev.msw.crypto.Stanza;
import dev.msw.keys.RewrapSummary.FileResult;
import dev.msw.keys.RewrapSummary.Outcome;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Re-encrypts artifacts with fresh file keys (and a fresh salt and file id), for when a file key may have
 * leaked. Plaintext only ever passes through memory (decryption streams into encryption); the new file
 * replaces the old one by atomic rename, and only after decryption authenticated every chunk. Each stanza is
 * recreated for the same key at its latest version; a passphrase stanza needs the passphrase again.
 */
public final class Rekeyer {
    private final List<KeyBackend> backends;
    private final List<Identity> extraIdentities;
    private final Recipient passphraseRecipient;

    /**
     * @param backends            backends whose keys open and re-wrap stanzas
     * @param extraIdentities     further identities that may open files (a passphrase)
     * @param passphraseRecipient recreates passphrase stanzas, or null (such files then fail, unchanged)
     */
    public Rekeyer(List<KeyBackend> backends, List<Identity> extraIdentities, Recipient passphraseRecipient) {
        this.backends = List.copyOf(backends);
        this.extraIdentities = List.copyOf(extraIdentities);
        this.passphraseRecipient = passphraseRecipient;
    }

    public RewrapSummary rekey(List<Path> roots, ProgressListener progress, CancellationToken cancel) throws IOException {
        InPlaceHeaderUpdate.recoverAll(roots);
        Rewrapper.Listing listing = Rewrapper.list(roots);
        List<Identity> identities = new ArrayList<>();
        backends.forEach(b -> identities.add(b.identity()));
        identities.addAll(extraIdentities);
        List<FileResult> results = new ArrayList<>();
        int i = 0;
        for (Path f : listing.files()) {
            cancel.throwIfCancelled();
            progress.progress(i++, listing.files().size(), f.toString());
            results.add(rekeyOne(f, identities, cancel));
        }
        progress.progress(listing.files().size(), listing.files().size(), "done");
        RewrapSummary summary = new RewrapSummary(results, listing.temporaryFiles());
        Audit.record("rekey", String.join(", ", roots.stream().map(Path::toString).toList()),
                summary.failures().isEmpty() ? "success" : "failure",
                Map.of("rekeyed", Long.toString(summary.count(Outcome.DONE)), "failed", Long.toString(summary.failures().size())));
        return summary;
    }

    private FileResult rekeyOne(Path f, List<Identity> identities, CancellationToken cancel) {
        try {
            if (!ArtifactHeader.hasMagic(f)) {
                return new FileResult(f, Outcome.NOT_ENCRYPTED, "");
            }
            ArtifactHeader header = ArtifactHeader.read(f);
            List<Recipient> recipients = new ArrayList<>();
            for (Stanza s : header.stanzas()) {
                recipients.add(recipientFor(s, f));
            }
            reencrypt(f, header, identities, recipients, cancel);
            return new FileResult(f, Outcome.DONE, "new file key for " + header.describeRecipients());
        } catch (CancelledException e) {
            throw e;
        } catch (UserFacingException | IOException e) {
            return new FileResult(f, Outcome.FAILED, e.getMessage());
        }
    }

    private Recipient recipientFor(Stanza s, Path f) throws IOException {
        for (KeyBackend b : backends) {
            if (s.type().equals(b.stanzaType()) && !s.args().isEmpty()) {
                return b.recipient(s.args().get(0));
            }
        }
        if ("passphrase".equals(s.type()) && passphraseRecipient != null) {
            return passphraseRecipient;
        }
        throw new KeyringException("Cannot rekey " + f, "it is also encrypted for " + dev.msw.crypto.StanzaDescriptions.describe(s)
                + ", which this run cannot recreate", "give the passphrase (--passphrase-file) or the key's backend, and run again");
    }

    private static void reencrypt(Path f, ArtifactHeader header, List<Identity> identities, List<Recipient> recipients,
                                  CancellationToken cancel) throws IOException {
        AtomicReference<Throwable> decryptFailure = new AtomicReference<>();
        try (PipedInputStream plainIn = new PipedInputStream(1 << 20);
             AtomicOutput out = AtomicOutput.create(f, true)) {
            PipedOutputStream plainOut = new PipedOutputStream(plainIn);
            Thread decryptor = new Thread(() -> {
                try (InputStream in = Files.newInputStream(f); OutputStream po = plainOut) {
                    new ArtifactDecryptor().decrypt(in, po, f.toString(), identities, ProgressListener.NONE, cancel);
                } catch (Throwable t) {
                    decryptFailure.set(t);
                }
            }, "msw-rekey-decrypt");
            decryptor.setDaemon(true);
            decryptor.start();
            Throwable encryptFailure = null;
            try {
                new ArtifactEncryptor().withChunkSize(header.chunkSize()).encrypt(plainIn, out.stream(), header.plaintextLength(),
                        recipients, ProgressListener.NONE, cancel);
            } catch (IOException | RuntimeException e) {
                encryptFailure = e;
            }
            plainIn.close();
            try {
                decryptor.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancelledException();
            }
            Throwable failure = decryptFailure.get() != null ? decryptFailure.get() : encryptFailure;
            if (failure instanceof UserFacingException u) {
                throw u;
            }
            if (failure != null) {
                throw new IOException(failure.getMessage(), failure);
            }
            out.commit();
        }
    }
}
