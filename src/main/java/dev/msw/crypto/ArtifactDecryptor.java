package dev.msw.crypto;

import dev.msw.core.AtomicOutput;
import dev.msw.core.CancellationToken;
import dev.msw.core.ProgressListener;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import javax.crypto.AEADBadTagException;

/**
 * Decrypts msw containers. Every chunk is authenticated before its plaintext is used; truncation, reordering,
 * chunk swapping and appended data are detected; each failure is a distinct {@link ArtifactException}
 * ({@link WrongKeyException}, {@link HeaderTamperedException}, {@link StanzaTamperedException},
 * {@link ChunkTamperedException}, {@link TruncatedException}, {@link TrailingDataException}). File output is
 * written to a temporary file and renamed only after the last chunk verified; on any failure nothing is left.
 */
public final class ArtifactDecryptor {
    /** Largest plaintext {@link #decryptToMemory} accepts (a Java array's limit). */
    public static final long MAX_IN_MEMORY = Integer.MAX_VALUE - 16;

    private final int threads;

    public ArtifactDecryptor() {
        this(Runtime.getRuntime().availableProcessors());
    }

    private ArtifactDecryptor(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        this.threads = threads;
    }

    public ArtifactDecryptor withThreads(int count) {
        return new ArtifactDecryptor(count);
    }

    /** Decrypts {@code source} to {@code destination} (temp file + rename after full authentication). */
    public CryptoResult decrypt(Path source, Path destination, List<? extends Identity> identities, boolean overwrite,
            ProgressListener progress, CancellationToken cancel) throws IOException {
        FileChecks.requireRegularFile(source);
        FileChecks.requireDistinct(source, destination);
        if (!overwrite && Files.exists(destination)) {
            // fail before the (possibly slow) passphrase derivation; AtomicOutput checks again
            AtomicOutput.create(destination, false).close();
        }
        try (Opened f = open(source, identities)) {
            try (AtomicOutput out = AtomicOutput.create(destination, overwrite)) {
                long plain;
                try {
                    plain = f.decryptTo(out.stream(), progress, cancel);
                } catch (FileChecks.WriteFailure e) {
                    throw FileChecks.writeFailed(destination, e.getCause());
                }
                try {
                    out.commit();
                } catch (IOException e) {
                    throw FileChecks.writeFailed(destination, e);
                }
                return f.result(plain);
            }
        }
    }

    /**
     * Decrypts {@code source} to a stream that is not a regular file (standard output, {@code /dev/null}), each
     * chunk as it authenticates: if this throws, {@code out} may already hold the chunks before the failing one and
     * the caller must discard it. Does not close {@code out}.
     */
    public CryptoResult decrypt(Path source, OutputStream out, List<? extends Identity> identities,
            ProgressListener progress, CancellationToken cancel) throws IOException {
        FileChecks.requireRegularFile(source);
        try (Opened f = open(source, identities)) {
            return f.result(f.decryptTo(out, progress, cancel));
        }
    }

    /** An encrypted file whose header was read, its payload length checked against the file's, and its key unlocked. */
    private final class Opened implements AutoCloseable {
        final String name;
        final FileChannel ch;
        final long fileLength;
        ArtifactHeader header;
        ArtifactHeader.Unlocked unlocked;

        Opened(Path source) throws IOException {
            name = source.toString();
            ch = FileChannel.open(source, StandardOpenOption.READ);
            fileLength = ch.size();
        }

        long decryptTo(OutputStream out, ProgressListener progress, CancellationToken cancel) throws IOException {
            long payload = fileLength - header.length();
            return decryptPayload(fileRange(ch, header.length(), payload), out, header, unlocked.fileKey(), name,
                    progress, payload, cancel);
        }

        CryptoResult result(long plaintextBytes) {
            return new CryptoResult(header, plaintextBytes, fileLength, StanzaDescriptions.describe(unlocked.stanza()));
        }

        @Override
        public void close() throws IOException {
            try {
                if (unlocked != null) {
                    unlocked.fileKey().destroy();
                }
            } finally {
                ch.close();
            }
        }
    }

