package dev.msw.secrets.policy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The ACL entry for one distinct pattern after merging every policy that names it: capabilities are the union,
 * unless one of them says {@code deny}, which then stands alone (Vault's merge rule).
 */
public final class AclRule {
    /** How Vault stores the pattern: exact path, trailing-{@code *} prefix, or with {@code +} segments. */
    public enum Kind { EXACT, PREFIX, SEGMENT_WILDCARD }

    private final String key;
    private final Kind kind;
    private final EnumSet<Capability> capabilities = EnumSet.noneOf(Capability.class);
    private final List<PathRule> sources = new ArrayList<>();

    AclRule(String key, Kind kind) {
        this.key = key;
        this.kind = kind;
    }

    void merge(PathRule rule) {
        sources.add(rule);
        if (capabilities.contains(Capability.DENY)) {
            return;
        }
        if (rule.denies()) {
            capabilities.clear();
            capabilities.add(Capability.DENY);
            return;
        }
        capabilities.addAll(rule.capabilities());
    }

    /** The stored key: exact path, prefix without its {@code *}, or the full segment-wildcard pattern. */
    public String key() {
        return key;
    }

    public Kind kind() {
        return kind;
    }

    /** The pattern as a person wrote it (prefix rules get their {@code *} back). */
    public String pattern() {
        return kind == Kind.PREFIX ? key + "*" : key;
    }

    public Set<Capability> capabilities() {
        return Collections.unmodifiableSet(capabilities);
    }

    /** Every policy block that named this pattern, in the order the policies were given. */
    public List<PathRule> sources() {
        return Collections.unmodifiableList(sources);
    }

    public boolean denies() {
        return capabilities.contains(Capability.DENY);
    }
}
