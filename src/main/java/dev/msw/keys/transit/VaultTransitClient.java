package dev.msw.keys.transit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.msw.core.UserFacingException;
import dev.msw.keys.KeyInfo;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Transit secrets engine over its HTTP API (vault-java-driver has no Transit support): keys, versions,
 * rotation, minimum versions, and the encrypt / decrypt / rewrap / datakey calls. Errors name the path, the
 * HTTP status and Vault's own message, and say what to do (log in, ask for a policy, create the key).
 */
public final class VaultTransitClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CIPHERTEXT = Pattern.compile("vault:v(\\d+):[A-Za-z0-9+/=]+");

    private final VaultEndpoint endpoint;
    private final String mount;
    private final HttpClient http;

    public VaultTransitClient(VaultEndpoint endpoint, String mount) {
        this.endpoint = endpoint;
        this.mount = mount == null || mount.isBlank() ? "transit" : mount.replaceAll("^/+|/+$", "");
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).sslContext(endpoint.sslContext()).build();
    }

    public String mount() {
        return mount;
    }

    private volatile String identity;

    /** Who the token belongs to (its display name, e.g. "userpass-ann"), for the audit log; null if not readable. */
    public String identity() {
        if (identity == null) {
            try {
                JsonNode r = call("GET", "auth/token/lookup-self", null, true);
                String name = r == null ? "" : r.path("data").path("display_name").asText("");
                identity = name.isEmpty() ? "" : "vault:" + name;
            } catch (IOException | UserFacingException e) {
                identity = "";
            }
        }
        return identity.isEmpty() ? null : identity;
    }

    public VaultEndpoint endpoint() {
        return endpoint;
    }

    /** The key version a Transit ciphertext was made with ({@code vault:v3:…} → 3). */
    public static int versionOf(String ciphertext) {
        Matcher m = CIPHERTEXT.matcher(ciphertext);
        if (!m.matches()) {
            throw new UserFacingException("Not a Vault Transit ciphertext", "it does not look like vault:vN:…",
                    "the stanza is damaged; open the file with another of its keys");
        }
        return Integer.parseInt(m.group(1));
    }

    public List<String> listKeys() throws IOException {
        JsonNode r = call("LIST", mount + "/keys", null, true);
        List<String> out = new ArrayList<>();
        if (r != null) {
            r.path("data").path("keys").forEach(k -> out.add(k.asText()));
        }
        return out;
    }

    public void createKey(String name) throws IOException {
        ObjectNode body = JSON.createObjectNode().put("type", "aes256-gcm96");
        call("POST", mount + "/keys/" + name, body, false);
    }

    /** Versions, creation times and minimum versions; null when the key does not exist. */
    public KeyInfo readKey(String name) throws IOException {
        JsonNode r = call("GET", mount + "/keys/" + name, null, true);
        if (r == null) {
            return null;
        }
        JsonNode d = r.path("data");
        List<KeyInfo.Version> versions = new ArrayList<>();
        d.path("keys").fields().forEachRemaining(e -> versions.add(new KeyInfo.Version(Integer.parseInt(e.getKey()),
                created(e.getValue()))));
        versions.sort(Comparator.comparingInt(KeyInfo.Version::version));
        return new KeyInfo(name, "vault", versions, d.path("latest_version").asInt(), d.path("min_decryption_version").asInt(1),
                d.path("min_encryption_version").asInt(0));
    }

    private static Instant created(JsonNode v) {
        if (v.isNumber()) {
            return Instant.ofEpochSecond(v.asLong());
        }
        String s = v.isObject() ? v.path("creation_time").asText() : v.asText();
        try {
            return Instant.parse(s);
        } catch (RuntimeException e) {
            return Instant.EPOCH;
        }
    }

    public void rotate(String name) throws IOException {
        call("POST", mount + "/keys/" + name + "/rotate", JSON.createObjectNode(), false);
    }

    /** Sets the minimum decryption and/or encryption version; a negative value leaves that one unchanged. */
    public void configure(String name, int minDecryption, int minEncryption) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        if (minDecryption >= 0) {
            body.put("min_decryption_version", minDecryption);
        }
        if (minEncryption >= 0) {
            body.put("min_encryption_version", minEncryption);
        }
        call("POST", mount + "/keys/" + name + "/config", body, false);
    }

    /** A fresh data key: plaintext (base64) and its ciphertext under the key's latest version. */
    public record DataKey(String plaintextBase64, String ciphertext) {
        @Override
        public String toString() {
            return "DataKey[" + ciphertext + "]";
        }
    }

    public DataKey dataKey(String name, int bits) throws IOException {
        JsonNode d = call("POST", mount + "/datakey/plaintext/" + name, JSON.createObjectNode().put("bits", bits), false)
                .path("data");
        return new DataKey(d.path("plaintext").asText(), d.path("ciphertext").asText());
    }

    public String encrypt(String name, String plaintextBase64) throws IOException {
        return call("POST", mount + "/encrypt/" + name, JSON.createObjectNode().put("plaintext", plaintextBase64), false)
                .path("data").path("ciphertext").asText();
    }

    /** Base64 plaintext. */
    public String decrypt(String name, String ciphertext) throws IOException {
        return call("POST", mount + "/decrypt/" + name, JSON.createObjectNode().put("ciphertext", ciphertext), false)
                .path("data").path("plaintext").asText();
    }

    /** Re-encrypts {@code ciphertext} under the latest version inside Vault: the plaintext never leaves it. */
    public String rewrap(String name, String ciphertext) throws IOException {
        return call("POST", mount + "/rewrap/" + name, JSON.createObjectNode().put("ciphertext", ciphertext), false)
                .path("data").path("ciphertext").asText();
    }

    /** Calls the API; returns null for 404 when {@code allowMissing}. */
    private JsonNode call(String method, String path, JsonNode body, boolean allowMissing) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(endpoint.address().resolve("v1/" + path))
                .timeout(Duration.ofSeconds(30)).header("X-Vault-Token", endpoint.token()).header("X-Vault-Request", "true");
        if (endpoint.namespace() != null) {
            b.header("X-Vault-Namespace", endpoint.namespace());
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        HttpResponse<String> r;
        try {
            r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException | HttpTimeoutException e) {
            throw new UserFacingException("Cannot reach " + endpoint, "the connection failed (" + e.getClass().getSimpleName() + ")",
                    "check VAULT_ADDR and that the server is running", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling Vault", e);
        }
        int status = r.statusCode();
        if (status == 204) {
            return JSON.createObjectNode();
        }
        JsonNode json = r.body() == null || r.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.body());
        if (status / 100 == 2) {
            return json;
        }
        if (status == 404 && allowMissing) {
            return null;
        }
        List<String> errors = new ArrayList<>();
        json.path("errors").forEach(e -> errors.add(e.asText()));
        String why = "Vault answered HTTP " + status + (errors.isEmpty() ? "" : ": " + String.join("; ", errors));
        String what = "Vault Transit call " + method + " " + path + " failed";
        if (status == 403) {
            throw new UserFacingException(what, why + " (permission denied)",
                    "ask an admin for a policy granting this path to your token, or log in again if the token expired");
        }
        if (status == 404 || (status == 400 && errors.stream().anyMatch(e -> e.contains("not found")))) {
            throw new UserFacingException(what, why, "check the key name and that Transit is mounted at '" + mount + "/'");
        }
        throw new UserFacingException(what, why, "fix the request or the key's configuration and try again");
    }
}
