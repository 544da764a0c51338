package dev.msw.secrets.policy;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the policy engine concluded for one path (and operation): the capabilities exactly as Vault's
 * {@code sys/capabilities} reports them, the rule that decided, the lower-priority rules that also matched, and
 * whether the operation asked about is allowed.
 */
public record Decision(String path, Capability operation, List<String> policies, boolean root, AclRule decidingRule,
        List<AclRule> outranked, boolean allowed) {

    /** Capabilities as Vault reports them: {@code [root]}, {@code [deny]} when nothing or deny, else the set. */
    public List<String> reportedCapabilities() {
        if (root) {
            return List.of("root");
        }
        if (decidingRule == null || decidingRule.denies() || decidingRule.capabilities().isEmpty()) {
            return List.of("deny");
        }
        return decidingRule.capabilities().stream().map(Capability::apiName).toList();
    }

    public Set<Capability> grantedCapabilities() {
        if (root) {
            return EnumSet.complementOf(EnumSet.of(Capability.DENY));
        }
        if (decidingRule == null || decidingRule.denies()) {
            return EnumSet.noneOf(Capability.class);
        }
        return decidingRule.capabilities();
    }

    /** A paragraph saying which policy and which path rule decided, and why the others did not. */
    public String explanation() {
        String op = operation == null ? "" : "`" + operation.apiName() + "` on ";
        StringBuilder sb = new StringBuilder();
        if (root) {
            return "The root policy is attached: it allows everything on " + path + ".";
        }
        if (decidingRule == null) {
            sb.append(allowedWord()).append(op).append(path).append(": no rule in ")
                    .append(policiesText()).append(" matches this path, and Vault denies by default.");
            return sb.toString();
        }
        sb.append(allowedWord()).append(op).append(path).append(": decided by path \"").append(decidingRule.pattern())
                .append("\" (").append(kindText(decidingRule.kind())).append(") from ")
                .append(decidingRule.sources().stream().map(r -> "policy \"" + r.policy() + "\" line " + r.line()
                        + " " + r.capabilityList()).collect(Collectors.joining(", "))).append('.');
        if (decidingRule.sources().size() > 1) {
            sb.append(decidingRule.denies() ? " One of them says deny, and deny wins over the others."
                    : " Identical patterns combine: their capabilities are the union.");
        } else if (decidingRule.denies()) {
            sb.append(" An explicit deny wins over every other capability.");
        }
        if (operation != null && !decidingRule.denies() && !allowed) {
            sb.append(" `").append(operation.apiName()).append("` is not among ")
                    .append(reportedCapabilities()).append('.');
        }
        if (!outranked.isEmpty()) {
            sb.append(" Also matched, but less specific: ").append(outranked.stream()
                    .map(r -> "\"" + r.pattern() + "\"").collect(Collectors.joining(", ")))
                    .append(" (Vault uses only the most specific match; capabilities are not added across patterns).");
        }
        return sb.toString();
    }

    private String allowedWord() {
        if (operation == null) {
            return "Capabilities " + reportedCapabilities() + " for ";
        }
        return allowed ? "Allowed: " : "Denied: ";
    }

    private String policiesText() {
        return policies.isEmpty() ? "the (empty) policy set" : "policies " + policies;
    }

    private static String kindText(AclRule.Kind k) {
        return switch (k) {
            case EXACT -> "exact match, highest priority";
            case PREFIX -> "longest matching prefix";
            case SEGMENT_WILDCARD -> "+ segment wildcard";
        };
    }
}
