package dev.msw.secrets;

import java.util.Map;

/** Changes to a secret's metadata; null fields stay as they are. {@code deleteVersionAfter} is a Go duration. */
public record MetadataSettings(Integer maxVersions, Boolean casRequired, String deleteVersionAfter,
        Map<String, String> customMetadata) {
}
