package dev.msw.secrets.policy;

import dev.msw.secrets.policy.HclReader.Block;
import dev.msw.secrets.policy.HclReader.Entry;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Parses ACL policies in Vault's HCL (or JSON) syntax into {@link Policy} objects, with Vault's rules: a block
 * that names {@code deny} keeps only {@code deny}; the legacy {@code policy = "read|write|sudo|deny"} maps to
 * capabilities; {@code +*} is forbidden; unknown keys and capabilities are errors naming the line.
 */
public final class PolicyParser {
    private static final Set<String> PATH_KEYS = Set.of("comment", "policy", "capabilities", "allowed_parameters",
            "denied_parameters", "required_parameters", "min_wrapping_ttl", "max_wrapping_ttl", "mfa_methods",
            "control_group", "subscribe_event_types", "expiration", "pagination_limit",
            "list_scan_response_keys_filter_path");

    private PolicyParser() {
    }

    public static Policy parse(String name, String text) {
        String body = text;
        String trimmed = text.strip();
        if (trimmed.startsWith("{") && trimmed.endsWith("}")) {
            // JSON form: drop the outer braces, keep the line numbers
            int open = text.indexOf('{');
            int close = text.lastIndexOf('}');
            body = text.substring(0, open) + " " + text.substring(open + 1, close) + " " + text.substring(close + 1);
        }
        List<PathRule> rules = new ArrayList<>();
        for (Entry e : HclReader.read(name, body)) {
            switch (e.key()) {
                case "name" -> {
                    // accepted and ignored, as Vault does
                }
                case "path" -> collectPaths(name, e, rules);
                default -> throw new PolicyException(name, e.line(), "invalid key \"" + e.key()
                        + "\" (a policy holds only path blocks)");
            }
        }
        return new Policy(name, rules, text);
    }

    private static void collectPaths(String policy, Entry e, List<PathRule> rules) {
        if (!(e.value() instanceof Block b)) {
            throw new PolicyException(policy, e.line(), "path must be a block: path \"secret/*\" { … }");
        }
        if (b.labels().size() == 1) {
            rules.add(rule(policy, b.labels().get(0), b, e.line()));
        } else if (b.labels().isEmpty()) {
            for (Entry inner : b.entries()) {
                if (!(inner.value() instanceof Block ib)) {
                    throw new PolicyException(policy, inner.line(), "path \"" + inner.key() + "\" must be an object");
                }
                rules.add(rule(policy, inner.key(), ib, inner.line()));
            }
        } else {
            throw new PolicyException(policy, e.line(), "a path block takes exactly one pattern");
        }
    }

    private static PathRule rule(String policy, String pattern, Block block, int line) {
        if (pattern.contains("+*")) {
            throw new PolicyException(policy, line, "path \"" + pattern + "\": invalid use of wildcards ('+*' is forbidden)");
        }
        EnumSet<Capability> caps = EnumSet.noneOf(Capability.class);
        String legacy = null;
        for (Entry e : block.entries()) {
            if (!PATH_KEYS.contains(e.key())) {
                throw new PolicyException(policy, e.line(), "path \"" + pattern + "\": invalid key \"" + e.key() + "\"");
            }
            if (e.key().equals("capabilities")) {
                if (!(e.value() instanceof List<?> list)) {
                    throw new PolicyException(policy, e.line(), "capabilities must be a list: [\"read\", \"list\"]");
                }
                for (Object o : list) {
                    String s = String.valueOf(o);
                    Capability c = Capability.fromApiName(s).orElseThrow(() -> new PolicyException(policy, e.line(),
                            "path \"" + pattern + "\": invalid capability \"" + s + "\""));
                    caps.add(c);
                }
            } else if (e.key().equals("policy")) {
                legacy = String.valueOf(e.value());
            }
        }
        if (legacy != null) {
            switch (legacy) {
                case "deny" -> caps = EnumSet.of(Capability.DENY);
                case "read" -> caps.addAll(EnumSet.of(Capability.READ, Capability.LIST));
                case "write" -> caps.addAll(EnumSet.of(Capability.CREATE, Capability.READ, Capability.UPDATE,
                        Capability.DELETE, Capability.LIST));
                case "sudo" -> caps.addAll(EnumSet.of(Capability.CREATE, Capability.READ, Capability.UPDATE,
                        Capability.DELETE, Capability.LIST, Capability.SUDO));
                default -> throw new PolicyException(policy, line, "path \"" + pattern + "\": invalid policy \""
                        + legacy + "\" (use capabilities = [...])");
            }
        }
        if (caps.contains(Capability.DENY)) {
            caps = EnumSet.of(Capability.DENY);
        }
        return new PathRule(policy, pattern, caps, line);
    }
}
