package dev.msw.secrets;

import dev.msw.secrets.policy.Capability;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Role × environment × operation: what each role may do in each environment, as expected (from the intended
 * access levels or our policy engine) and as actually answered (by the live server or the local engine).
 */
public record AccessMatrix(List<String> roles, List<String> environments, List<SecretOperation> operations,
        Map<String, Cell> cells) {
    /** The operations the matrix shows: one per kind of access. */
    public static final List<SecretOperation> OPERATIONS = List.of(SecretOperation.LIST, SecretOperation.READ,
            SecretOperation.UPDATE, SecretOperation.SOFT_DELETE, SecretOperation.DESTROY);

    /** Answers "which capabilities does this role have on this API path". */
    @FunctionalInterface
    public interface CapabilityOracle {
        Set<Capability> capabilities(String role, String apiPath);
    }

    /** Expected (null when not known) and actual answer for one cell. */
    public record Cell(Boolean expected, boolean actual) {
        public boolean agrees() {
            return expected == null || expected == actual;
        }
    }

    public static String key(String role, String env, SecretOperation op) {
        return role + "|" + env + "|" + op.name();
    }

    public Cell cell(String role, String env, SecretOperation op) {
        return cells.get(key(role, env, op));
    }

    public boolean allAgree() {
        return cells.values().stream().allMatch(Cell::agrees);
    }

    /** Builds the matrix by asking {@code actual}; {@code expected} may be null. */
    public static AccessMatrix compute(Environments envs, List<String> roles, CapabilityOracle actual,
            CapabilityOracle expected) {
        Map<String, Cell> cells = new LinkedHashMap<>();
        for (String role : roles) {
            for (String env : envs.names()) {
                for (SecretOperation op : OPERATIONS) {
                    String rel = op == SecretOperation.LIST ? "" : "example";
                    String api = envs.apiPath(op.section(), env, rel);
                    boolean got = op.allowedBy(actual.capabilities(role, api));
                    Boolean exp = expected == null ? null : op.allowedBy(expected.capabilities(role, api));
                    cells.put(key(role, env, op), new Cell(exp, got));
                }
            }
        }
        return new AccessMatrix(List.copyOf(roles), envs.names(), OPERATIONS, cells);
    }

    /** A plain-text table: one row per role and environment, ✓/✗ per operation, "!" where expectation differs. */
    public List<String> table() {
        List<String> lines = new ArrayList<>();
        StringBuilder head = new StringBuilder(String.format("%-16s %-13s", "role", "environment"));
        operations.forEach(op -> head.append(String.format(" %-9s", shortName(op))));
        lines.add(head.toString());
        for (String role : roles) {
            for (String env : environments) {
                StringBuilder row = new StringBuilder(String.format("%-16s %-13s", role, env));
                for (SecretOperation op : operations) {
                    Cell c = cell(role, env, op);
                    row.append(String.format(" %-9s", (c.actual() ? "yes" : "no") + (c.agrees() ? "" : " (!)")));
                }
                lines.add(row.toString());
            }
        }
        return lines;
    }

    public static String shortName(SecretOperation op) {
        return switch (op) {
            case LIST -> "list";
            case READ -> "read";
            case UPDATE -> "write";
            case SOFT_DELETE -> "delete";
            case DESTROY -> "destroy";
            default -> op.name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
