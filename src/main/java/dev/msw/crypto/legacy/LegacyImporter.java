package dev.msw.crypto.legacy;

import dev.msw.audit.Audit;
import dev.msw.core.AtomicOutput;
import dev.msw.core.CancellationToken;
import dev.msw.core.ProgressListener;
import dev.msw.core.UserFacingException;
import dev.msw.crypto.ArtifactEncryptor;
import dev.msw.crypto.Recipient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Migrates a legacy file into the msw container (authenticated, AES-256-GCM) — the original pickle bytes, or a
 * safetensors conversion of them — only when the safe reader found nothing but plain data. The destination
 * appears only when complete.
 */
public final class LegacyImporter {
    private LegacyImporter() {
    }

    /** What was written. */
    public record Result(Path destination, String format, long bytes, boolean encrypted) {
    }

    /**
     * @param recipients who can decrypt the result; empty writes a plain safetensors file (only with
     *                   {@code toSafetensors}, since safetensors cannot run code)
     */
    public static Result importFile(Path source, byte[] key, Path destination, List<? extends Recipient> recipients,
            boolean toSafetensors, boolean overwrite, ProgressListener progress, CancellationToken cancel)
            throws IOException {
        LegacyContent content = LegacyReader.read(source, key);
        if (!content.plain()) {
            Audit.record("legacy-import", source.toString(), "refused", Map.of("findings",
                    Integer.toString(content.findings().size())));
            throw new UserFacingException("Refusing to import " + source,
                    "its pickle constructs objects or calls functions (" + content.findings().size()
                            + " findings, see 'msw legacy show')",
                    "only plain dicts, lists, numbers and strings are migrated; rebuild the model from a trusted source");
        }
        if (recipients.isEmpty() && !toSafetensors) {
            throw new UserFacingException("Nothing to encrypt the import for", "no key was named",
                    "pass --key NAME (a keyring key), or --to-safetensors for an unencrypted safetensors file");
        }
        byte[] payload = toSafetensors ? SafetensorsConversion.convert(content.value()) : content.pickle();
        String format = toSafetensors ? "safetensors" : "pickle";
        try (AtomicOutput out = AtomicOutput.create(destination, overwrite)) {
            if (recipients.isEmpty()) {
                out.stream().write(payload);
            } else {
                new ArtifactEncryptor().encrypt(new ByteArrayInputStream(payload), out.stream(), payload.length,
                        recipients, progress, cancel);
            }
            out.commit();
        }
        Audit.record("legacy-import", source.toString(), "success", Map.of("output", destination.toString(),
                "format", format, "encrypted", Boolean.toString(!recipients.isEmpty()),
                "recipients", String.join(", ", recipients.stream().map(Recipient::describe).toList())));
        return new Result(destination, format, payload.length, !recipients.isEmpty());
    }
}
