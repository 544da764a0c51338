package dev.msw.keys;

import java.time.Instant;
import java.util.List;

/**
 * What an admin needs to know about one key-encryption key, whichever backend holds it.
 *
 * @param backend              {@code local} or {@code vault}
 * @param versions             every version that still exists, oldest first
 * @param latestVersion        the version new files and rewraps use
 * @param minDecryptionVersion versions below it no longer open files
 * @param minEncryptionVersion versions below it are never used for new wraps (Vault; 0 = latest)
 */
public record KeyInfo(String name, String backend, List<Version> versions, int latestVersion, int minDecryptionVersion,
                      int minEncryptionVersion) {
    /** One version and when it was created. */
    public record Version(int version, Instant created) {
    }

    public KeyInfo {
        versions = List.copyOf(versions);
    }

    /** True when {@code version} can still decrypt. */
    public boolean canDecrypt(int version) {
        return version >= Math.max(1, minDecryptionVersion) && version <= latestVersion;
    }
}
