package dev.msw.inspect.formats;

import dev.msw.inspect.ArtifactReport;
import dev.msw.inspect.FormatSniffer;
import dev.msw.inspect.ScanContext;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.lzma.LZMACompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * zlib, gzip, bzip2, xz and lzma wrappers (joblib writes all of them): the decompressed stream is scanned as a
 * member, under the decompressed-size limit.
 */
public final class CompressedFormats {
    private CompressedFormats() {
    }

    public static void scan(ArtifactReport r, FormatSniffer.Kind kind, InputStream in, ScanContext ctx, int depth)
            throws IOException {
        String label = kind.name().toLowerCase(java.util.Locale.ROOT);
        r.format(label + " compressed");
        InputStream d = switch (kind) {
            case GZIP -> new GZIPInputStream(in, 1 << 16);
            case BZIP2 -> new BZip2CompressorInputStream(in, true);
            case XZ -> new XZCompressorInputStream(in, true);
            case LZMA -> new LZMACompressorInputStream(in);
            default -> new InflaterInputStream(in, new java.util.zip.Inflater(), 1 << 16);
        };
        ctx.scanMember(r, "decompressed", d, -1, depth + 1);
    }
}
