package dev.msw.secrets.policy;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One {@code path "…" { capabilities = […] }} block of a policy, as written (pattern with its {@code *}), and the
 * capabilities it grants after Vault's normalisation: a block naming {@code deny} holds only {@code deny}.
 */
public record PathRule(String policy, String pattern, Set<Capability> capabilities, int line) {
    public PathRule {
        capabilities = Collections.unmodifiableSet(capabilities.isEmpty() ? EnumSet.noneOf(Capability.class)
                : EnumSet.copyOf(capabilities));
    }

    public boolean denies() {
        return capabilities.contains(Capability.DENY);
    }

    /** The pattern as the ACL stores it: leading '/' removed. */
    public String normalisedPattern() {
        return pattern.startsWith("/") ? pattern.substring(1) : pattern;
    }

    public String capabilityList() {
        return capabilities.stream().map(Capability::apiName).collect(Collectors.joining(", ", "[", "]"));
    }

    /** {@code policy "developer", line 3: path "secret/data/development/*" [read, list]}. */
    public String describe() {
        return "policy \"" + policy + "\", line " + line + ": path \"" + pattern + "\" " + capabilityList();
    }
}
