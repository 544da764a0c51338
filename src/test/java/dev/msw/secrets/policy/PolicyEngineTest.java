package dev.msw.secrets.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyEngineTest {
    private static PolicyEngine engine(String... nameAndHcl) {
        List<Policy> ps = new java.util.ArrayList<>();
        for (int i = 0; i < nameAndHcl.length; i += 2) {
            ps.add(PolicyParser.parse(nameAndHcl[i], nameAndHcl[i + 1]));
        }
        return new PolicyEngine(ps);
    }

    @Test
    void mostSpecificMatchDecidesAndCapabilitiesDoNotAddAcrossPatterns() {
        PolicyEngine e = engine("dev", """
                # developers
                path "secret/data/*" { capabilities = ["read"] }
                path "secret/data/development/*" { capabilities = ["create", "update"] }
                """);
        Decision d = e.check("secret/data/development/db", Capability.READ);
        assertFalse(d.allowed(), "the longer prefix wins and grants no read");
        assertEquals("secret/data/development/*", d.decidingRule().pattern());
        assertTrue(d.explanation().contains("Also matched"), d.explanation());
        assertTrue(e.allows("secret/data/testing/db", Capability.READ));
    }

    @Test
    void identicalPatternsUnionAndDenyWins() {
        PolicyEngine e = engine("a", "path \"secret/data/x\" { capabilities = [\"read\"] }",
                "b", "path \"secret/data/x\" { capabilities = [\"update\"] }");
        assertEquals(List.of("read", "update"), e.capabilities("secret/data/x").reportedCapabilities());
        PolicyEngine denied = engine("a", "path \"secret/data/x\" { capabilities = [\"read\"] }",
                "b", "path \"secret/data/x\" { capabilities = [\"deny\"] }");
        Decision d = denied.check("secret/data/x", Capability.READ);
        assertFalse(d.allowed());
        assertEquals(List.of("deny"), d.reportedCapabilities());
        assertTrue(d.explanation().contains("deny wins"), d.explanation());
    }

    @Test
    void segmentWildcardsAndPriorityOrder() {
        PolicyEngine e = engine("p", """
                path "secret/+/teamb" { capabilities = ["read"] }
                path "secret/+/+" { capabilities = ["update"] }
                path "secret/foo/*" { capabilities = ["list"] }
                """);
        // first wildcard later wins: secret/foo/* (position 11) over secret/+/teamb (position 7)
        assertEquals(List.of("list"), e.capabilities("secret/foo/teamb").reportedCapabilities());
        // fewer + segments wins
        assertEquals(List.of("read"), e.capabilities("secret/bar/teamb").reportedCapabilities());
        assertEquals(List.of("update"), e.capabilities("secret/bar/other").reportedCapabilities());
        assertEquals(List.of("deny"), e.capabilities("secret/bar").reportedCapabilities());
        assertEquals(List.of("deny"), e.capabilities("other/path").reportedCapabilities());
    }

    @Test
    void exactMatchAndListTrailingSlash() {
        PolicyEngine e = engine("p", "path \"secret/metadata/app\" { capabilities = [\"list\"] }");
        assertTrue(e.allows("secret/metadata/app/", Capability.LIST));
        assertFalse(e.allows("secret/metadata/app/", Capability.READ));
    }

    @Test
    void rootAllowsEverything() {
        assertTrue(new PolicyEngine(List.of(new Policy("root", List.of(), ""))).allows("any/path", Capability.DELETE));
    }

    @Test
    void parserReadsLegacyJsonAndCommentsAndRejectsMistakesWithLineNumbers() {
        Policy legacy = PolicyParser.parse("old", "/* block */\npath \"sys/*\" {\n  policy = \"write\" // old style\n}");
        assertTrue(legacy.rules().get(0).capabilities().contains(Capability.CREATE));
        Policy json = PolicyParser.parse("j", "{\"path\": {\"secret/*\": {\"capabilities\": [\"read\"]}}}");
        assertEquals("secret/*", json.rules().get(0).pattern());
        PolicyException bad = assertThrows(PolicyException.class,
                () -> PolicyParser.parse("bad", "path \"a\" {\n  capabilities = [\"reed\"]\n}"));
        assertTrue(bad.getMessage().contains("line 2") && bad.getMessage().contains("reed"), bad.getMessage());
        assertThrows(PolicyException.class, () -> PolicyParser.parse("bad", "path \"a/+*\" { capabilities = [] }"));
        assertThrows(PolicyException.class, () -> PolicyParser.parse("bad", "path \"a\" { capabilities = [\"read\"] "));
        assertThrows(PolicyException.class, () -> PolicyParser.parse("bad", "paths \"a\" { }"));
    }
}
