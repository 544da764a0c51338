package dev.msw.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The extension really starts OpenBao and its helpers really configure it. */
class OpenBaoExtensionTest {
    @RegisterExtension
    static final OpenBaoExtension BAO = OpenBaoExtension.shared();

    @Test
    void serverIsHealthyAndTheRootTokenWorks() {
        assertTrue(BAO.address().startsWith("http://127.0.0.1:"));
        OpenBaoExtension.Response self = BAO.api("GET", "auth/token/lookup-self", null).requireOk("lookup-self");
        assertTrue(self.body().path("data").path("policies").toString().contains("root"));
    }

    @Test
    void helpersEnableMountsAuthAndPolicies() {
        String kv = OpenBaoExtension.uniqueName("kv");
        BAO.enableKvV2(kv);
        BAO.enableKvV2(kv); // idempotent
        BAO.api("POST", kv + "/data/app", Map.of("data", Map.of("k", "v"))).requireOk("write");
        assertEquals("v", BAO.api("GET", kv + "/data/app", null).body().path("data").path("data").path("k").asText());

        String transit = OpenBaoExtension.uniqueName("transit");
        BAO.enableTransit(transit);
        BAO.api("POST", transit + "/keys/model", Map.of()).requireOk("create transit key");

        String policy = OpenBaoExtension.uniqueName("reader");
        BAO.writePolicy(policy, "path \"" + kv + "/data/*\" { capabilities = [\"read\"] }");
        String token = BAO.createToken(policy);
        assertEquals(200, BAO.api("GET", kv + "/data/app", null, token).status());
        assertEquals(403, BAO.api("POST", kv + "/data/app", Map.of("data", Map.of()), token).status());

        String up = OpenBaoExtension.uniqueName("userpass");
        BAO.enableUserpass(up);
        BAO.createUserpassUser(up, "alice", "pw-alice-123", policy);
        OpenBaoExtension.Response login = BAO.api("POST", "auth/" + up + "/login/alice",
                Map.of("password", "pw-alice-123"), "").requireOk("userpass login");
        assertFalse(login.body().path("auth").path("client_token").asText().isEmpty());

        String ar = OpenBaoExtension.uniqueName("approle");
        BAO.enableAppRole(ar);
        String[] ids = BAO.createAppRole(ar, "ci", policy);
        BAO.api("POST", "auth/" + ar + "/login", Map.of("role_id", ids[0], "secret_id", ids[1]), "")
                .requireOk("approle login");
    }
}
