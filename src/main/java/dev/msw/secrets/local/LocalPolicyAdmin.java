package dev.msw.secrets.local;

import dev.msw.secrets.PolicyAdmin;
import java.util.List;

/** The ACL policies kept inside a local store; only the owner role may change them. */
final class LocalPolicyAdmin implements PolicyAdmin {
    private final LocalSecretStore store;

    LocalPolicyAdmin(LocalSecretStore store) {
        this.store = store;
    }

    @Override
    public List<String> list() {
        return store.policyList();
    }

    @Override
    public String read(String name) {
        return store.policyText(name);
    }

    @Override
    public void write(String name, String hcl) {
        store.putPolicy(name, hcl);
    }

    @Override
    public void delete(String name) {
        store.removePolicy(name);
    }
}
