package dev.msw.inspect.formats;

import dev.msw.inspect.ArtifactReport;
import dev.msw.inspect.ScanContext;
import dev.msw.inspect.Severity;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy .npy: the header's dtype decides; an object array's data is a pickle and goes through the pickle
 * engine, numeric data is skipped.
 */
public final class NumpyFormat {
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*('([^']*)'|\\[)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private NumpyFormat() {
    }

    public static void scan(ArtifactReport r, InputStream in, ScanContext ctx) throws IOException {
        byte[] magic = in.readNBytes(8);
        if (magic.length < 8) {
            throw new EOFException("truncated .npy header");
        }
        int major = magic[6] & 0xff;
        int len = major == 1 ? (in.read() | (in.read() << 8))
                : (int) (in.read() | (in.read() << 8) | (in.read() << 16) | ((long) in.read() << 24));
        if (len < 0 || len > 1 << 20) {
            r.format("npy");
            r.add(Severity.WARNING, "npy-header", "length " + len, 8, "the .npy header length is implausible");
            return;
        }
        String header = new String(in.readNBytes(len), major >= 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        r.format("npy (version " + major + ")");
        Matcher d = DESCR.matcher(header);
        Matcher s = SHAPE.matcher(header);
        String descr = d.find() ? (d.group(2) != null ? d.group(2) : "structured") : "?";
        r.fact("dtype", descr);
        if (s.find()) {
            r.fact("shape", "(" + s.group(1).trim() + ")");
        }
        if (descr.contains("O") || header.contains("'O'")) {
            r.add(Severity.INFO, "npy-object-array", descr, 10 + len,
                    "an object array: its data is a pickle, loaded only with allow_pickle=True; scanned below");
            PickleFormat.scan(r, in, ctx, true);
            r.format("npy object array (pickle)");
        }
    }
}
