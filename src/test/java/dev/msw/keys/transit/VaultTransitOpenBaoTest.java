package dev.msw.keys.transit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.msw.core.CancellationToken;
import dev.msw.core.ProgressListener;
import dev.msw.core.UserFacingException;
import dev.msw.crypto.ArtifactDecryptor;
import dev.msw.crypto.ArtifactHeader;
import dev.msw.crypto.Stanza;
import dev.msw.crypto.WrongKeyException;
import dev.msw.keys.ArtifactInventory;
import dev.msw.keys.KeyFixtures;
import dev.msw.keys.KeyInfo;
import dev.msw.keys.LocalKeyring;
import dev.msw.keys.MinimumVersionGuard;
import dev.msw.keys.RewrapSummary;
import dev.msw.keys.Rewrapper;
import dev.msw.testsupport.ConfigDir;
import dev.msw.testsupport.OpenBaoExtension;
import java.io.File;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The Transit backend against a live OpenBao dev server: keys, versions, wrap, rewrap, minimum versions. */
class VaultTransitOpenBaoTest {
    @RegisterExtension
    static final OpenBaoExtension BAO = OpenBaoExtension.shared();

    @TempDir
    Path tmp;
    String mount;
    VaultTransitBackend vault;
    private String previousConfig;

    @BeforeEach
    void setUp() {
        previousConfig = ConfigDir.point(tmp.resolve("config"));
        mount = OpenBaoExtension.uniqueName("transit");
        BAO.enableTransit(mount);
        vault = new VaultTransitBackend(new VaultTransitClient(endpoint(BAO.rootToken()), mount));
    }

    @AfterEach
    void restoreConfig() {
        ConfigDir.restore(previousConfig);
    }

    private static VaultEndpoint endpoint(String token) {
        return new VaultEndpoint(URI.create(BAO.address() + "/"), token, null, null);
    }

    @Test
    void keysVersionsRotationAndMinimumVersions() throws Exception {
        KeyInfo created = vault.create("models");
        assertEquals(1, created.latestVersion());
        assertEquals(List.of("models"), vault.keyNames());
        KeyInfo rotated = vault.rotate("models");
        assertEquals(2, rotated.latestVersion());
        assertEquals(2, rotated.versions().size());
        assertTrue(rotated.versions().get(1).created().getEpochSecond() > 1_700_000_000L, rotated.toString());

        VaultTransitClient.DataKey dk = vault.client().dataKey("models", 256);
        assertEquals(32, Base64.getDecoder().decode(dk.plaintextBase64()).length);
        assertTrue(dk.ciphertext().startsWith("vault:v2:"), dk.ciphertext());
        assertEquals(dk.plaintextBase64(), vault.client().decrypt("models", dk.ciphertext()));

        assertEquals(2, vault.setMinEncryptionVersion("models", 2).minEncryptionVersion());
        assertEquals(2, vault.setMinDecryptionVersion("models", 2).minDecryptionVersion());
        UserFacingException e = assertThrows(UserFacingException.class, () -> vault.setMinDecryptionVersion("models", 3));
        assertTrue(e.getMessage().contains("versions 1 to 2"), e.getMessage());
        dev.msw.audit.AuditLog.AuditEntry rotation = dev.msw.audit.AuditLog.standard().read().stream()
                .filter(entry -> entry.action().equals("key.rotate")).findFirst().orElseThrow();
        assertEquals("vault:token", rotation.identity(), "the audit log names the Vault identity (the dev root token's display name)");
        UserFacingException missing = assertThrows(UserFacingException.class, () -> vault.info("nosuch"));
        assertTrue(missing.getMessage().contains("No Vault Transit key 'nosuch'"), missing.getMessage());
    }

