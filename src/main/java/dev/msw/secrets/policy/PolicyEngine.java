package dev.msw.secrets.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Evaluates ACL policies exactly as Vault/OpenBao does: an exact pattern wins; otherwise the candidates are the
 * longest trailing-{@code *} prefix and every matching {@code +}-segment pattern, ranked by (later first
 * wildcard, not a prefix, fewer {@code +}, longer, lexicographically greater); identical patterns merge their
 * capabilities, and {@code deny} wins within a pattern. No match means denied. A differential test checks this
 * against a live OpenBao's {@code sys/capabilities}.
 */
public final class PolicyEngine {
    private final List<String> policyNames = new ArrayList<>();
    private final Map<String, AclRule> exact = new LinkedHashMap<>();
    private final TreeMap<String, AclRule> prefix = new TreeMap<>();
    private final Map<String, AclRule> segmentWildcard = new LinkedHashMap<>();
    private boolean root;

    public PolicyEngine(List<Policy> policies) {
        for (Policy p : policies) {
            policyNames.add(p.name());
            if (p.isRoot()) {
                root = true;
            }
            for (PathRule r : p.rules()) {
                add(r);
            }
        }
    }

    private void add(PathRule r) {
        String path = r.normalisedPattern();
        boolean hasSegments = path.equals("+") || path.contains("/+") || path.startsWith("+/");
        if (hasSegments) {
            segmentWildcard.computeIfAbsent(path, k -> new AclRule(k, AclRule.Kind.SEGMENT_WILDCARD)).merge(r);
        } else if (path.endsWith("*")) {
            String key = path.substring(0, path.length() - 1);
            prefix.computeIfAbsent(key, k -> new AclRule(k, AclRule.Kind.PREFIX)).merge(r);
        } else {
            exact.computeIfAbsent(path, k -> new AclRule(k, AclRule.Kind.EXACT)).merge(r);
        }
    }

    public List<String> policyNames() {
        return List.copyOf(policyNames);
    }

    /** Every merged rule (for the matrix and the linter). */
    public List<AclRule> rules() {
        List<AclRule> all = new ArrayList<>(exact.values());
        all.addAll(prefix.values());
        all.addAll(segmentWildcard.values());
        return all;
    }

    /** What {@code sys/capabilities} would report for this path (it evaluates as a list request). */
    public Decision capabilities(String path) {
        return decide(path, null);
    }

    /** Whether {@code operation} (read, list, create, update, delete, patch, scan) is allowed on {@code path}. */
    public Decision check(String path, Capability operation) {
        if (operation == Capability.DENY || operation == Capability.SUDO) {
            throw new IllegalArgumentException("not an operation: " + operation.apiName());
        }
        return decide(path, operation);
    }

    public boolean allows(String path, Capability operation) {
        return check(path, operation).allowed();
    }

    private Decision decide(String rawPath, Capability operation) {
        String path = rawPath;
        while (path.startsWith("/")) {
            path = path.substring(1);
        }
        if (root) {
            return new Decision(path, operation, policyNames, true, null, List.of(), true);
        }
        // sys/capabilities evaluates as a list operation, which enables the trailing-slash fallbacks
        boolean listLike = operation == null || operation == Capability.LIST || operation == Capability.SCAN;
        AclRule rule = exact.get(path);
        List<Candidate> candidates = List.of();
        if (rule == null && listLike) {
            rule = exact.get(trimSlash(path));
        }
        if (rule == null && (operation == null || operation == Capability.LIST) && path.endsWith("/")) {
            candidates = nonExact(trimSlash(path));
        }
        if (rule == null && candidates.isEmpty()) {
            candidates = nonExact(path);
        }
        List<AclRule> outranked = new ArrayList<>();
        if (rule == null && !candidates.isEmpty()) {
            rule = candidates.get(candidates.size() - 1).rule;
            for (int i = candidates.size() - 2; i >= 0; i--) {
                outranked.add(candidates.get(i).rule);
            }
        }
        if (rule != null) {
            for (Map.Entry<String, AclRule> e : prefix.entrySet()) {
                if (path.startsWith(e.getKey()) && e.getValue() != rule && !outranked.contains(e.getValue())) {
                    outranked.add(e.getValue());
                }
            }
        }
        boolean allowed = operation != null && rule != null && !rule.denies()
                && rule.capabilities().contains(operation);
        return new Decision(path, operation, policyNames, false, rule, outranked, allowed);
    }

    private static String trimSlash(String p) {
        return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    private record Candidate(int firstWildcardOrGlob, int wildcards, boolean isPrefix, String pattern, AclRule rule) {
    }

    /** Matching prefix and segment-wildcard rules, sorted from lowest to highest priority. */
    private List<Candidate> nonExact(String path) {
        List<Candidate> found = new ArrayList<>();
        Map.Entry<String, AclRule> longest = null;
        for (Map.Entry<String, AclRule> e : prefix.entrySet()) {
            if (path.startsWith(e.getKey()) && (longest == null || e.getKey().length() > longest.getKey().length())) {
                longest = e;
            }
        }
        if (longest != null) {
            found.add(new Candidate(longest.getKey().length(), 0, true, longest.getKey(), longest.getValue()));
        }
        String[] pathParts = path.split("/", -1);
        for (Map.Entry<String, AclRule> e : segmentWildcard.entrySet()) {
            String full = e.getKey();
            if (full.isEmpty()) {
                continue;
            }
            int first = full.indexOf('+');
            boolean isPrefix = full.endsWith("*");
            String wcPath = isPrefix ? full.substring(0, full.length() - 1) : full;
            String[] parts = wcPath.split("/", -1);
            if (pathParts.length < parts.length || (!isPrefix && parts.length != pathParts.length)) {
                continue;
            }
            int wildcards = 0;
            boolean matched = true;
            for (int i = 0; i < parts.length; i++) {
                String aclPart = parts[i];
                if (aclPart.equals("+")) {
                    wildcards++;
                } else if (aclPart.equals(pathParts[i])) {
                    continue;
                } else if (!(isPrefix && i == parts.length - 1 && pathParts[i].startsWith(aclPart))) {
                    matched = false;
                    break;
                }
            }
            if (matched) {
                found.add(new Candidate(first, wildcards, isPrefix, wcPath, e.getValue()));
            }
        }
        found.sort(PRIORITY);
        return found;
    }

    /** Ascending priority, as in Vault's ACL: the last element wins. */
    private static final Comparator<Candidate> PRIORITY = Comparator
            .comparingInt(Candidate::firstWildcardOrGlob)
            .thenComparing((Candidate c) -> !c.isPrefix())
            .thenComparing(Comparator.comparingInt(Candidate::wildcards).reversed())
            .thenComparingInt(c -> c.pattern().length())
            .thenComparing(Candidate::pattern);
}
