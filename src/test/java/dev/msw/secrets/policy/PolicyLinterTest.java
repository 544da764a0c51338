package dev.msw.secrets.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyLinterTest {
    private static List<String> codes(String name, String hcl, String... mounts) {
        return new PolicyLinter(List.of(mounts), "production").lint(PolicyParser.parse(name, hcl)).stream()
                .map(LintFinding::code).toList();
    }

    @Test
    void seedExampleOnKvV2MountGrantsNothing() {
        List<LintFinding> f = new PolicyLinter(List.of("model"), "production").lint(PolicyParser.parse("dev",
                "path \"model/development/*\" { capabilities = [\"read\", \"list\"] }"));
        assertEquals("kv2-missing-data", f.get(0).code());
        assertTrue(f.get(0).suggestion().contains("model/data/development/*"), f.get(0).format());
        assertTrue(f.get(0).suggestion().contains("model/metadata/development/*"), f.get(0).format());
    }

    @Test
    void correctKvV2PolicyIsClean() {
        assertEquals(List.of(), codes("developer", """
                path "secret/data/development/*" { capabilities = ["create", "read", "update", "delete"] }
                path "secret/metadata/development/*" { capabilities = ["list", "read"] }
                path "secret/data/production/*" { capabilities = ["deny"] }
                """, "secret"));
    }

    @Test
    void flagsOverBroadSudoAndProductionWrites() {
        assertTrue(codes("ops", "path \"*\" { capabilities = [\"read\"] }", "secret").contains("over-broad"));
        assertTrue(codes("dev", "path \"secret/data/production/*\" { capabilities = [\"update\"] }", "secret")
                .contains("production-writable"));
        assertTrue(codes("dev", "path \"secret/data/+/*\" { capabilities = [\"create\"] }", "secret")
                .contains("production-writable"));
        assertTrue(codes("prod-operator", "path \"secret/data/production/*\" { capabilities = [\"update\"] }",
                "secret").isEmpty());
        assertTrue(codes("app", "path \"secret/data/development/app\" { capabilities = [\"read\", \"sudo\"] }",
                "secret").contains("unneeded-sudo"));
        assertTrue(codes("app", "path \"secret/data/development/*\" { capabilities = [\"list\"] }", "secret")
                .contains("kv2-list-on-data"));
        assertTrue(codes("app", "path \"secret/data/development/x\" { capabilities = [] }", "secret")
                .contains("grants-nothing"));
    }
}
