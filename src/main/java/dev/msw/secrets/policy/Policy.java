package dev.msw.secrets.policy;

import java.util.List;

/** A parsed ACL policy: its name and its path rules in source order. */
public record Policy(String name, List<PathRule> rules, String source) {
    public Policy {
        rules = List.copyOf(rules);
    }

    /** Vault's built-in policy that allows everything. */
    public boolean isRoot() {
        return "root".equals(name);
    }
}
