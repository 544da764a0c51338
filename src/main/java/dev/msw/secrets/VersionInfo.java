package dev.msw.secrets;

import java.time.Instant;

/** One version of a secret: when it was created, soft-deleted (null if not), and whether it was destroyed. */
public record VersionInfo(int version, Instant created, Instant deleted, boolean destroyed) {
    public String state() {
        return destroyed ? "destroyed" : deleted != null ? "deleted" : "active";
    }
}
