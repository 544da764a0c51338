package dev.msw.crypto;

import dev.msw.core.UserFacingException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Input checks and write-error reporting shared by encryption, decryption and stanza rewriting. */
final class FileChecks {
    private FileChecks() {
    }

    /** Marks an IOException that happened while writing output (as opposed to reading input). */
    static final class WriteFailure extends IOException {
        WriteFailure(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    static void write(OutputStream out, byte[] buf, int len) throws WriteFailure {
        try {
            out.write(buf, 0, len);
        } catch (IOException e) {
            throw new WriteFailure(e);
        }
    }

    static UserFacingException writeFailed(Path destination, Throwable cause) {
        String why = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        return new UserFacingException("Could not write " + destination, why,
                "free some disk space or choose another folder; no partial output was left behind", cause);
    }

    static void requireRegularFile(Path source) throws IOException {
        if (!Files.exists(source)) {
            throw new UserFacingException("Cannot read " + source, "the file does not exist", "check the path",
                    new NoSuchFileException(source.toString()));
        }
        if (!Files.isRegularFile(source)) {
            throw new UserFacingException("Cannot read " + source, "it is not a regular file",
                    "name a file (folders are handled file by file by the folder commands)");
        }
        if (!Files.isReadable(source)) {
            throw new UserFacingException("Cannot read " + source, "permission denied", "check the file's permissions");
        }
    }

    static void requireDistinct(Path source, Path destination) throws IOException {
        if (Files.exists(destination) && Files.isSameFile(source, destination)) {
            throw new UserFacingException("Refusing to write " + destination, "it is the input file itself",
                    "choose a different output path");
        }
    }
}
