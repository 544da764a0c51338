package dev.msw.secrets.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.msw.secrets.AccessDeniedException;
import dev.msw.secrets.AccessMatrix;
import dev.msw.secrets.CasConflictException;
import dev.msw.secrets.EnvironmentSegregation;
import dev.msw.secrets.MetadataSettings;
import dev.msw.secrets.SecretEntry;
import dev.msw.secrets.SecretOperation;
import dev.msw.secrets.SecretsException;
import dev.msw.testsupport.ConfigDir;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalSecretStoreTest {
    static final char[] PASS = "correct horse battery".toCharArray();
    @TempDir
    Path dir;
    String previous;

    @BeforeEach
    void isolate() {
        previous = ConfigDir.point(dir);
    }

    @AfterEach
    void restore() {
        ConfigDir.restore(previous);
    }

    private LocalSecretStore open(String role) {
        return LocalSecretStore.open(dir.resolve("secrets.msw"), dir.resolve("keyring.p12"), PASS, role);
    }

    @Test
    void aSharedKeyringStaysOpenWhenTheStoreCloses() throws Exception {
        dev.msw.keys.LocalKeyring ring = dev.msw.keys.LocalKeyring.create(dir.resolve("keyring.p12"), PASS.clone());
        try (LocalSecretStore st = LocalSecretStore.open(dir.resolve("secrets.msw"), ring, null)) {
            st.write("development", "api", Map.of("key", "shared-ring"), null);
        }
        // the keyring can still write (its passphrase was not cleared): a new key and the store again
        ring.createKey("after-close");
        try (LocalSecretStore st = LocalSecretStore.open(dir.resolve("secrets.msw"), ring, null)) {
            assertEquals("shared-ring", st.read("development", "api", 0).data().get("key"));
        }
        try (LocalSecretStore st = open(null)) {
            assertEquals("shared-ring", st.read("development", "api", 0).data().get("key"), "the keyring on disk is intact");
        }
    }

    @Test
    void versionsDeleteUndeleteDestroyAndCasLikeKvV2() throws Exception {
        try (LocalSecretStore st = open(null)) {
            assertEquals(1, st.write("production", "db", Map.of("password", "hunter2-prod"), 0));
            assertEquals(2, st.write("production", "db", Map.of("password", "second-prod"), 1));
            assertThrows(CasConflictException.class, () -> st.write("production", "db", Map.of("x", "y"), 1));
            assertEquals("hunter2-prod", st.read("production", "db", 1).data().get("password"));
            st.softDelete("production", "db", List.of());
            assertEquals("deleted", st.read("production", "db", 0).info().state());
            st.undelete("production", "db", List.of(2));
            st.destroy("production", "db", List.of(1));
            assertEquals("destroyed", st.metadata("production", "db").versions().get(1).state());
            assertTrue(st.read("production", "db", 1).data().isEmpty());
            st.writeMetadata("production", "db", new MetadataSettings(2, true, "1h", Map.of("owner", "ops")));
            assertThrows(SecretsException.class, () -> st.write("production", "db", Map.of("a", "b"), null));
            st.write("production", "db", Map.of("password", "third"), 2);
            assertEquals(2, st.metadata("production", "db").versions().size(), "max versions trims the oldest");
            st.write("development", "app/api", Map.of("api_key", "dev-key"), null);
            assertEquals(List.of(new SecretEntry("app", true)), st.list("development", ""));
        }
        byte[] file = Files.readAllBytes(dir.resolve("secrets.msw"));
        String raw = new String(file, StandardCharsets.ISO_8859_1);
        assertFalse(raw.contains("third") || raw.contains("dev-key") || raw.contains("production"),
                "the store file is encrypted");
        try (LocalSecretStore again = open(null)) {
            assertEquals("third", again.read("production", "db", 0).data().get("password"));
        }
        dev.msw.core.UserFacingException wrong = assertThrows(dev.msw.core.UserFacingException.class, () -> LocalSecretStore.open(
                dir.resolve("secrets.msw"), dir.resolve("keyring.p12"), "wrong passphrase".toCharArray(), null));
        assertTrue(wrong.getMessage().toLowerCase().contains("passphrase"), wrong.getMessage());
    }

    @Test
    void rolesAreEnforcedByThePolicyEngine() {
        try (LocalSecretStore owner = open(null)) {
            owner.write("production", "db", Map.of("password", "p"), null);
            owner.write("testing", "db", Map.of("password", "t"), null);
            AccessMatrix m = LocalEnvironmentSetup.apply(owner, EnvironmentSegregation.defaults(owner.environments()));
            assertTrue(m.allAgree(), String.join("\n", m.table()));
        }
        try (LocalSecretStore dev = open("developer")) {
            AccessDeniedException e = assertThrows(AccessDeniedException.class, () -> dev.read("production", "db", 0));
            assertEquals("permission denied: your token (policies [developer]) lacks `read` on "
                    + "`secret/data/production/db`", e.what());
            assertEquals("t", dev.read("testing", "db", 0).data().get("password"));
            assertThrows(AccessDeniedException.class, () -> dev.write("testing", "db", Map.of("a", "b"), null));
            dev.write("development", "x", Map.of("a", "b"), null);
            assertTrue(dev.permissions("development", "x").get(SecretOperation.DESTROY));
            assertFalse(dev.permissions("production", "db").get(SecretOperation.READ));
            assertThrows(AccessDeniedException.class, () -> dev.policies().write("p", "path \"*\" { capabilities = [\"read\"] }"));
        }
        assertThrows(SecretsException.class, () -> open("nobody"));
    }
}
