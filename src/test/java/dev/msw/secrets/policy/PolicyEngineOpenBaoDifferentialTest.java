package dev.msw.secrets.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.msw.testsupport.OpenBaoExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Generated policies, paths and operations: the engine's capabilities must equal what a live OpenBao answers
 * through {@code sys/capabilities} for a token holding exactly those policies.
 */
class PolicyEngineOpenBaoDifferentialTest {
    @RegisterExtension
    static final OpenBaoExtension BAO = OpenBaoExtension.shared();

    private static final String[] SEGMENTS = {"secret", "data", "metadata", "development", "production", "app", "db",
            "a", "ab"};
    private static final String[] CAPS = {"read", "list", "create", "update", "delete", "patch", "sudo"};

    @Test
    void engineAgreesWithOpenBaoOnGeneratedPolicies() {
        Random rnd = new Random(20261125L);
        int compared = 0;
        List<String> mismatches = new ArrayList<>();
        for (int c = 0; c < 45; c++) {
            List<String> pool = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                pool.add(pattern(rnd));
            }
            List<Policy> policies = new ArrayList<>();
            List<String> names = new ArrayList<>();
            int policyCount = 1 + rnd.nextInt(3);
            for (int p = 0; p < policyCount; p++) {
                String name = OpenBaoExtension.uniqueName("gen");
                StringBuilder hcl = new StringBuilder();
                int rules = 1 + rnd.nextInt(4);
                for (int r = 0; r < rules; r++) {
                    hcl.append("path \"").append(pool.get(rnd.nextInt(pool.size()))).append("\" {\n  capabilities = ")
                            .append(capabilities(rnd)).append("\n}\n");
                }
                policies.add(PolicyParser.parse(name, hcl.toString()));
                names.add(name);
                BAO.writePolicy(name, hcl.toString());
            }
            String token = BAO.createToken(names.toArray(String[]::new));
            List<String> paths = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                paths.add(i % 2 == 0 ? instantiate(pool.get(rnd.nextInt(pool.size())), rnd) : path(rnd));
            }
            JsonNode data = BAO.api("POST", "sys/capabilities", Map.of("token", token, "paths", paths))
                    .requireOk("sys/capabilities").body().path("data");
            PolicyEngine engine = new PolicyEngine(policies);
            for (String path : paths) {
                TreeSet<String> live = new TreeSet<>();
                data.path(path).forEach(n -> live.add(n.asText()));
                TreeSet<String> ours = new TreeSet<>(engine.capabilities(path).reportedCapabilities());
                compared++;
                if (!live.equals(ours)) {
                    mismatches.add(path + ": openbao " + live + ", engine " + ours + "\n" + policies.stream()
                            .map(Policy::source).reduce("", String::concat));
                }
            }
        }
        assertTrue(compared >= 400, "compared " + compared);
        assertEquals(List.of(), mismatches);
    }

    private static String pattern(Random rnd) {
        int n = 1 + rnd.nextInt(4);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append('/');
            }
            sb.append(rnd.nextInt(5) == 0 ? "+" : SEGMENTS[rnd.nextInt(SEGMENTS.length)]);
        }
        switch (rnd.nextInt(4)) {
            case 0 -> sb.append("/*");
            case 1 -> {
                if (sb.charAt(sb.length() - 1) != '+') {
                    sb.setLength(sb.length() - 1);
                    sb.append('*');
                }
            }
            case 2 -> sb.append('/');
            default -> {
            }
        }
        return sb.toString();
    }

    private static String capabilities(Random rnd) {
        if (rnd.nextInt(6) == 0) {
            return "[\"deny\"]";
        }
        List<String> caps = new ArrayList<>();
        for (String c : CAPS) {
            if (rnd.nextInt(3) == 0) {
                caps.add("\"" + c + "\"");
            }
        }
        return caps.toString();
    }

    private static String path(Random rnd) {
        int n = 1 + rnd.nextInt(5);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append('/');
            }
            sb.append(SEGMENTS[rnd.nextInt(SEGMENTS.length)]);
        }
        if (rnd.nextInt(4) == 0) {
            sb.append('/');
        }
        return sb.toString();
    }

    /** A concrete path the pattern may match: '+' becomes a segment, '*' a suffix. */
    private static String instantiate(String pattern, Random rnd) {
        StringBuilder sb = new StringBuilder();
        for (String part : pattern.split("/", -1)) {
            if (sb.length() > 0 || pattern.startsWith("/")) {
                sb.append('/');
            }
            if (part.equals("+")) {
                sb.append(SEGMENTS[rnd.nextInt(SEGMENTS.length)]);
            } else if (part.endsWith("*")) {
                sb.append(part, 0, part.length() - 1).append(rnd.nextBoolean() ? "x/y" : "");
            } else {
                sb.append(part);
            }
        }
        return sb.toString();
    }
}
