package dev.msw.core;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A file that appears at its destination only when complete: bytes go to a hidden temporary file beside the
 * destination, and {@link #commit()} fsyncs and renames it into place. Closing without commit deletes the
 * temporary file, so a crash, a cancel or a write error never leaves partial output under the real name.
 *
 * <pre>
 * try (AtomicOutput out = AtomicOutput.create(dest, overwrite)) {
 *     write(out.channel());
 *     out.commit();
 * }
 * </pre>
 */
public final class AtomicOutput implements AutoCloseable {
    private final Path destination;
    private final Path temp;
    private final boolean overwrite;
    private final FileChannel channel;
    private boolean committed;

    private AtomicOutput(Path destination, Path temp, boolean overwrite, FileChannel channel) {
        this.destination = destination;
        this.temp = temp;
        this.overwrite = overwrite;
        this.channel = channel;
    }

    /**
     * Opens a temporary file beside {@code destination}.
     *
     * @throws UserFacingException when the destination exists and {@code overwrite} is false
     */
    public static AtomicOutput create(Path destination, boolean overwrite) throws IOException {
        Path dest = destination.toAbsolutePath();
        if (!overwrite && Files.exists(dest, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new UserFacingException("Refusing to overwrite " + destination, "the output file already exists",
                    "choose another output path, or pass --force to replace it");
        }
        Path dir = dest.getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path temp = Files.createTempFile(dir, "." + dest.getFileName() + ".", ".part");
        FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        return new AtomicOutput(dest, temp, overwrite, ch);
    }

    public FileChannel channel() {
        return channel;
    }

    /** An OutputStream view on the temporary file; closing it does not commit. */
    public OutputStream stream() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(b, off, len);
                while (buf.hasRemaining()) {
                    channel.write(buf);
                }
            }
        };
    }

    public Path temporaryPath() {
        return temp;
    }

    public Path destination() {
        return destination;
    }

    /** Flushes to disk and renames the temporary file to the destination. */
    public void commit() throws IOException {
        channel.force(true);
        channel.close();
        try {
            if (overwrite) {
                Files.move(temp, destination, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                moveNoReplace();
            }
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, destination, StandardCopyOption.REPLACE_EXISTING);
        }
        committed = true;
    }

    private void moveNoReplace() throws IOException {
        try {
            // a hard link fails if the destination appeared meanwhile, unlike rename(2)
            Files.createLink(destination, temp);
            Files.delete(temp);
        } catch (FileAlreadyExistsException e) {
            throw new UserFacingException("Refusing to overwrite " + destination,
                    "the output file was created by someone else while we were writing",
                    "choose another output path, or pass --force to replace it");
        } catch (UnsupportedOperationException | IOException e) {
            if (Files.exists(destination)) {
                throw new UserFacingException("Refusing to overwrite " + destination, "the output file already exists",
                        "choose another output path, or pass --force to replace it");
            }
            Files.move(temp, destination, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    @Override
    public void close() throws IOException {
        if (!committed) {
            try {
                channel.close();
            } finally {
                Files.deleteIfExists(temp);
            }
        }
    }
}