    @Test
    void transitStanzasRewrapInsideVaultWithPayloadUnchanged() throws Exception {
        vault.create("models");
        LocalKeyring ring = KeyFixtures.keyring(tmp);
        ring.createKey("team");
        Path models = Files.createDirectories(tmp.resolve("models"));
        byte[] plainA = KeyFixtures.plaintext(200_000, 1);
        byte[] plainB = KeyFixtures.plaintext(5_000, 2);
        Path a = KeyFixtures.encrypt(models.resolve("a.msw"), plainA, List.of(vault.recipient("models")));
        Path b = KeyFixtures.encrypt(models.resolve("b.msw"), plainB, List.of(vault.recipient("models"), ring.recipient("team")));

        Stanza s = ArtifactHeader.read(a).stanzas().get(0);
        assertEquals("vault-transit", s.type());
        assertEquals(List.of("models", "1", mount), s.args());
        assertTrue(new String(s.body(), StandardCharsets.US_ASCII).startsWith("vault:v1:"));
        assertArrayEquals(plainA, new ArtifactDecryptor().decryptToMemory(a, List.of(vault.identity()), ProgressListener.NONE,
                CancellationToken.NONE));

        vault.rotate("models");
        UserFacingException refused = assertThrows(UserFacingException.class, () -> MinimumVersionGuard.raise(vault, "models", 2,
                List.of(models), ProgressListener.NONE, CancellationToken.NONE));
        assertTrue(refused.getMessage().contains("a.msw") && refused.getMessage().contains("--backend vault"), refused.getMessage());

        byte[] payloadA = KeyFixtures.payload(a);
        RewrapSummary sum = new Rewrapper(vault).rewrap("models", List.of(models), ProgressListener.NONE, CancellationToken.NONE);
        assertEquals(2, sum.count(RewrapSummary.Outcome.DONE), sum.toString());
        assertArrayEquals(payloadA, KeyFixtures.payload(a));
        Stanza after = ArtifactHeader.read(a).stanzas().get(0);
        assertEquals("2", after.args().get(1));
        assertTrue(new String(after.body(), StandardCharsets.US_ASCII).startsWith("vault:v2:"));
        assertEquals("local", ArtifactHeader.read(b).stanzas().get(1).type(), "the local stanza of b stays");

        ArtifactInventory inv = ArtifactInventory.scan(List.of(models), ProgressListener.NONE, CancellationToken.NONE);
        assertEquals(Map.of(2, 2), inv.versionCounts().get("vault-transit:models"));
        MinimumVersionGuard.raise(vault, "models", 2, List.of(models), ProgressListener.NONE, CancellationToken.NONE);
        assertArrayEquals(plainA, new ArtifactDecryptor().decryptToMemory(a, List.of(vault.identity()), ProgressListener.NONE,
                CancellationToken.NONE));

        // the v1 stanza from before the rewrap no longer opens: Vault refuses below min_decryption_version
        assertTrue(vault.identity().unwrap(s, ArtifactHeader.read(a).fileId()).isEmpty());
        UserFacingException below = assertThrows(UserFacingException.class,
                () -> vault.client().decrypt("models", new String(s.body(), StandardCharsets.US_ASCII)));
        assertTrue(below.getMessage().contains("HTTP 400"), below.getMessage());
        String fresh = vault.client().encrypt("models", Base64.getEncoder().encodeToString(new byte[32]));
        assertTrue(fresh.startsWith("vault:v2:"), "new wraps use the latest version");
        WrongKeyException wrong = assertThrows(WrongKeyException.class, () -> new ArtifactDecryptor().decryptToMemory(
                models.resolve("b.msw"), List.of(new VaultTransitIdentity(new VaultTransitClient(endpoint(BAO.rootToken()), "elsewhere"))),
                ProgressListener.NONE, CancellationToken.NONE));
        assertTrue(wrong.getMessage().contains("Vault Transit key 'models' v2"), wrong.getMessage());
    }

    @Test
    void newFilesTakeTheirFileKeyFromTransitDatakey(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        vault.create("minted");
        // this token may only mint data keys: encrypting a new file must not need transit/encrypt
        BAO.writePolicy(mount + "-datakey-only", "path \"" + mount + "/datakey/plaintext/minted\" { capabilities = [\"update\"] }");
        VaultTransitClient mintOnly = new VaultTransitClient(endpoint(BAO.createToken(mount + "-datakey-only")), mount);
        Path model = Files.write(dir.resolve("model.onnx"), "weights".repeat(5000).getBytes(StandardCharsets.UTF_8));
        Path sealed = dir.resolve("model.onnx.msw");
        new dev.msw.crypto.ArtifactEncryptor().encrypt(model, sealed, List.of(new VaultTransitRecipient(mintOnly, "minted")),
                false, ProgressListener.NONE, CancellationToken.NONE);
        Stanza stanza = ArtifactHeader.read(sealed).stanzas().get(0);
        assertEquals(VaultTransitRecipient.TYPE, stanza.type());
        Path back = dir.resolve("back.onnx");
        new ArtifactDecryptor().decrypt(sealed, back, List.of(new VaultTransitIdentity(vault.client())), false,
                ProgressListener.NONE, CancellationToken.NONE);
        assertArrayEquals(Files.readAllBytes(model), Files.readAllBytes(back));
    }

