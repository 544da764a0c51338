package dev.msw.secrets.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.msw.secrets.Environments;
import dev.msw.secrets.SecretsException;
import dev.msw.testsupport.OpenBaoExtension;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** VAULT_CACERT / BAO_CACERT and skip-verify against an OpenBao dev server with TLS. */
class VaultTlsOpenBaoTest {
    @RegisterExtension
    static final OpenBaoExtension BAO = OpenBaoExtension.perClassTls();

    @Test
    void caCertificateFromTheEnvironmentIsTrustedAndUnknownCaIsRefusedClearly(@TempDir Path home) {
        assertTrue(BAO.address().startsWith("https://"));
        VaultSettings s = VaultSettings.fromEnvironment(Map.of("BAO_ADDR", BAO.address(), "BAO_TOKEN", BAO.rootToken(),
                "BAO_CACERT", BAO.caCert().toString()), home);
        VaultSecretStore st = new VaultSecretStore(VaultSession.open(s, new VaultLogin.Token(null)),
                Environments.standard());
        st.write("testing", "tls", Map.of("k", "v"), null);
        assertEquals("v", st.read("testing", "tls", 0).data().get("k"));

        VaultSettings noCa = new VaultSettings(BAO.address(), BAO.rootToken(), null, null, false);
        SecretsException e = assertThrows(SecretsException.class, () -> VaultSession.open(noCa, new VaultLogin.Token(null)));
        assertTrue(e.getMessage().contains("VAULT_CACERT"), e.getMessage());

        VaultSettings skip = new VaultSettings(BAO.address(), BAO.rootToken(), null, null, true);
        assertTrue(VaultSession.open(skip, new VaultLogin.Token(null)).identity().policies().contains("root"));
    }
}
