package dev.msw.secrets.policy;

import dev.msw.secrets.policy.LintFinding.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Flags policy mistakes that Vault accepts silently: KV v2 paths without {@code data/} or {@code metadata/} (they
 * grant nothing), {@code list} on {@code data/} paths, over-broad {@code *} grants, {@code sudo} where no
 * root-protected endpoint needs it, production paths writable from a non-production role, and blocks that grant
 * nothing.
 */
public final class PolicyLinter {
    /** The sub-paths a KV v2 mount serves; anything else under the mount matches no endpoint. */
    private static final List<String> KV2_SUBPATHS = List.of("data", "metadata", "delete", "undelete", "destroy",
            "subkeys", "config");
    /** Path prefixes with root-protected (sudo) endpoints. */
    private static final List<String> SUDO_PREFIXES = List.of("sys/", "auth/token/", "+/", "*");

    private final List<String> kvV2Mounts;
    private final String productionPrefix;

    /**
     * @param kvV2Mounts       mount paths of KV v2 engines, without slashes ({@code secret}, {@code model})
     * @param productionPrefix the production environment's folder name ({@code production})
     */
    public PolicyLinter(List<String> kvV2Mounts, String productionPrefix) {
        this.kvV2Mounts = kvV2Mounts.stream().map(PolicyLinter::trimSlashes).toList();
        this.productionPrefix = trimSlashes(productionPrefix);
    }

    public List<LintFinding> lint(Policy policy) {
        List<LintFinding> out = new ArrayList<>();
        for (PathRule r : policy.rules()) {
            lintRule(policy, r, out);
        }
        return out;
    }

    public List<LintFinding> lint(List<Policy> policies) {
        List<LintFinding> out = new ArrayList<>();
        for (Policy p : policies) {
            out.addAll(lint(p));
        }
        return out;
    }

    private void lintRule(Policy policy, PathRule r, List<LintFinding> out) {
        String path = r.normalisedPattern();
        Set<Capability> caps = r.capabilities();
        if (caps.isEmpty()) {
            out.add(new LintFinding(Severity.WARNING, "grants-nothing", policy.name(), r.line(), r.pattern(),
                    "this block has no capabilities, so it grants nothing (and, as the most specific match, can hide "
                            + "broader grants)", "list the capabilities, or use [\"deny\"] if you mean to forbid"));
        }
        for (String mount : kvV2Mounts) {
            if (!path.startsWith(mount + "/")) {
                continue;
            }
            String rest = path.substring(mount.length() + 1);
            String first = rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest;
            if (!reachesKv2Endpoint(first)) {
                String tail = rest;
                out.add(new LintFinding(Severity.ERROR, "kv2-missing-data", policy.name(), r.line(), r.pattern(),
                        "\"" + mount + "/\" is a KV v2 mount: secrets live under " + mount + "/data/ and are listed "
                                + "under " + mount + "/metadata/, so this path grants nothing",
                        "write path \"" + mount + "/data/" + tail + "\" (read/write) and path \"" + mount
                                + "/metadata/" + tail + "\" (list, history)"));
            } else if (first.equals("data") && caps.contains(Capability.LIST) && caps.size() == 1) {
                out.add(new LintFinding(Severity.WARNING, "kv2-list-on-data", policy.name(), r.line(), r.pattern(),
                        "list on a KV v2 data/ path does nothing: listing goes through " + mount + "/metadata/",
                        "grant list on path \"" + mount + "/metadata/" + rest.substring(first.length()) .replaceFirst("^/", "") + "\""));
            }
        }
        if (!r.denies() && isOverBroad(path) && (caps.stream().anyMatch(Capability::writes)
                || caps.contains(Capability.SUDO) || path.equals("*") || path.equals("+/*"))) {
            out.add(new LintFinding(path.equals("*") || path.equals("+/*") ? Severity.ERROR : Severity.WARNING,
                    "over-broad", policy.name(), r.line(), r.pattern(),
                    "grants " + r.capabilityList() + " on " + (path.equals("*") ? "every path of the server"
                            : "everything under " + path.substring(0, path.length() - 1)),
                    "narrow the path to the environment and application folder that needs it"));
        }
        if (caps.contains(Capability.SUDO) && SUDO_PREFIXES.stream().noneMatch(path::startsWith)) {
            out.add(new LintFinding(Severity.WARNING, "unneeded-sudo", policy.name(), r.line(), r.pattern(),
                    "sudo only matters on root-protected endpoints (sys/…, auth/token/…); here it grants nothing "
                            + "but signals more privilege than intended", "remove \"sudo\""));
        }
        boolean productionRole = policy.name().toLowerCase(Locale.ROOT).contains("prod")
                || policy.name().toLowerCase(Locale.ROOT).contains("admin");
        if (!productionRole && touchesProduction(r)
                && caps.stream().anyMatch(Capability::writes) && !r.denies()) {
            out.add(new LintFinding(Severity.ERROR, "production-writable", policy.name(), r.line(), r.pattern(),
                    "the non-production role \"" + policy.name() + "\" can change production secrets ("
                            + caps.stream().filter(Capability::writes).map(Capability::apiName)
                                    .collect(Collectors.joining(", ")) + ")",
                    "give write access to production only to the production role, or rename the policy if it "
                            + "is one"));
        }
        if (r.denies() && caps.size() > 1) {
            out.add(new LintFinding(Severity.INFO, "deny-overrides", policy.name(), r.line(), r.pattern(),
                    "deny is listed with other capabilities; Vault keeps only deny", "keep [\"deny\"] alone"));
        }
    }

    private static boolean reachesKv2Endpoint(String firstSegment) {
        if (firstSegment.equals("+") || firstSegment.equals("*") || firstSegment.isEmpty()) {
            return true;
        }
        if (firstSegment.endsWith("*")) {
            String stem = firstSegment.substring(0, firstSegment.length() - 1);
            return KV2_SUBPATHS.stream().anyMatch(s -> s.startsWith(stem));
        }
        return KV2_SUBPATHS.contains(firstSegment);
    }

    private static boolean isOverBroad(String path) {
        if (!path.endsWith("*")) {
            return false;
        }
        String stem = path.substring(0, path.length() - 1);
        long segments = stem.chars().filter(c -> c == '/').count();
        // "*", "secret/*", "secret/data/*": the whole server, a whole mount, or all environments of a mount
        return segments <= 1 || (segments == 2 && stem.matches("[^/]+/(data|metadata)/"));
    }

    /** Whether the pattern matches a production secret on any KV v2 mount, decided by the engine itself. */
    private boolean touchesProduction(PathRule rule) {
        PolicyEngine alone = new PolicyEngine(List.of(new Policy("probe", List.of(rule), "")));
        List<String> mounts = kvV2Mounts.isEmpty() ? List.of("secret") : kvV2Mounts;
        for (String m : mounts) {
            for (String probe : List.of(m + "/data/" + productionPrefix + "/probe-secret",
                    m + "/metadata/" + productionPrefix + "/probe-secret")) {
                if (alone.capabilities(probe).decidingRule() != null) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String trimSlashes(String s) {
        String t = s;
        while (t.startsWith("/")) {
            t = t.substring(1);
        }
        while (t.endsWith("/")) {
            t = t.substring(0, t.length() - 1);
        }
        return t;
    }
}
