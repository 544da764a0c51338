package dev.msw.secrets.policy;

import java.util.Locale;
import java.util.Optional;

/** A capability of a Vault/OpenBao ACL path rule, with the name used in HCL and in the API. */
public enum Capability {
    SUDO, READ, LIST, UPDATE, DELETE, CREATE, PATCH, SCAN, DENY;

    /** The name as written in a policy ({@code "read"}). */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Capability> fromApiName(String s) {
        for (Capability c : values()) {
            if (c.apiName().equals(s)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** True for capabilities that change data (used by the linter). */
    public boolean writes() {
        return this == CREATE || this == UPDATE || this == DELETE || this == PATCH;
    }
}