    private Opened open(Path source, List<? extends Identity> identities) throws IOException {
        Opened f = new Opened(source);
        try {
            f.header = ArtifactHeader.read(new BufferedInputStream(Channels.newInputStream(f.ch), 1 << 16), f.name);
            checkPayloadLength(f.header, f.fileLength - f.header.length(), f.name);
            f.unlocked = f.header.unlock(identities, f.name);
            return f;
        } catch (IOException | RuntimeException e) {
            try {
                f.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    /**
     * Decrypts a file entirely into memory (for loading a model without writing plaintext to disk). The array
     * is returned only after every chunk authenticated.
     */
    public byte[] decryptToMemory(Path source, List<? extends Identity> identities, ProgressListener progress,
            CancellationToken cancel) throws IOException {
        FileChecks.requireRegularFile(source);
        String name = source.toString();
        long fileLength = Files.size(source);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(source), 1 << 16)) {
            return decryptToMemory(in, name, fileLength, identities, progress, cancel);
        }
    }

    /** As {@link #decryptToMemory(Path, List, ProgressListener, CancellationToken)}, from a stream. */
    public byte[] decryptToMemory(InputStream in, String name, long totalLength, List<? extends Identity> identities,
            ProgressListener progress, CancellationToken cancel) throws IOException {
        ArtifactHeader header = ArtifactHeader.read(in, name);
        if (totalLength >= 0) {
            checkPayloadLength(header, totalLength - header.length(), name);
        }
        long expected = header.plaintextLength();
        if (expected > MAX_IN_MEMORY) {
            throw new ArtifactException("Cannot decrypt " + name + " into memory",
                    "its plaintext (" + expected + " bytes) is larger than a Java array can hold",
                    "decrypt it to a file instead");
        }
        ArtifactHeader.Unlocked unlocked = header.unlock(identities, name);
        try {
            ByteArrayOutputStream sink = new ByteArrayOutputStream(expected > 0 ? (int) expected : 1 << 16) {
                @Override
                public synchronized void write(byte[] b, int off, int len) {
                    if ((long) count + len > MAX_IN_MEMORY) {
                        throw new ArtifactException("Cannot decrypt " + name + " into memory",
                                "its plaintext is larger than a Java array can hold", "decrypt it to a file instead");
                    }
                    super.write(b, off, len);
                }
            };
            long payload = totalLength >= 0 ? totalLength - header.length() : -1;
            decryptPayload(stream(in), sink, header, unlocked.fileKey(), name, progress, payload, cancel);
            return sink.toByteArray();
        } finally {
            unlocked.fileKey().destroy();
        }
    }

    /**
     * Streams plaintext to {@code out} as each chunk authenticates. If this throws, {@code out} may already
     * hold the chunks before the failing one: callers writing somewhere other than a temporary file must
     * discard it. {@code in} must be positioned at the start of the container. Does not close the streams.
     */
    public CryptoResult decrypt(InputStream in, OutputStream out, String name, List<? extends Identity> identities,
            ProgressListener progress, CancellationToken cancel) throws IOException {
        ArtifactHeader header = ArtifactHeader.read(in, name);
        ArtifactHeader.Unlocked unlocked = header.unlock(identities, name);
        try {
            long plain = decryptPayload(stream(in), out, header, unlocked.fileKey(), name, progress,
                    header.expectedPayloadLength(), cancel);
            return new CryptoResult(header, plain, -1, StanzaDescriptions.describe(unlocked.stanza()));
        } finally {
            unlocked.fileKey().destroy();
        }
    }

    private static void checkPayloadLength(ArtifactHeader header, long payloadLength, String name) {
        long expected = header.expectedPayloadLength();
        if (payloadLength < KeySchedule.TAG_LENGTH) {
            throw new TruncatedException(name, "it ends right after its header: the encrypted content is missing");
        }
        if (expected < 0) {
            return;
        }
        if (payloadLength < expected) {
            throw new TruncatedException(name, "the header says " + expected + " bytes of encrypted content follow, "
                    + "but only " + payloadLength + " are there");
        }
        if (payloadLength > expected) {
            throw new TrailingDataException(name, (payloadLength - expected) + " bytes follow the final chunk");
        }
    }

    /** How the encrypted chunks reach the pipeline: a stream read in order, or a file range read by the workers. */
    private interface Payload {
        long feed(ChunkPipeline pipeline, ChunkPipeline.Transform open, ChunkPipeline.Sink sink, ProgressListener progress,
                long total, CancellationToken cancel) throws IOException;
    }

    private static Payload stream(InputStream in) {
        return (pipeline, open, sink, progress, total, cancel) ->
                pipeline.run(in, open, sink, progress, total, cancel, new ChunkPipeline.Counter());
    }

    private static Payload fileRange(FileChannel ch, long start, long length) {
        return (pipeline, open, sink, progress, total, cancel) ->
                pipeline.run(ch, start, length, open, sink, progress, cancel, new ChunkPipeline.Counter());
    }

    private long decryptPayload(Payload in, OutputStream out, ArtifactHeader header, FileKey fileKey, String name,
            ProgressListener progress, long payloadLength, CancellationToken cancel) throws IOException {
        byte[] payloadKey = KeySchedule.payloadKey(fileKey, header.salt());
        ChunkCipher cipher = new ChunkCipher(payloadKey);
        Arrays.fill(payloadKey, (byte) 0);
        int chunk = header.chunkSize();
        long[] plain = {0};
        try (ChunkPipeline pipeline = new ChunkPipeline(threads, chunk + KeySchedule.TAG_LENGTH, chunk)) {
            in.feed(pipeline, (index, last, buf, len, dst) -> openChunk(cipher, index, last, buf, len, dst, name),
                    (buf, len) -> {
                        FileChecks.write(out, buf, len);
                        plain[0] += len;
                    }, progress, payloadLength, cancel);
        }
        long declared = header.plaintextLength();
        if (declared != ArtifactHeader.UNKNOWN_LENGTH && plain[0] != declared) {
            // chunk tags bind position and end, so this means the header's length field is inconsistent
            throw plain[0] < declared
                    ? new TruncatedException(name, "it holds " + plain[0] + " of the " + declared + " bytes its header announces")
                    : new TrailingDataException(name, "it holds more than the " + declared + " bytes its header announces");
        }
        return plain[0];
    }

    private static int openChunk(ChunkCipher cipher, long index, boolean last, byte[] buf, int len, byte[] dst,
            String name) {
        if (len < KeySchedule.TAG_LENGTH) {
            if (index == 0 && len == 0) {
                throw new TruncatedException(name, "it ends right after its header: the encrypted content is missing");
            }
            throw new TruncatedException(name, "its final chunk " + index + " is cut short (" + len + " bytes)");
        }
        try {
            return cipher.decrypt(index, last, buf, len, dst);
        } catch (AEADBadTagException e) {
            if (last) {
                try {
                    cipher.decrypt(index, false, buf, len, dst);
                    throw new TruncatedException(name, "chunk " + index + " is not the final chunk, yet the file "
                            + "ends after it: the rest is missing");
                } catch (AEADBadTagException notTruncation) {
                    throw new ChunkTamperedException(name, index, "the final chunk fails authentication: its bytes "
                            + "were altered, or the file was cut inside it");
                }
            }
            throw new ChunkTamperedException(name, index, "it fails authentication (AES-GCM tag mismatch): its "
                    + "bytes were altered, or chunks were reordered");
        }
    }
}
