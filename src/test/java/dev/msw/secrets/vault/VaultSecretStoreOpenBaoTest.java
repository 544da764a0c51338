package dev.msw.secrets.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.msw.secrets.AccessDeniedException;
import dev.msw.secrets.CasConflictException;
import dev.msw.secrets.Environments;
import dev.msw.secrets.MetadataSettings;
import dev.msw.secrets.SecretEntry;
import dev.msw.secrets.SecretMetadata;
import dev.msw.secrets.SecretOperation;
import dev.msw.secrets.SecretSearch;
import dev.msw.secrets.SecretsException;
import dev.msw.testsupport.ConfigDir;
import dev.msw.testsupport.OpenBaoExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class VaultSecretStoreOpenBaoTest {
    @RegisterExtension
    static final OpenBaoExtension BAO = OpenBaoExtension.shared();
    @TempDir
    static Path config;
    static String previousConfig;
    static String mount;

    @BeforeAll
    static void setUp() {
        previousConfig = ConfigDir.point(config);
        mount = OpenBaoExtension.uniqueName("kv");
        BAO.enableKvV2(mount);
    }

    @AfterAll
    static void restore() {
        ConfigDir.restore(previousConfig);
    }

    private static VaultSecretStore store(String token) {
        VaultSettings s = new VaultSettings(BAO.address(), token, null, null, false);
        return new VaultSecretStore(VaultSession.open(s, new VaultLogin.Token(null)),
                new Environments(mount, Environments.DEFAULT_NAMES));
    }

    @Test
    void fullLifecycleWithVersionsMetadataAndCas() {
        VaultSecretStore st = store(BAO.rootToken());
        assertEquals(1, st.write("development", "app/db", Map.of("user", "app", "password", "pw1"), 0));
        assertEquals(2, st.write("development", "app/db", Map.of("user", "app", "password", "pw2"), 1));
        CasConflictException conflict = assertThrows(CasConflictException.class,
                () -> st.write("development", "app/db", Map.of("password", "pw3"), 1));
        assertTrue(conflict.getMessage().contains("you edited version 1, the current version is 2"), conflict.getMessage());
        assertFalse(conflict.getMessage().contains("pw"), "no values in messages");

        assertEquals("pw2", st.read("development", "app/db", 0).data().get("password"));
        assertEquals("pw1", st.read("development", "app/db", 1).data().get("password"));
        assertEquals(List.of(new SecretEntry("app", true)), st.list("development", ""));
        assertEquals(List.of(new SecretEntry("db", false)), st.list("development", "app"));

        st.softDelete("development", "app/db", List.of());
        assertEquals("deleted", st.read("development", "app/db", 0).info().state());
        assertTrue(st.read("development", "app/db", 0).data().isEmpty());
        st.undelete("development", "app/db", List.of(2));
        assertEquals("pw2", st.read("development", "app/db", 0).data().get("password"));
        st.destroy("development", "app/db", List.of(1));
        SecretMetadata m = st.metadata("development", "app/db");
        assertEquals(2, m.currentVersion());
        assertEquals("destroyed", m.versions().get(1).state());
        assertEquals("active", m.versions().get(0).state());
        assertNotNull(m.versions().get(0).created());

        st.writeMetadata("development", "app/db", new MetadataSettings(5, true, "24h", Map.of("owner", "ml-team")));
        SecretMetadata m2 = st.metadata("development", "app/db");
        assertEquals(5, m2.maxVersions());
        assertTrue(m2.casRequired());
        assertEquals("ml-team", m2.customMetadata().get("owner"));
        SecretsException casRequired = assertThrows(SecretsException.class,
                () -> st.write("development", "app/db", Map.of("k", "v"), null));
        assertTrue(casRequired.getMessage().contains("requires check-and-set"), casRequired.getMessage());

        assertEquals(List.of("app/db"), SecretSearch.byName(st, "development", "DB", 10, null));
        st.deleteAll("development", "app/db");
        assertThrows(SecretsException.class, () -> st.metadata("development", "app/db"));
        assertEquals(List.of(), st.list("development", ""));
    }

    @Test
    void permissionDeniedNamesPoliciesCapabilityAndPath() {
        VaultSecretStore admin = store(BAO.rootToken());
        admin.write("production", "db", Map.of("password", "prod-secret"), null);
        String policy = OpenBaoExtension.uniqueName("developer");
        BAO.writePolicy(policy, "path \"" + mount + "/data/development/*\" { capabilities = [\"read\", \"create\", \"update\"] }\n"
                + "path \"" + mount + "/metadata/development/*\" { capabilities = [\"list\"] }\n");
        VaultSecretStore dev = store(BAO.api("POST", "auth/token/create", Map.of("policies", List.of(policy, "default"),
                "display_name", "alice")).requireOk("token").body().path("auth").path("client_token").asText());
        AccessDeniedException e = assertThrows(AccessDeniedException.class, () -> dev.read("production", "db", 0));
        assertEquals("permission denied: your token (policies [default, " + policy + "]) lacks `read` on `" + mount
                + "/data/production/db`", e.what());
        Map<SecretOperation, Boolean> dp = dev.permissions("development", "x");
        assertTrue(dp.get(SecretOperation.READ));
        assertTrue(dp.get(SecretOperation.LIST));
        assertFalse(dp.get(SecretOperation.DELETE_ALL));
        Map<SecretOperation, Boolean> pp = dev.permissions("production", "db");
        assertFalse(pp.get(SecretOperation.READ));
        assertTrue(dev.identity().displayName().contains("alice"));
        assertTrue(dev.identity().ttlSeconds() > 0);
    }

    @Test
    void userpassAndAppRoleLoginsAndRenewal() {
        String up = OpenBaoExtension.uniqueName("userpass");
        BAO.enableUserpass(up);
        BAO.createUserpassUser(up, "bob", "bob-password-1", "default");
        VaultSettings s = new VaultSettings(BAO.address(), null, null, null, false);
        VaultSession session = VaultSession.open(s, new VaultLogin.UserPass(up, "bob", "bob-password-1".toCharArray()));
        assertTrue(session.identity().displayName().contains("bob"), session.identity().displayName());
        assertTrue(session.identity().renewable());
        assertTrue(session.renewSelf().ttlSeconds() > 0);
        SecretsException bad = assertThrows(SecretsException.class, () -> VaultSession.open(s,
                new VaultLogin.UserPass(up, "bob", "wrong".toCharArray())));
        assertTrue(bad.getMessage().contains("Login as userpass user \"bob\" failed"), bad.getMessage());

        String ar = OpenBaoExtension.uniqueName("approle");
        BAO.enableAppRole(ar);
        String[] ids = BAO.createAppRole(ar, "ci", "default");
        VaultSession app = VaultSession.open(s, new VaultLogin.AppRole(ar, ids[0], ids[1].toCharArray()));
        assertTrue(app.identity().policies().contains("default"));
    }

    @Test
    void settingsFollowTheVaultCliAndBaoWins(@TempDir Path home) throws Exception {
        java.nio.file.Files.writeString(home.resolve(".vault-token"), "file-token\n");
        VaultSettings v = VaultSettings.fromEnvironment(Map.of("VAULT_ADDR", "https://v:8200/", "VAULT_NAMESPACE", "ns1"), home);
        assertEquals("https://v:8200", v.address());
        assertEquals("file-token", v.token());
        assertEquals("ns1", v.namespace());
        VaultSettings b = VaultSettings.fromEnvironment(Map.of("VAULT_ADDR", "https://v:8200", "BAO_ADDR", "https://b:8200",
                "VAULT_TOKEN", "vt", "BAO_TOKEN", "bt", "BAO_SKIP_VERIFY", "true"), home);
        assertEquals("https://b:8200", b.address());
        assertEquals("bt", b.token());
        assertTrue(b.skipVerify());
        assertFalse(b.toString().contains("bt"));
    }
}
