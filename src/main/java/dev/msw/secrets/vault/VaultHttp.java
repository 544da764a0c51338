package dev.msw.secrets.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.msw.secrets.SecretsException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The HTTP side of the Vault API for the calls vault-java-driver lacks (KV v2 metadata, undelete/destroy, CAS,
 * policies, capabilities): {@code java.net.http.HttpClient} + Jackson, with the CA certificate or skip-verify
 * from {@link VaultSettings} and the namespace header. Never logs request bodies or tokens.
 */
public final class VaultHttp {
    static final ObjectMapper JSON = new ObjectMapper();

    /** Status and parsed body (an empty object for 204). */
    public record Answer(int status, JsonNode body) {
        public boolean ok() {
            return status / 100 == 2;
        }

        /** Vault's "errors" array joined, for messages. */
        public String errors() {
            StringBuilder sb = new StringBuilder();
            body.path("errors").forEach(e -> sb.append(sb.length() > 0 ? "; " : "").append(e.asText()));
            return sb.length() == 0 ? "HTTP " + status : sb.toString();
        }
    }

    private final VaultSettings settings;
    private final HttpClient http;
    private volatile String token;

    public VaultHttp(VaultSettings settings) {
        if (!settings.configured()) {
            throw new SecretsException("No Vault address is set", "VAULT_ADDR (or BAO_ADDR) is empty",
                    "set VAULT_ADDR=https://vault.example:8200, or use the local store (--store local)");
        }
        this.settings = settings;
        this.token = settings.token();
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).sslContext(sslContext(settings))
                .build();
    }

    public VaultSettings settings() {
        return settings;
    }

    /** The shared client, also handed to vault-java-driver so both use the same TLS setup. */
    HttpClient client() {
        return http;
    }

    public String token() {
        return token;
    }

    public void useToken(String newToken) {
        this.token = newToken;
    }

    public Answer get(String path) {
        return call("GET", path, null);
    }

    public Answer list(String path) {
        return call("LIST", path, null);
    }

    public Answer post(String path, Object body) {
        return call("POST", path, body);
    }

    public Answer delete(String path) {
        return call("DELETE", path, null);
    }

    public Answer call(String method, String path, Object body) {
        String url = settings.address() + "/v1/" + (path.startsWith("/") ? path.substring(1) : path);
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
            if (token != null) {
                b.header("X-Vault-Token", token);
            }
            if (settings.namespace() != null && !settings.namespace().isBlank()) {
                b.header("X-Vault-Namespace", settings.namespace());
            }
            b.header("X-Vault-Request", "true");
            if (body != null) {
                b.header("Content-Type", "application/json");
                b.method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            } else {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            String text = r.body();
            JsonNode node;
            try {
                node = text == null || text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
            } catch (IOException notJson) {
                node = JSON.createObjectNode().set("errors", JSON.createArrayNode().add(text.strip()));
            }
            return new Answer(r.statusCode(), node);
        } catch (ConnectException e) {
            throw new SecretsException("Cannot reach Vault at " + settings.address(), "the connection was refused",
                    "check VAULT_ADDR and that the server is running", e);
        } catch (HttpTimeoutException e) {
            throw new SecretsException("Vault at " + settings.address() + " did not answer", "timed out after 30 s",
                    "check the network and the server's health", e);
        } catch (javax.net.ssl.SSLException e) {
            throw new SecretsException("TLS with " + settings.address() + " failed", e.getMessage(),
                    "set VAULT_CACERT to the server's CA certificate (or VAULT_SKIP_VERIFY=true for a test server)", e);
        } catch (IOException e) {
            throw new SecretsException("Talking to Vault at " + settings.address() + " failed", e.getMessage(),
                    "check the address and the network", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SecretsException("Interrupted while talking to Vault", null, "try again", e);
        }
    }

    private static SSLContext sslContext(VaultSettings s) {
        try {
            if (s.skipVerify()) {
                SSLContext ctx = SSLContext.getInstance("TLS");
                ctx.init(null, new TrustManager[] {new TrustEverything()}, new SecureRandom());
                return ctx;
            }
            if (s.caCert() != null) {
                KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
                ks.load(null, null);
                try (InputStream in = Files.newInputStream(s.caCert())) {
                    int i = 0;
                    for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                        ks.setCertificateEntry("ca-" + i++, c);
                    }
                }
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(ks);
                SSLContext ctx = SSLContext.getInstance("TLS");
                ctx.init(null, tmf.getTrustManagers(), new SecureRandom());
                return ctx;
            }
            return SSLContext.getDefault();
        } catch (IOException | GeneralSecurityException e) {
            throw new SecretsException("The CA certificate " + s.caCert() + " cannot be used", e.getMessage(),
                    "point VAULT_CACERT at a PEM file with the server's CA certificate", e);
        }
    }

    /** Only for VAULT_SKIP_VERIFY, which the user chose explicitly (test servers). */
    private static final class TrustEverything implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
