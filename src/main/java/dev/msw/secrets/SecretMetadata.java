package dev.msw.secrets;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** KV v2 metadata of one secret: settings, custom metadata and every version's state. */
public record SecretMetadata(int currentVersion, int oldestVersion, int maxVersions, boolean casRequired,
        String deleteVersionAfter, Map<String, String> customMetadata, Instant created, Instant updated,
        List<VersionInfo> versions) {
    public SecretMetadata {
        customMetadata = Map.copyOf(customMetadata);
        versions = List.copyOf(versions);
    }
}
