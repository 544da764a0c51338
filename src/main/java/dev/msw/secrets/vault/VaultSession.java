package dev.msw.secrets.vault;

import dev.msw.audit.Audit;
import dev.msw.secrets.SecretsException;
import dev.msw.secrets.TokenIdentity;
import io.github.jopenlibs.vault.EnvironmentLoader;
import io.github.jopenlibs.vault.SslConfig;
import io.github.jopenlibs.vault.Vault;
import io.github.jopenlibs.vault.VaultConfig;
import io.github.jopenlibs.vault.VaultException;
import io.github.jopenlibs.vault.response.AuthResponse;
import io.github.jopenlibs.vault.response.LookupResponse;
import java.util.List;
import java.util.Map;

/**
 * An authenticated connection to Vault/OpenBao. Logins, token lookup and renewal go through vault-java-driver
 * (which has these calls); everything else through {@link VaultHttp}. The driver is configured explicitly, never
 * from its own environment lookup, so {@code BAO_*} variables and our TLS settings apply.
 */
public final class VaultSession {
    /** Warn when the token has less than this left. */
    public static final long EXPIRY_WARNING_SECONDS = 15 * 60;

    private final VaultHttp http;
    private volatile TokenIdentity identity;

    private VaultSession(VaultHttp http) {
        this.http = http;
    }

    /** Logs in (if needed) and looks the token up; fails with a person-readable message. */
    public static VaultSession open(VaultSettings settings, VaultLogin login) {
        VaultHttp http = new VaultHttp(settings);
        VaultSession s = new VaultSession(http);
        if (login instanceof VaultLogin.Token t) {
            http.useToken(t.token() != null ? t.token() : settings.token());
        } else if (login instanceof VaultLogin.UserPass u) {
            {
                try {
                    AuthResponse r = s.driver(null).auth().loginByUserPass(u.username(), new String(u.password()),
                            u.mount());
                    http.useToken(r.getAuthClientToken());
                } catch (VaultException e) {
                    if (isTlsFailure(e)) {
                        throw tlsFailure(settings, e);
                    }
                    throw loginFailed("userpass user \"" + u.username() + "\"", e);
                } finally {
                    u.clear();
                }
            }
        } else if (login instanceof VaultLogin.AppRole a) {
            {
                try {
                    AuthResponse r = s.driver(null).auth().loginByAppRole(a.mount(), a.roleId(),
                            new String(a.secretId()));
                    http.useToken(r.getAuthClientToken());
                } catch (VaultException e) {
                    if (isTlsFailure(e)) {
                        throw tlsFailure(settings, e);
                    }
                    throw loginFailed("AppRole " + a.roleId(), e);
                } finally {
                    a.clear();
                }
            }
        }
        if (http.token() == null || http.token().isBlank()) {
            throw new SecretsException("No Vault token", "VAULT_TOKEN is unset and ~/.vault-token is missing",
                    "log in with userpass or AppRole, or set VAULT_TOKEN");
        }
        s.lookupSelf();
        Audit.record("vault-login", settings.address(), "success", Map.of("method", login.getClass().getSimpleName(),
                "identity", s.identity.displayName()));
        return s;
    }

    public VaultHttp http() {
        return http;
    }

    public TokenIdentity identity() {
        return identity;
    }

    /** auth/token/lookup-self: display name, policies, remaining TTL. */
    public TokenIdentity lookupSelf() {
        try {
            LookupResponse r = driver(http.token()).auth().lookupSelf();
            identity = new TokenIdentity(r.getDisplayName(), r.getPolicies() == null ? List.of() : r.getPolicies(),
                    r.getTTL(), r.isRenewable());
            return identity;
        } catch (VaultException e) {
            if (isTlsFailure(e)) {
                throw tlsFailure(http.settings(), e);
            }
            if (e.getHttpStatusCode() == 403) {
                throw new SecretsException("Vault at " + http.settings().address() + " rejected the token",
                        "it is expired, revoked or wrong", "log in again or set a valid VAULT_TOKEN", e);
            }
            throw new SecretsException("Cannot look up the token at " + http.settings().address(),
                    e.getMessage(), "check VAULT_ADDR and the token", e);
        }
    }

    /** auth/token/renew-self; returns the refreshed identity. */
    public TokenIdentity renewSelf() {
        if (identity != null && !identity.renewable()) {
            throw new SecretsException("The token cannot be renewed", "it is not renewable (or never expires)",
                    "log in again before it expires");
        }
        try {
            driver(http.token()).auth().renewSelf();
        } catch (VaultException e) {
            throw new SecretsException("Renewing the token failed", e.getMessage(), "log in again", e);
        }
        return lookupSelf();
    }

    /** A warning to show, or null when the token has plenty of time left. */
    public String expiryWarning() {
        TokenIdentity id = identity;
        if (id != null && id.expiresWithin(EXPIRY_WARNING_SECONDS)) {
            return "Your Vault token expires in " + Math.max(0, id.ttlSeconds() / 60) + " min"
                    + (id.renewable() ? ": renew it now." : " and cannot be renewed: log in again.");
        }
        return null;
    }

    private Vault driver(String token) throws VaultException {
        VaultSettings s = http.settings();
        VaultConfig c = new VaultConfig().environmentLoader(new NoEnvironment()).address(s.address())
                .httpClient(http.client()).sslConfig(new SslConfig().verify(!s.skipVerify()).build())
                .engineVersion(1);
        if (token != null) {
            c.token(token);
        }
        if (s.namespace() != null && !s.namespace().isBlank()) {
            c.nameSpace(s.namespace());
        }
        return Vault.create(c.build());
    }

    private static boolean isTlsFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof javax.net.ssl.SSLException || String.valueOf(t.getMessage()).contains("SSLHandshakeException")
                    || String.valueOf(t.getMessage()).contains("PKIX path")) {
                return true;
            }
        }
        return false;
    }

    private static SecretsException tlsFailure(VaultSettings s, Throwable e) {
        return new SecretsException("TLS with " + s.address() + " failed", "the server's certificate is not trusted"
                + (s.caCert() == null ? " (no CA certificate is configured)" : " by " + s.caCert()),
                "set VAULT_CACERT (or BAO_CACERT) to the server's CA certificate, or VAULT_SKIP_VERIFY=true for a "
                        + "test server", e);
    }

    private static SecretsException loginFailed(String who, VaultException e) {
        Audit.record("vault-login", who, "failure", Map.of("status", String.valueOf(e.getHttpStatusCode())));
        return new SecretsException("Login as " + who + " failed", e.getHttpStatusCode() == 400
                || e.getHttpStatusCode() == 403 ? "the server refused the credentials" : e.getMessage(),
                "check the credentials and the auth mount path", e);
    }

    /** Keeps the driver from reading VAULT_* on its own (BAO_* must win, and we pass everything explicitly). */
    private static final class NoEnvironment extends EnvironmentLoader {
        @Override
        public String loadVariable(String name) {
            return null;
        }
    }
}
