package dev.msw.inspect.formats;

import dev.msw.inspect.ArtifactReport;
import dev.msw.inspect.ScanContext;
import dev.msw.inspect.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import org.apache.commons.compress.archivers.sevenz.SevenZArchiveEntry;
import org.apache.commons.compress.archivers.sevenz.SevenZFile;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/**
 * Zip (PyTorch .pt/.pth/.bin, .npz, .keras), tar (legacy PyTorch) and 7z archives: every member is sniffed by
 * content whatever its name, and odd member names (traversal, absolute, control characters, look-alike
 * Unicode) are findings of their own.
 */
public final class ArchiveFormats {
    private static final long MAX_IN_MEMORY_7Z = 256L << 20;

    private ArchiveFormats() {
    }

    public static void zipFile(ArtifactReport r, Path file, ScanContext ctx, int depth) throws IOException {
        r.format("zip");
        try (ZipFile zf = ZipFile.builder().setPath(file).get()) {
            int n = 0;
            for (Enumeration<ZipArchiveEntry> en = zf.getEntries(); en.hasMoreElements(); ) {
                ZipArchiveEntry e = en.nextElement();
                if (e.isDirectory()) {
                    continue;
                }
                n++;
                checkName(r, e.getName());
                if (!zf.canReadEntryData(e)) {
                    r.add(Severity.WARNING, "unreadable-member", e.getName(), -1,
                            "the member uses a compression method or encryption we cannot read; it was not scanned");
                    continue;
                }
                try (InputStream in = zf.getInputStream(e)) {
                    ctx.scanMember(r, e.getName(), in, e.getSize(), depth + 1);
                }
            }
            r.fact("members", n);
            torchHints(r);
        }
    }

    public static void zipStream(ArtifactReport r, InputStream in, ScanContext ctx, int depth) throws IOException {
        r.format("zip");
        int n = 0;
        ZipArchiveInputStream z = new ZipArchiveInputStream(in, "UTF-8", true, true);
        ZipArchiveEntry e;
        while ((e = z.getNextEntry()) != null) {
            if (e.isDirectory()) {
                continue;
            }
            n++;
            checkName(r, e.getName());
            if (!z.canReadEntryData(e)) {
                r.add(Severity.WARNING, "unreadable-member", e.getName(), -1,
                        "the member uses a compression method or encryption we cannot read; it was not scanned");
                continue;
            }
            ctx.scanMember(r, e.getName(), new NonClosing(z), e.getSize(), depth + 1);
        }
        r.fact("members", n);
        torchHints(r);
    }

    public static void tarStream(ArtifactReport r, InputStream in, ScanContext ctx, int depth) throws IOException {
        r.format("tar");
        TarArchiveInputStream t = new TarArchiveInputStream(in);
        TarArchiveEntry e;
        int n = 0;
        boolean torch = false;
        while ((e = t.getNextEntry()) != null) {
            if (!e.isFile()) {
                if (e.isSymbolicLink() || e.isLink()) {
                    r.add(Severity.WARNING, "archive-link", e.getName() + " -> " + e.getLinkName(), -1,
                            "a link inside the archive can make extraction write outside the target folder");
                }
                continue;
            }
            n++;
            torch |= e.getName().equals("pickle") || e.getName().equals("sys_info");
            checkName(r, e.getName());
            ctx.scanMember(r, e.getName(), new NonClosing(t), e.getSize(), depth + 1);
        }
        r.fact("members", n);
        if (torch) {
            r.format("tar (legacy PyTorch)");
        }
    }

    public static void sevenZFile(ArtifactReport r, Path file, ScanContext ctx, int depth) throws IOException {
        try (SevenZFile z = SevenZFile.builder().setPath(file).get()) {
            sevenZ(r, z, ctx, depth);
        }
    }

    public static void sevenZStream(ArtifactReport r, InputStream in, ScanContext ctx, int depth) throws IOException {
        byte[] all = in.readNBytes((int) MAX_IN_MEMORY_7Z + 1);
        if (all.length > MAX_IN_MEMORY_7Z) {
            r.format("7z");
            r.add(Severity.WARNING, "limit-reached", "nested 7z", -1, "a 7z archive inside another archive larger than "
                    + (MAX_IN_MEMORY_7Z >> 20) + " MiB is not opened; extract it and scan it directly");
            return;
        }
        try (SevenZFile z = SevenZFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(all)).get()) {
            sevenZ(r, z, ctx, depth);
        }
    }

    private static void sevenZ(ArtifactReport r, SevenZFile z, ScanContext ctx, int depth) throws IOException {
        r.format("7z");
        int n = 0;
        SevenZArchiveEntry e;
        while ((e = z.getNextEntry()) != null) {
            if (e.isDirectory() || !e.hasStream()) {
                continue;
            }
            n++;
            checkName(r, e.getName());
            ctx.scanMember(r, e.getName(), new NonClosing(z.getInputStream(e)), e.getSize(), depth + 1);
        }
        r.fact("members", n);
    }

    private static void torchHints(ArtifactReport r) {
        boolean torch = r.members().stream().anyMatch(m -> m.name().endsWith("/data.pkl") || m.name().endsWith(":data.pkl"));
        boolean keras = r.members().stream().anyMatch(m -> m.name().endsWith(":config.json"));
        boolean npz = !r.members().isEmpty() && r.members().stream().allMatch(m -> m.name().endsWith(".npy"));
        if (torch) {
            r.format("zip (PyTorch)");
        } else if (keras) {
            r.format("zip (Keras)");
        } else if (npz) {
            r.format("zip (NumPy .npz)");
        }
    }

    static void checkName(ArtifactReport r, String name) {
        String why = null;
        if (name.startsWith("/") || name.startsWith("\\") || name.matches("^[A-Za-z]:.*")) {
            why = "an absolute member path: extraction may write anywhere";
        } else if (name.equals("..") || name.startsWith("../") || name.contains("/../") || name.endsWith("/..")
                || name.contains("..\\")) {
            why = "a path that climbs out of the extraction folder ('..')";
        } else if (name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            why = "control characters in the member name";
        } else if (name.chars().anyMatch(c -> c > 0x7e)) {
            why = "non-ASCII characters in the member name (look-alike names can hide a member from reviewers)";
        } else if (!name.equals(name.strip())) {
            why = "leading or trailing white space in the member name";
        }
        if (why != null) {
            r.add(Severity.WARNING, "odd-member-name", name, -1, why);
        }
    }

    /** Lets a member scanner close its stream without closing the archive stream underneath. */
    private static final class NonClosing extends java.io.FilterInputStream {
        NonClosing(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
            // the archive stream is closed by its owner
        }
    }
}
