package dev.msw.inspect.formats;

import dev.msw.inspect.ArtifactReport;
import dev.msw.inspect.ScanContext;
import dev.msw.inspect.pickle.PickleAnalysis;
import dev.msw.inspect.pickle.PickleScanner;
import java.io.IOException;
import java.io.InputStream;

/** Pickle files and members: the whole stream goes through the one pickle engine. */
public final class PickleFormat {
    private PickleFormat() {
    }

    /**
     * @param certain the content starts with a PROTO opcode; otherwise (a protocol 0/1 candidate) it is reported
     *                as a pickle only when the walker recognised it as one
     */
    public static void scan(ArtifactReport r, InputStream in, ScanContext ctx, boolean certain) throws IOException {
        PickleAnalysis a = new PickleScanner(ctx.policy(), ctx.limits(), false).scan(in, ctx.cancel());
        // Without a PROTO marker, bytes are a pickle only if they parse to STOP or import something dangerous:
        // text and tensor bytes often start with a protocol-0 opcode letter and would otherwise look broken.
        boolean dangerous = a.imports().stream().anyMatch(i -> i.verdict().equals("dangerous"));
        if (!certain && a.pickles() == 0 && !dangerous) {
            dev.msw.inspect.ArtifactInspector.unknown(r, -1, false);
            return;
        }
        r.format(a.maxProtocol() > 0 ? "pickle (protocol " + a.maxProtocol() + ")" : "pickle (protocol 0/1)");
        r.fact("pickles", a.pickles());
        r.fact("opcodes", a.opcodes());
        r.fact("imports", a.imports().size());
        r.fact("calls", a.callCount());
        r.pickle(a);
    }
}