    @Test
    void permissionDeniedSaysWhatToDo() throws Exception {
        vault.create("models");
        BAO.writePolicy(mount + "-decrypt-only", "path \"" + mount + "/decrypt/models\" { capabilities = [\"update\"] }");
        VaultTransitBackend limited = new VaultTransitBackend(new VaultTransitClient(endpoint(BAO.createToken(mount + "-decrypt-only")), mount));
        UserFacingException e = assertThrows(UserFacingException.class, () -> limited.rotate("models"));
        assertTrue(e.getMessage().contains("permission denied") && e.getMessage().contains("policy"), e.getMessage());
    }

    @Test
    void cliEncryptsForTransitShowsTheHeaderRotatesRewrapsAndDecrypts() throws Exception {
        JsonNode created = new ObjectMapper().readTree(msw("key", "create", "cli", "--backend", "vault", "--transit-mount", mount, "--json"));
        assertEquals(1, created.get("latestVersion").asInt(), created.toString());
        JsonNode listed = new ObjectMapper().readTree(msw("key", "list", "--backend", "vault", "--transit-mount", mount, "--json"));
        assertEquals("vault", listed.get("backend").asText());
        assertTrue(listed.get("keys").toString().contains("\"cli\""), listed.toString());
        Path models = Files.createDirectories(tmp.resolve("cli-models"));
        byte[] plain = KeyFixtures.plaintext(3000, 5);
        Path in = Files.write(tmp.resolve("model.onnx"), plain);
        Path f = models.resolve("model.onnx.msw");
        msw("encrypt", in.toString(), "-o", f.toString(), "--vault-transit", "cli", "--transit-mount", mount);
        JsonNode header = new ObjectMapper().readTree(msw("header", f.toString(), "--json"));
        JsonNode stanza = header.get("stanzas").get(0);
        assertEquals("vault-transit", stanza.get("type").asText(), header.toString());
        assertEquals("cli", stanza.get("key").asText());
        assertEquals("1", stanza.get("keyVersion").asText());

        JsonNode rotated = new ObjectMapper().readTree(msw("key", "rotate", "cli", "--backend", "vault", "--transit-mount", mount, "--json"));
        assertEquals(2, rotated.get("latestVersion").asInt());
        String summary = msw("rewrap", models.toString(), "--key", "cli", "--backend", "vault", "--transit-mount", mount);
        assertTrue(summary.contains("Rewrapped 1"), summary);
        JsonNode info = new ObjectMapper().readTree(msw("key", "info", "cli", "--backend", "vault", "--transit-mount", mount, "--json"));
        assertEquals(2, info.get("versions").size());
        assertEquals("2", ArtifactHeader.read(f).stanzas().get(0).args().get(1));
        Path out = tmp.resolve("decrypted.onnx");
        msw("decrypt", f.toString(), "-o", out.toString());
        assertArrayEquals(plain, Files.readAllBytes(out));
    }

    /** Runs msw in a child JVM with VAULT_ADDR / VAULT_TOKEN set, as a person's shell would. */
    private String msw(String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path") + File.pathSeparator
                + Path.of("target", "classes").toAbsolutePath(), "dev.msw.Launcher"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("VAULT_ADDR", BAO.address());
        pb.environment().put("VAULT_TOKEN", BAO.rootToken());
        pb.environment().put("MSW_CONFIG_DIR", tmp.resolve("config").toString());
        Path out = tmp.resolve("child.out");
        Path err = tmp.resolve("child.err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "msw child timed out");
        assertEquals(0, p.exitValue(), String.join(" ", args) + "\n" + Files.readString(out) + Files.readString(err));
        return Files.readString(out);
    }
}
