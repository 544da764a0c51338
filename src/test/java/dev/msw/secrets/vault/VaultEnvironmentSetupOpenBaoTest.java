package dev.msw.secrets.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.msw.secrets.AccessDeniedException;
import dev.msw.secrets.AccessMatrix;
import dev.msw.secrets.EnvironmentSegregation;
import dev.msw.secrets.Environments;
import dev.msw.secrets.SecretOperation;
import dev.msw.secrets.policy.PolicyEngine;
import dev.msw.secrets.policy.PolicyLinter;
import dev.msw.secrets.policy.PolicyParser;
import dev.msw.testsupport.ConfigDir;
import dev.msw.testsupport.OpenBaoExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The segregation wizard against a live OpenBao: mount, policies, users, and the matrix verified by logging in. */
class VaultEnvironmentSetupOpenBaoTest {
    @RegisterExtension
    static final OpenBaoExtension BAO = OpenBaoExtension.shared();

    @Test
    void wizardCreatesRolesAndTheLiveMatrixMatchesThePlan(@TempDir Path config) {
        String prev = ConfigDir.point(config);
        try {
            String mount = OpenBaoExtension.uniqueName("envs");
            String userpass = OpenBaoExtension.uniqueName("up");
            Environments envs = new Environments(mount, Environments.DEFAULT_NAMES);
            EnvironmentSegregation plan = EnvironmentSegregation.defaults(envs);
            assertEquals(List.of(), new PolicyLinter(List.of(mount), "production").lint(
                    PolicyParser.parse("developer", plan.policyFor("developer"))), "generated policies lint clean");
            VaultSession admin = VaultSession.open(new VaultSettings(BAO.address(), BAO.rootToken(), null, null, false),
                    new VaultLogin.Token(null));
            VaultEnvironmentSetup.Result r = new VaultEnvironmentSetup(admin).apply(plan, userpass);
            assertTrue(r.matrix().allAgree(), String.join("\n", r.matrix().table()));
            assertTrue(r.matrix().cell("developer", "development", SecretOperation.UPDATE).actual());
            assertTrue(r.matrix().cell("developer", "testing", SecretOperation.READ).actual());
            assertFalse(r.matrix().cell("developer", "testing", SecretOperation.UPDATE).actual());
            assertFalse(r.matrix().cell("developer", "production", SecretOperation.READ).actual());
            assertFalse(r.matrix().cell("ci", "development", SecretOperation.LIST).actual());
            assertTrue(r.matrix().cell("prod-operator", "production", SecretOperation.DESTROY).actual());
            assertFalse(r.toString().contains(r.passwords().get("ci")));

            VaultSecretStore adminStore = new VaultSecretStore(admin, envs);
            adminStore.write("production", "db", Map.of("password", "p"), null);
            VaultSession dev = VaultSession.open(new VaultSettings(BAO.address(), null, null, null, false),
                    new VaultLogin.UserPass(userpass, "developer", r.passwords().get("developer").toCharArray()));
            VaultSecretStore devStore = new VaultSecretStore(dev, envs);
            assertThrows(AccessDeniedException.class, () -> devStore.read("production", "db", 0));

            // the live matrix for policy lists agrees with our engine's prediction
            VaultPolicies policies = new VaultPolicies(admin);
            Map<String, List<String>> roles = Map.of("developer", List.of("developer"), "ci", List.of("ci"));
            AccessMatrix live = new VaultEnvironmentSetup(admin).liveMatrix(envs, roles, (role, api) ->
                    new PolicyEngine(roles.get(role).stream().map(p -> PolicyParser.parse(p, policies.read(p))).toList())
                            .capabilities(api).grantedCapabilities());
            assertTrue(live.allAgree(), String.join("\n", live.table()));
        } finally {
            ConfigDir.restore(prev);
        }
    }
}
