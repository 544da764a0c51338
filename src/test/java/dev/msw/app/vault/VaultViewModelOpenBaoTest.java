package dev.msw.app.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.msw.app.shell.SessionKeyring;
import dev.msw.app.task.ImmediateTaskRunner;
import dev.msw.secrets.Environments;
import dev.msw.secrets.SecretOperation;
import dev.msw.secrets.local.LocalSecretStore;
import dev.msw.secrets.policy.Capability;
import dev.msw.secrets.vault.VaultLogin;
import dev.msw.secrets.vault.VaultSecretStore;
import dev.msw.secrets.vault.VaultSession;
import dev.msw.secrets.vault.VaultSettings;
import dev.msw.testsupport.ConfigDir;
import dev.msw.testsupport.OpenBaoExtension;
import dev.msw.testsupport.Peers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The tab's view model without a toolkit, against a live OpenBao (and the local store for the one-click switch). */
class VaultViewModelOpenBaoTest {
    @RegisterExtension
    static final OpenBaoExtension BAO = OpenBaoExtension.shared();
    @TempDir
    Path dir;
    String previous;
    String mount;

    @BeforeEach
    void setUp() {
        previous = ConfigDir.point(dir);
        mount = OpenBaoExtension.uniqueName("gui");
        BAO.enableKvV2(mount);
    }

    @AfterEach
    void restore() {
        ConfigDir.restore(previous);
    }

    private VaultSecretStore vault() {
        return new VaultSecretStore(VaultSession.open(new VaultSettings(BAO.address(), BAO.rootToken(), null, null, false),
                new VaultLogin.Token(null)), new Environments(mount, Environments.DEFAULT_NAMES));
    }

    @Test
    void hvacWrittenSecretIsBrowsedMaskedEditedWithCasAndDiffed() throws Exception {
        Path token = dir.resolve("token");
        Files.writeString(token, BAO.rootToken());
        Peers.Run w = Peers.exec(60, dir, Peers.python(), "-c", "import sys, hvac\n"
                + "c = hvac.Client(url=sys.argv[1], token=open(sys.argv[2]).read().strip())\n"
                + "c.secrets.kv.v2.create_or_update_secret(path='development/model/secret', secret={'api_key': 'sk-hvac'},"
                + " mount_point=sys.argv[3])\n", BAO.address(), token, mount);
        assertEquals(0, w.exitCode(), w.toString());

        VaultViewModel vm = new VaultViewModel(new ImmediateTaskRunner(), new SessionKeyring(dir.resolve("keyring.p12")),
                dir.resolve("secrets.msw"));
        vm.connect(VaultViewModel.StoreKind.VAULT, this::vault);
        assertTrue(vm.identityTextProperty().get().contains("root"), vm.identityTextProperty().get());
        assertEquals("development", vm.environmentProperty().get());
        assertEquals(List.of("model/secret"), vm.paths());
        vm.select("model/secret");
        assertEquals("sk-hvac", vm.rows().get(0).value());
        assertEquals(SecretRow.MASK, vm.rows().get(0).shown(vm.revealedProperty().get()));
        assertFalse(vm.json().contains("sk-hvac"), "JSON view is masked until revealed");
        vm.revealedProperty().set(true);
        assertTrue(vm.json().contains("sk-hvac"));
        assertTrue(vm.allowedProperty(SecretOperation.DESTROY).get());

        vm.save(Map.of("api_key", "sk-new", "region", "eu"));
        assertEquals(2, vm.secretProperty().get().info().version());
        assertEquals(2, vm.history().size());
        List<String>[] diff = new List[1];
        vm.diff(1, 2, l -> diff[0] = l);
        assertTrue(diff[0].contains("+ region = ••••••  (added)"), diff[0].toString());
        assertTrue(diff[0].stream().noneMatch(l -> l.contains("sk-")));

        // someone else writes: saving from the stale view is a CAS conflict with a clear message
        vault().write("development", "model/secret", Map.of("api_key", "other"), null);
        vm.save(Map.of("api_key", "mine"));
        assertTrue(vm.messageProperty().get().contains("you edited version 2, the current version is 3"),
                vm.messageProperty().get());

        vm.softDelete(List.of());
        assertEquals("deleted", vm.history().get(0).state());
        vm.undelete(List.of(3));
        assertEquals("active", vm.history().get(0).state());
        vm.environmentProperty().set("production");
        assertTrue(vm.isProduction());
        assertTrue(vm.paths().isEmpty());
        assertNull(vm.selectedPathProperty().get());

        VaultPoliciesModel policies = new VaultPoliciesModel(vm);
        policies.explain(mount + "/data/production/db", Capability.READ);
        assertTrue(policies.whyProperty().get().contains("root"), policies.whyProperty().get());
        policies.policyNameProperty().set("seed");
        policies.policyTextProperty().set("path \"" + mount + "/development/*\" { capabilities = [\"read\"] }");
        policies.lint();
        assertEquals("kv2-missing-data", policies.findings().get(0).code());

        vm.setEnvironments(List.of("development", "staging", "production"));
        assertEquals(List.of("development", "staging", "production"), vm.environments());
        assertEquals("production", vm.environmentProperty().get(), "the chosen environment stays selected");

        // one click to the local store and back, both stay open
        vm.connect(VaultViewModel.StoreKind.LOCAL, () -> LocalSecretStore.open(dir.resolve("s.msw"),
                dir.resolve("k.p12"), "local keyring pass".toCharArray(), null));
        assertTrue(vm.identityTextProperty().get().startsWith("local:owner"));
        assertTrue(vm.switchTo(VaultViewModel.StoreKind.VAULT));
        assertEquals("vault", vm.storeProperty().get().kind());
        vm.close();
    }
}
