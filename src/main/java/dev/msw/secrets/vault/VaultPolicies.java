package dev.msw.secrets.vault;

import dev.msw.audit.Audit;
import dev.msw.secrets.AccessDeniedException;
import dev.msw.secrets.PolicyAdmin;
import dev.msw.secrets.SecretsException;
import dev.msw.secrets.policy.PolicyParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** ACL policies on the server ({@code sys/policies/acl}): list, read, write (checked by our parser first), delete. */
public final class VaultPolicies implements PolicyAdmin {
    private final VaultSession session;

    public VaultPolicies(VaultSession session) {
        this.session = session;
    }

    @Override
    public List<String> list() {
        VaultHttp.Answer a = session.http().list("sys/policies/acl");
        check(a, "list", "sys/policies/acl");
        List<String> out = new ArrayList<>();
        a.body().path("data").path("keys").forEach(k -> out.add(k.asText()));
        return out;
    }

    @Override
    public String read(String name) {
        VaultHttp.Answer a = session.http().get("sys/policies/acl/" + name);
        if (a.status() == 404) {
            throw new SecretsException("No policy \"" + name + "\" on the server", null, "list the policies");
        }
        check(a, "read", "sys/policies/acl/" + name);
        return a.body().path("data").path("policy").asText();
    }

    /** Parses the HCL locally first, so syntax errors name the line before anything is sent. */
    @Override
    public void write(String name, String hcl) {
        PolicyParser.parse(name, hcl);
        VaultHttp.Answer a = session.http().call("PUT", "sys/policies/acl/" + name, Map.of("policy", hcl));
        if (a.status() == 400) {
            throw new SecretsException("The server refused policy \"" + name + "\"", a.errors(), "fix the policy");
        }
        check(a, "update", "sys/policies/acl/" + name);
        Audit.record("policy-write", "vault:" + name, "success", Map.of("server", session.http().settings().address()));
    }

    @Override
    public void delete(String name) {
        check(session.http().delete("sys/policies/acl/" + name), "delete", "sys/policies/acl/" + name);
        Audit.record("policy-delete", "vault:" + name, "success", Map.of("server", session.http().settings().address()));
    }

    private void check(VaultHttp.Answer a, String capability, String api) {
        if (a.status() == 403) {
            throw new AccessDeniedException(session.identity().policies(), capability, api);
        }
        if (!a.ok()) {
            throw new SecretsException(capability + " on " + api + " failed", a.errors(), null);
        }
    }
}
