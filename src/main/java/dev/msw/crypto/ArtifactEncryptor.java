package dev.msw.crypto;

import dev.msw.core.AtomicOutput;
import dev.msw.core.CancellationToken;
import dev.msw.core.ProgressListener;
import dev.msw.core.UserFacingException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Encrypts files and streams into the msw container (docs/FORMAT.md) for one or more recipients: a fresh
 * random file key per file, AES-256-GCM STREAM chunks computed in parallel, memory bounded by a few chunks
 * whatever the size. File output appears only when complete ({@link AtomicOutput}). Immutable; the
 * {@code with…} methods return configured copies.
 */
public final class ArtifactEncryptor {
    private final int chunkSize;
    private final int threads;
    private final SecureRandom random;

    public ArtifactEncryptor() {
        this(ArtifactHeader.DEFAULT_CHUNK_SIZE, Runtime.getRuntime().availableProcessors(), new SecureRandom());
    }

    private ArtifactEncryptor(int chunkSize, int threads, SecureRandom random) {
        ArtifactHeader.checkChunkSize(chunkSize);
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        this.chunkSize = chunkSize;
        this.threads = threads;
        this.random = random;
    }

    /** Plaintext bytes per chunk (default 1 MiB); small sizes are for tests. */
    public ArtifactEncryptor withChunkSize(int bytes) {
        return new ArtifactEncryptor(bytes, threads, random);
    }

    public ArtifactEncryptor withThreads(int count) {
        return new ArtifactEncryptor(chunkSize, count, random);
    }

    /**
     * Encrypts {@code source} into {@code destination}.
     *
     * @throws UserFacingException when the destination exists and {@code overwrite} is false, the source is
     *                             not a readable file, or writing fails (nothing is left at the destination)
     */
    public CryptoResult encrypt(Path source, Path destination, List<? extends Recipient> recipients, boolean overwrite,
            ProgressListener progress, CancellationToken cancel) throws IOException {
        FileChecks.requireRegularFile(source);
        FileChecks.requireDistinct(source, destination);
        long length = Files.size(source);
        try (InputStream in = Files.newInputStream(source);
                AtomicOutput out = AtomicOutput.create(destination, overwrite)) {
            ArtifactHeader header;
            try {
                header = encrypt(in, out.stream(), length, recipients, progress, cancel);
            } catch (FileChecks.WriteFailure e) {
                throw FileChecks.writeFailed(destination, e.getCause());
            }
            try {
                out.commit();
            } catch (IOException e) {
                throw FileChecks.writeFailed(destination, e);
            }
            return new CryptoResult(header, length, header.length() + header.expectedPayloadLength(), null);
        }
    }

    /**
     * Encrypts a stream. {@code plaintextLength} is recorded in the authenticated header (so truncation is
     * detected before decrypting) and checked against what {@code in} delivers; pass
     * {@link ArtifactHeader#UNKNOWN_LENGTH} when unknown. Does not close the streams.
     */
    public ArtifactHeader encrypt(InputStream in, OutputStream out, long plaintextLength,
            List<? extends Recipient> recipients, ProgressListener progress, CancellationToken cancel)
            throws IOException {
        byte[] salt = new byte[ArtifactHeader.SALT_LENGTH];
        byte[] fileId = new byte[ArtifactHeader.FILE_ID_LENGTH];
        random.nextBytes(salt);
        random.nextBytes(fileId);
        FileKeyIssuer issuer = recipients.stream().filter(FileKeyIssuer.class::isInstance)
                .map(FileKeyIssuer.class::cast).findFirst().orElse(null);
        List<Recipient> wrapping = new ArrayList<>(recipients);
        FileKey fileKey;
        if (issuer == null) {
            fileKey = FileKey.generate(random);
        } else {
            FileKeyIssuer.Issued issued = issuer.issue(fileId.clone());
            fileKey = issued.fileKey();
            wrapping.set(wrapping.indexOf(issuer), issuedStanza(issuer, issued.stanza()));
        }
        try {
            return encrypt(in, out, plaintextLength, fileKey, salt, fileId, wrapping, progress, cancel);
        } finally {
            fileKey.destroy();
        }
    }

    /** Stands in for the issuer, which already produced its stanza together with the key. */
    private static Recipient issuedStanza(FileKeyIssuer issuer, Stanza stanza) {
        return new Recipient() {
            @Override
            public Stanza wrap(FileKey fileKey, byte[] fileId) {
                return stanza;
            }

            @Override
            public String describe() {
                return issuer.describe();
            }
        };
    }

    /** The deterministic core, also used by the test vectors (fixed key, salt and file id). */
    ArtifactHeader encrypt(InputStream in, OutputStream out, long plaintextLength, FileKey fileKey, byte[] salt,
            byte[] fileId, List<? extends Recipient> recipients, ProgressListener progress, CancellationToken cancel)
            throws IOException {
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("encrypting needs at least one recipient (a key or a passphrase)");
        }
        List<Stanza> stanzas = new ArrayList<>();
        for (Recipient r : recipients) {
            stanzas.add(r.wrap(fileKey, fileId.clone()));
        }
        ArtifactHeader header = ArtifactHeader.build(chunkSize, plaintextLength, salt, fileId, stanzas, fileKey);
        FileChecks.write(out, header.encoded(), header.length());
        byte[] payloadKey = KeySchedule.payloadKey(fileKey, salt);
        ChunkCipher cipher = new ChunkCipher(payloadKey);
        Arrays.fill(payloadKey, (byte) 0);
        long consumed;
        try (ChunkPipeline pipeline = new ChunkPipeline(threads, chunkSize, chunkSize + KeySchedule.TAG_LENGTH)) {
            consumed = pipeline.run(in, (index, last, buf, len, dst) -> {
                try {
                    return cipher.encrypt(index, last, buf, len, dst);
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException("AES-GCM encryption failed: " + e.getMessage(), e);
                }
            }, (buf, len) -> FileChecks.write(out, buf, len), progress, plaintextLength, cancel,
                    new ChunkPipeline.Counter());
        }
        if (plaintextLength != ArtifactHeader.UNKNOWN_LENGTH && consumed != plaintextLength) {
            throw new UserFacingException("The input changed while it was being encrypted",
                    "expected " + plaintextLength + " bytes but read " + consumed,
                    "make sure nothing writes to the file, then encrypt it again");
        }
        return header;
    }
}
