package dev.msw.keys;

import dev.msw.core.AtomicOutput;
import dev.msw.crypto.ArtifactHeader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.stream.Stream;

/**
 * Replaces a container's header in place when the new header has the same length as the old one (the usual
 * case for a rewrap: same stanza types, same key names, same number of version digits), so rewrapping a
 * 1 GiB artifact writes a few hundred bytes instead of copying a gigabyte. Crash safety comes from a journal:
 * before touching the file, the old and new header are written (and fsynced) to {@code .NAME.rewrap-journal}
 * beside it; the header is then overwritten and fsynced, and the journal deleted. {@link #recover} finishes or
 * undoes an interrupted update, so after a crash at any point the file holds either the complete old or the
 * complete new header.
 */
final class InPlaceHeaderUpdate {
    static final String JOURNAL_SUFFIX = ".rewrap-journal";
    private static final byte[] MAGIC = "MSW-REWRAP-JOURNAL-1\n".getBytes(StandardCharsets.US_ASCII);

    private InPlaceHeaderUpdate() {
    }

    static Path journalFor(Path file) {
        return file.resolveSibling("." + file.getFileName() + JOURNAL_SUFFIX);
    }

    static boolean isJournal(Path p) {
        String n = p.getFileName().toString();
        return n.startsWith(".") && n.endsWith(JOURNAL_SUFFIX);
    }

    /** Writes {@code fresh} over {@code old} in place; returns false (doing nothing) when their lengths differ. */
    static boolean write(Path file, ArtifactHeader old, ArtifactHeader fresh) throws IOException {
        byte[] before = old.encoded();
        byte[] after = fresh.encoded();
        if (before.length != after.length) {
            return false;
        }
        Path journal = writeJournal(file, before, after);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            byte[] current = new byte[before.length];
            ch.read(ByteBuffer.wrap(current), 0);
            if (!Arrays.equals(current, before)) {
                Files.deleteIfExists(journal);
                throw new IOException("the header of " + file + " changed while it was being rewrapped");
            }
            ByteBuffer b = ByteBuffer.wrap(after);
            long pos = 0;
            while (b.hasRemaining()) {
                pos += ch.write(b, pos);
            }
            ch.force(true);
        }
        Files.deleteIfExists(journal);
        return true;
    }

    /** Step one of an update, on its own so that tests can stop right after it as a crash would. */
    static Path writeJournal(Path file, byte[] before, byte[] after) throws IOException {
        Path journal = journalFor(file);
        try (AtomicOutput out = AtomicOutput.create(journal, true)) {
            DataOutputStream d = new DataOutputStream(out.stream());
            d.write(MAGIC);
            d.writeInt(before.length);
            d.write(before);
            d.write(after);
            d.flush();
            out.commit();
        }
        fsyncDirectory(file.toAbsolutePath().getParent());
        return journal;
    }

    /**
     * Completes an interrupted update of {@code file}: if its header is neither the journal's old nor new header
     * (a torn write), the old header is put back. Returns true when a journal was found and resolved.
     */
    static boolean recover(Path file) throws IOException {
        Path journal = journalFor(file);
        if (!Files.isRegularFile(journal)) {
            return false;
        }
        byte[] before;
        byte[] after;
        try (InputStream in = Files.newInputStream(journal); DataInputStream d = new DataInputStream(in)) {
            byte[] magic = d.readNBytes(MAGIC.length);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IOException("the rewrap journal " + journal + " is damaged");
            }
            int len = d.readInt();
            before = d.readNBytes(len);
            after = d.readNBytes(len);
            if (before.length != len || after.length != len) {
                throw new IOException("the rewrap journal " + journal + " is truncated");
            }
        }
        if (Files.isRegularFile(file)) {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                byte[] current = new byte[before.length];
                ch.read(ByteBuffer.wrap(current), 0);
                if (!Arrays.equals(current, before) && !Arrays.equals(current, after)) {
                    ByteBuffer b = ByteBuffer.wrap(before);
                    long pos = 0;
                    while (b.hasRemaining()) {
                        pos += ch.write(b, pos);
                    }
                    ch.force(true);
                }
            }
        }
        Files.delete(journal);
        return true;
    }

    /** Resolves every journal under {@code roots}; returns how many were found. */
    static int recoverAll(Iterable<Path> roots) throws IOException {
        int n = 0;
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                if (Files.isRegularFile(root) && recover(root)) {
                    n++;
                }
                continue;
            }
            try (Stream<Path> s = Files.walk(root)) {
                for (Path j : s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && isJournal(p)).toList()) {
                    String name = j.getFileName().toString();
                    Path file = j.resolveSibling(name.substring(1, name.length() - JOURNAL_SUFFIX.length()));
                    if (recover(file)) {
                        n++;
                    }
                }
            }
        }
        return n;
    }

    private static void fsyncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // directories cannot be fsynced everywhere (Windows); the journal file itself is synced
        }
    }
}
