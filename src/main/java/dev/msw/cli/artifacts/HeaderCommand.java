package dev.msw.cli.artifacts;

import dev.msw.cli.JsonOutput;
import dev.msw.core.Sizes;
import dev.msw.crypto.ArtifactHeader;
import dev.msw.crypto.Stanza;
import dev.msw.crypto.StanzaDescriptions;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code msw header IN [--json]}: what an encrypted file holds, without any key. */
@Command(name = "header", mixinStandardHelpOptions = true,
        description = {"Show an encrypted file's keys, key versions and sizes without decrypting.",
                "Shows the header: format, chunk size, sizes and the key stanzas (type, key, key version). The "
                        + "header MAC needs the file key and is checked by decrypt."})
public final class HeaderCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "IN", description = "Encrypted file.")
    Path input;

    @Option(names = "--json", description = "Print the header as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        ArtifactHeader h = ArtifactHeader.read(input);
        Map<String, Object> m = describe(h, input, Files.size(input));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            JsonOutput.print(out, m);
            return 0;
        }
        out.println("File:         " + input);
        out.println("Format:       msw container v" + h.formatVersion() + ", AES-256-GCM STREAM, HKDF-SHA-256, HMAC-SHA-256 header MAC");
        out.println("Chunk size:   " + Sizes.human(h.chunkSize()));
        long plain = (long) m.get("plaintextBytes");
        out.println("Plaintext:    " + (plain < 0 ? "unknown" : Sizes.human(plain) + " (" + plain + " bytes)"));
        out.println("Encrypted:    " + Sizes.human(Files.size(input)) + " (" + Files.size(input) + " bytes, "
                + m.get("chunks") + " chunks)");
        out.println("File id:      " + m.get("fileId"));
        out.println("Key stanzas:  " + h.stanzas().size() + " (any one opens the file)");
        int i = 1;
        for (Stanza s : h.stanzas()) {
            out.printf("  %d. %-14s %s%n", i++, s.type(), StanzaDescriptions.describe(s)
                    + (s.args().isEmpty() ? "" : "   [" + String.join(" ", s.args()) + "]"));
        }
        out.flush();
        return 0;
    }

    /** The JSON shape of a header; the Artifacts tab shows the same fields. */
    static Map<String, Object> describe(ArtifactHeader h, Path file, long fileSize) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", file.toString());
        m.put("formatVersion", h.formatVersion());
        m.put("algorithm", "AES-256-GCM-STREAM");
        m.put("chunkSize", h.chunkSize());
        long plain = h.plaintextLength() >= 0 ? h.plaintextLength() : h.plaintextLengthForPayload(fileSize - h.length());
        m.put("plaintextBytes", plain);
        m.put("plaintextLengthRecorded", h.plaintextLength() >= 0);
        m.put("encryptedBytes", fileSize);
        m.put("headerBytes", h.length());
        m.put("chunks", plain < 0 ? 0 : (plain == 0 ? 1 : (plain + h.chunkSize() - 1) / h.chunkSize()));
        m.put("fileId", HexFormat.of().formatHex(h.fileId()));
        List<Object> stanzas = new ArrayList<>();
        for (Stanza s : h.stanzas()) {
            Map<String, Object> sm = new LinkedHashMap<>();
            sm.put("type", s.type());
            sm.put("key", StanzaDescriptions.keyName(s));
            sm.put("keyVersion", StanzaDescriptions.keyVersion(s));
            sm.put("args", s.args());
            sm.put("description", StanzaDescriptions.describe(s));
            stanzas.add(sm);
        }
        m.put("stanzas", stanzas);
        return m;
    }
}
