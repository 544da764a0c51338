package dev.msw.secrets.local;

import dev.msw.secrets.AccessMatrix;
import dev.msw.secrets.EnvironmentSegregation;
import dev.msw.secrets.policy.Policy;
import dev.msw.secrets.policy.PolicyEngine;
import dev.msw.secrets.policy.PolicyParser;
import java.util.List;

/**
 * Applies an {@link EnvironmentSegregation} plan to the local store (owner role): one policy and one role per
 * plan role, then the matrix as the local policy engine enforces it, compared with the plan.
 */
public final class LocalEnvironmentSetup {
    private LocalEnvironmentSetup() {
    }

    public static AccessMatrix apply(LocalSecretStore owner, EnvironmentSegregation plan) {
        for (String role : plan.roleNames()) {
            owner.policies().write(role, plan.policyFor(role));
            owner.putRole(role, List.of(role));
        }
        return matrix(owner, plan.roleNames(), plan.intended());
    }

    /** The matrix the local store enforces for these roles. */
    public static AccessMatrix matrix(LocalSecretStore store, List<String> roles, AccessMatrix.CapabilityOracle expected) {
        var policies = store.policies();
        var definedRoles = store.roles();
        return AccessMatrix.compute(store.environments(), roles, (role, api) -> {
            List<Policy> ps = definedRoles.getOrDefault(role, List.of()).stream()
                    .map(name -> PolicyParser.parse(name, policies.read(name))).toList();
            return new PolicyEngine(ps).capabilities(api).grantedCapabilities();
        }, expected);
    }
}
