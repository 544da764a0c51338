package dev.msw.inspect.formats;

import dev.msw.core.UserFacingException;
import dev.msw.crypto.ArtifactHeader;
import dev.msw.crypto.StanzaDescriptions;
import dev.msw.inspect.ArtifactReport;
import dev.msw.inspect.Severity;
import java.io.IOException;
import java.io.InputStream;

/**
 * Our own encrypted container: the header (version, chunk size, plaintext length, key stanzas with key names and
 * versions) is read without any key; damage the header checksums reveal is a finding. The encrypted payload
 * cannot be inspected without a key.
 */
public final class ContainerFormat {
    private ContainerFormat() {
    }

    public static void scan(ArtifactReport r, InputStream in, long size) throws IOException {
        r.format("msw encrypted container");
        try {
            ArtifactHeader h = ArtifactHeader.read(in, r.name());
            r.fact("format version", h.formatVersion());
            r.fact("chunk size", h.chunkSize());
            r.fact("plaintext bytes", h.plaintextLength() == ArtifactHeader.UNKNOWN_LENGTH ? "unknown" : h.plaintextLength());
            r.fact("recipients", h.describeRecipients());
            if (size >= 0 && h.plaintextLength() != ArtifactHeader.UNKNOWN_LENGTH
                    && size != h.length() + h.expectedPayloadLength()) {
                r.add(Severity.WARNING, "container-length", size + " bytes", -1, "the file is " + size
                        + " bytes but its header promises " + (h.length() + h.expectedPayloadLength())
                        + "; decryption will report it as truncated or extended");
            }
            r.add(Severity.INFO, "encrypted", "", -1, "the content is encrypted (AES-256-GCM, authenticated); decrypt it"
                    + " in memory with the Console, or decrypt and inspect the plaintext, to scan what it holds");
        } catch (UserFacingException e) {
            r.add(Severity.WARNING, "container-damaged", "", -1, e.getMessage());
        }
    }
}
