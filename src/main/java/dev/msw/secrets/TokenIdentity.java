package dev.msw.secrets;

import java.util.List;

/**
 * Who the store acts as: display name, policies and remaining time to live (0 = never expires). For the local
 * store, the role chosen and its policies.
 */
public record TokenIdentity(String displayName, List<String> policies, long ttlSeconds, boolean renewable) {
    public TokenIdentity {
        policies = List.copyOf(policies);
    }

    /** True when the token expires within {@code seconds} (never for non-expiring tokens). */
    public boolean expiresWithin(long seconds) {
        return ttlSeconds > 0 && ttlSeconds < seconds;
    }
}
