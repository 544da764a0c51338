package dev.msw.secrets.vault;

import dev.msw.audit.Audit;
import dev.msw.secrets.AccessMatrix;
import dev.msw.secrets.EnvironmentSegregation;
import dev.msw.secrets.SecretsException;
import dev.msw.secrets.policy.Capability;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies an {@link EnvironmentSegregation} plan to a live server with an admin token: makes sure the KV v2 mount
 * exists, writes one policy per role, creates a userpass user per role with a fresh random password (shown once,
 * never stored or logged), then logs in as each user and builds the access matrix from the server's own
 * {@code sys/capabilities-self} answers, compared with the plan.
 */
public final class VaultEnvironmentSetup {
    /** The outcome: one-time passwords per role and the matrix verified live. */
    public record Result(Map<String, String> passwords, AccessMatrix matrix) {
        @Override
        public String toString() {
            return "Result[roles=" + passwords.keySet() + ", allAgree=" + matrix.allAgree() + "]";
        }
    }

    private final VaultSession admin;

    public VaultEnvironmentSetup(VaultSession admin) {
        this.admin = admin;
    }

    public Result apply(EnvironmentSegregation plan, String userpassMount) {
        VaultHttp http = admin.http();
        String mount = plan.environments().mount();
        ensureKvV2(http, mount);
        VaultPolicies policies = new VaultPolicies(admin);
        for (String role : plan.roleNames()) {
            policies.write(role, plan.policyFor(role));
        }
        ensureUserpass(http, userpassMount);
        Map<String, String> passwords = new LinkedHashMap<>();
        for (String role : plan.roleNames()) {
            String password = randomPassword();
            VaultHttp.Answer a = http.post("auth/" + userpassMount + "/users/" + role,
                    Map.of("password", password, "token_policies", role));
            require(a, "create userpass user " + role);
            passwords.put(role, password);
            Audit.record("policy-role", "vault:" + userpassMount + "/" + role, "success", Map.of("policies", role));
        }
        Map<String, VaultSession> sessions = new LinkedHashMap<>();
        for (String role : plan.roleNames()) {
            sessions.put(role, VaultSession.open(http.settings().withToken(null),
                    new VaultLogin.UserPass(userpassMount, role, passwords.get(role).toCharArray())));
        }
        AccessMatrix matrix = AccessMatrix.compute(plan.environments(), plan.roleNames(),
                (role, api) -> capabilitiesSelf(sessions.get(role), api), plan.intended());
        return new Result(passwords, matrix);
    }

    /**
     * The live matrix for roles given as policy lists: a short-lived token per role (needs an admin token),
     * asked through {@code sys/capabilities}, then revoked.
     */
    public AccessMatrix liveMatrix(dev.msw.secrets.Environments envs, Map<String, List<String>> roles,
            AccessMatrix.CapabilityOracle expected) {
        Map<String, String> tokens = new LinkedHashMap<>();
        try {
            for (var e : roles.entrySet()) {
                VaultHttp.Answer a = admin.http().post("auth/token/create", Map.of("policies", e.getValue(),
                        "no_default_policy", true, "ttl", "5m", "display_name", "msw-matrix-" + e.getKey()));
                require(a, "create a test token for role " + e.getKey());
                tokens.put(e.getKey(), a.body().path("auth").path("client_token").asText());
            }
            return AccessMatrix.compute(envs, new ArrayList<>(roles.keySet()), (role, api) -> {
                VaultHttp.Answer a = admin.http().post("sys/capabilities", Map.of("token", tokens.get(role),
                        "paths", List.of(api)));
                require(a, "sys/capabilities");
                return toCapabilities(a.body().path("data").path(api));
            }, expected);
        } finally {
            for (String t : tokens.values()) {
                admin.http().post("auth/token/revoke", Map.of("token", t));
            }
        }
    }

    private static Set<Capability> capabilitiesSelf(VaultSession s, String api) {
        VaultHttp.Answer a = s.http().post("sys/capabilities-self", Map.of("paths", List.of(api)));
        require(a, "sys/capabilities-self");
        return toCapabilities(a.body().path("data").path(api));
    }

    private static Set<Capability> toCapabilities(com.fasterxml.jackson.databind.JsonNode list) {
        Set<Capability> caps = EnumSet.noneOf(Capability.class);
        list.forEach(n -> {
            if (n.asText().equals("root")) {
                caps.addAll(EnumSet.complementOf(EnumSet.of(Capability.DENY)));
            } else {
                Capability.fromApiName(n.asText()).ifPresent(caps::add);
            }
        });
        return caps;
    }

    private static void ensureKvV2(VaultHttp http, String mount) {
        VaultHttp.Answer m = http.get("sys/mounts/" + mount);
        if (m.ok()) {
            String type = m.body().path("data").path("type").asText(m.body().path("type").asText());
            String version = m.body().path("data").path("options").path("version").asText(
                    m.body().path("options").path("version").asText());
            if (!type.equals("kv") || !version.equals("2")) {
                throw new SecretsException("The mount \"" + mount + "\" is not a KV version 2 engine",
                        "it is " + type + (version.isEmpty() ? "" : " version " + version),
                        "choose another mount path for the environments");
            }
            return;
        }
        require(http.post("sys/mounts/" + mount, Map.of("type", "kv", "options", Map.of("version", "2"))),
                "enable KV v2 at " + mount);
        Audit.record("vault-mount", mount, "success", Map.of("type", "kv-v2"));
    }

    private static void ensureUserpass(VaultHttp http, String path) {
        VaultHttp.Answer auths = http.get("sys/auth");
        require(auths, "list auth methods");
        if (auths.body().path("data").has(path + "/") || auths.body().has(path + "/")) {
            return;
        }
        require(http.post("sys/auth/" + path, Map.of("type", "userpass")), "enable userpass at " + path);
    }

    private static void require(VaultHttp.Answer a, String what) {
        if (!a.ok()) {
            throw new SecretsException(what + " failed", a.errors(), a.status() == 403
                    ? "run the wizard with an administrator token (sys/policies, sys/mounts, auth/…)" : null);
        }
    }

    private static String randomPassword() {
        String alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        SecureRandom r = new SecureRandom();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 24; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
