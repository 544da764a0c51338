package dev.msw.app.artifacts;

import dev.msw.crypto.ArtifactHeader;
import dev.msw.crypto.Stanza;
import dev.msw.crypto.StanzaDescriptions;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

/** What the header viewer shows for one encrypted file (all read without a key). */
public record HeaderSummary(Path file, int formatVersion, int chunkSize, long plaintextBytes, long encryptedBytes,
        String fileId, List<StanzaRow> stanzas) {

    /** One key stanza as a table row. */
    public record StanzaRow(int number, String type, String key, String version, String details) {
    }

    static HeaderSummary of(Path file, ArtifactHeader h, long fileSize) {
        long plain = h.plaintextLength() >= 0 ? h.plaintextLength() : h.plaintextLengthForPayload(fileSize - h.length());
        List<Stanza> st = h.stanzas();
        List<StanzaRow> rows = new java.util.ArrayList<>();
        for (int i = 0; i < st.size(); i++) {
            Stanza s = st.get(i);
            rows.add(new StanzaRow(i + 1, s.type(), StanzaDescriptions.keyName(s), StanzaDescriptions.keyVersion(s),
                    s.type().equals("passphrase") ? String.join(" ", s.args()) : StanzaDescriptions.describe(s)));
        }
        return new HeaderSummary(file, h.formatVersion(), h.chunkSize(), plain, fileSize,
                HexFormat.of().formatHex(h.fileId()), rows);
    }
}
