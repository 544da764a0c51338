package dev.msw.keys.transit;

import dev.msw.core.UserFacingException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Where Vault (or OpenBao) is and how to authenticate, read the way the Vault CLI reads it: {@code VAULT_ADDR},
 * {@code VAULT_TOKEN} (else {@code ~/.vault-token}), {@code VAULT_NAMESPACE}, {@code VAULT_CACERT}; each
 * {@code BAO_*} twin wins when set, as in the secrets store's settings. {@link #toString()} never shows the token.
 */
public record VaultEndpoint(URI address, String token, String namespace, Path caCert) {
    public static VaultEndpoint fromEnvironment() {
        return fromEnvironment(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /** An endpoint for an address and token a person typed (the GUI); a blank token falls back to the environment. */
    public static VaultEndpoint of(String address, String token) {
        if (address == null || address.isBlank()) {
            throw new UserFacingException("No Vault address", "the address field is empty",
                    "enter the server's address, e.g. https://vault.example.org:8200");
        }
        String t = token;
        if (t == null || t.isBlank()) {
            t = dev.msw.secrets.vault.VaultSettings.fromEnvironment().token();
        }
        if (t == null || t.isBlank()) {
            throw new UserFacingException("No Vault token", "none was entered and neither VAULT_TOKEN nor ~/.vault-token is set",
                    "paste a token, or log in with 'bao login' first");
        }
        String a = address.strip();
        return new VaultEndpoint(URI.create(a.endsWith("/") ? a : a + "/"), t.strip(), null, null);
    }

    /** The address from the environment (BAO_ADDR or VAULT_ADDR), or "" — to prefill forms. */
    public static String addressFromEnvironment() {
        String a = dev.msw.secrets.vault.VaultSettings.fromEnvironment().address();
        return a == null ? "" : a;
    }

    static VaultEndpoint fromEnvironment(Map<String, String> env, Path home) {
        String addr = first(env, "BAO_ADDR", "VAULT_ADDR");
        if (addr == null) {
            throw new UserFacingException("No Vault address", "VAULT_ADDR (or BAO_ADDR) is not set",
                    "set VAULT_ADDR, e.g. export VAULT_ADDR=https://vault.example.org:8200");
        }
        String token = first(env, "BAO_TOKEN", "VAULT_TOKEN");
        if (token == null) {
            Path tokenFile = home.resolve(".vault-token");
            try {
                token = Files.isRegularFile(tokenFile) ? Files.readString(tokenFile).strip() : null;
            } catch (IOException e) {
                token = null;
            }
        }
        if (token == null || token.isEmpty()) {
            throw new UserFacingException("No Vault token", "neither VAULT_TOKEN (BAO_TOKEN) nor ~/.vault-token is set",
                    "log in with 'bao login' / 'vault login', or set VAULT_TOKEN");
        }
        String ca = first(env, "BAO_CACERT", "VAULT_CACERT");
        return new VaultEndpoint(URI.create(addr.endsWith("/") ? addr : addr + "/"), token,
                first(env, "BAO_NAMESPACE", "VAULT_NAMESPACE"), ca == null ? null : Path.of(ca));
    }

    private static String first(Map<String, String> env, String... names) {
        for (String n : names) {
            String v = env.get(n);
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return null;
    }

    /** TLS context trusting {@code VAULT_CACERT} (plus nothing else) when set, else the JDK default. */
    SSLContext sslContext() {
        try {
            if (caCert == null) {
                return SSLContext.getDefault();
            }
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            try (InputStream in = Files.newInputStream(caCert)) {
                int i = 0;
                for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    ks.setCertificateEntry("ca" + i++, c);
                }
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new UserFacingException("Cannot use the CA certificate " + caCert, e.getMessage(),
                    "point VAULT_CACERT at the PEM file of the CA that signed Vault's certificate", e);
        }
    }

    @Override
    public String toString() {
        return "Vault at " + address + (namespace != null ? " (namespace " + namespace + ")" : "");
    }
}
