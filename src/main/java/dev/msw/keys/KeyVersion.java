package dev.msw.keys;

import java.time.Instant;

/** One version of a named key-encryption key in the local keyring (never the key material itself). */
public record KeyVersion(String name, int version, Instant created) {
    /** The PKCS#12 alias this version is stored under, e.g. {@code team@v2}. */
    public String alias() {
        return LocalKeyring.alias(name, version);
    }
}
