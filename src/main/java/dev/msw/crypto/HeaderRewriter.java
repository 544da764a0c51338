package dev.msw.crypto;

import dev.msw.core.AtomicOutput;
import dev.msw.core.CancellationToken;
import dev.msw.core.ProgressListener;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Replaces a container's key stanzas (and so its header MAC) while copying the encrypted payload bytes
 * unchanged: the basis of rewrap / key rotation, which never decrypts the payload. The destination may be
 * the source itself ({@code overwrite = true}): the new file is renamed over it only when complete.
 */
public final class HeaderRewriter {
    private HeaderRewriter() {
    }

    /**
     * Opens {@code source} with {@code identities}, wraps its file key for {@code recipients} (which replace all
     * existing stanzas) and writes the result to {@code destination}.
     *
     * @return the new header
     */
    public static ArtifactHeader rewrap(Path source, Path destination, List<? extends Identity> identities,
            List<? extends Recipient> recipients, boolean overwrite, ProgressListener progress,
            CancellationToken cancel) throws IOException {
        ArtifactHeader header = ArtifactHeader.read(source);
        ArtifactHeader.Unlocked unlocked = header.unlock(identities, source.toString());
        try {
            List<Stanza> stanzas = new ArrayList<>();
            for (Recipient r : recipients) {
                stanzas.add(r.wrap(unlocked.fileKey(), header.fileId()));
            }
            return rewrite(source, destination, unlocked.fileKey(), stanzas, overwrite, progress, cancel);
        } finally {
            unlocked.fileKey().destroy();
        }
    }

    /**
     * Low level: writes {@code source}'s header with {@code stanzas} (already wrapped for this file's id) and a
     * MAC under {@code fileKey}, then the payload bytes unchanged. {@code fileKey} must be the file's own key;
     * it is checked against the existing header MAC first.
     */
    public static ArtifactHeader rewrite(Path source, Path destination, FileKey fileKey, List<Stanza> stanzas,
            boolean overwrite, ProgressListener progress, CancellationToken cancel) throws IOException {
        FileChecks.requireRegularFile(source);
        ArtifactHeader old;
        try (InputStream in = Files.newInputStream(source)) {
            old = ArtifactHeader.read(in, source.toString());
        }
        old.verifyMac(fileKey, source.toString());
        ArtifactHeader fresh = old.withStanzas(stanzas, fileKey);
        try (FileChannel src = FileChannel.open(source, StandardOpenOption.READ);
                AtomicOutput out = AtomicOutput.create(destination, overwrite)) {
            try {
                FileChannel dst = out.channel();
                ByteBuffer h = ByteBuffer.wrap(fresh.encoded());
                while (h.hasRemaining()) {
                    dst.write(h);
                }
                long pos = old.length();
                long end = src.size();
                long total = end - pos;
                while (pos < end) {
                    cancel.throwIfCancelled();
                    long n = src.transferTo(pos, Math.min(end - pos, 8L << 20), dst);
                    if (n <= 0) {
                        throw new IOException("could not copy the payload of " + source);
                    }
                    pos += n;
                    progress.progress(total - (end - pos), total, null);
                }
            } catch (IOException e) {
                throw FileChecks.writeFailed(destination, e);
            }
            out.commit();
        }
        return fresh;
    }
}
