package dev.msw.secrets.vault;

import com.fasterxml.jackson.databind.JsonNode;
import dev.msw.audit.Audit;
import dev.msw.secrets.AccessDeniedException;
import dev.msw.secrets.CasConflictException;
import dev.msw.secrets.Environments;
import dev.msw.secrets.MetadataSettings;
import dev.msw.secrets.SecretEntry;
import dev.msw.secrets.SecretMetadata;
import dev.msw.secrets.SecretOperation;
import dev.msw.secrets.SecretStore;
import dev.msw.secrets.SecretVersion;
import dev.msw.secrets.SecretsException;
import dev.msw.secrets.TokenIdentity;
import dev.msw.secrets.VersionInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link SecretStore} on a Vault/OpenBao KV v2 mount, through the HTTP API (the driver's KV calls cannot do CAS,
 * metadata, undelete or destroy, and its delete destroys everything). Permissions come from
 * {@code sys/capabilities-self}, the server's own answer.
 */
public final class VaultSecretStore implements SecretStore {
    private final VaultSession session;
    private final Environments environments;

    public VaultSecretStore(VaultSession session, Environments environments) {
        this.session = session;
        this.environments = environments;
    }

    public VaultSession session() {
        return session;
    }

    @Override
    public String kind() {
        return "vault";
    }

    @Override
    public String describe() {
        return "Vault at " + session.http().settings().address() + " (mount " + environments.mount() + ")";
    }

    @Override
    public Environments environments() {
        return environments;
    }

    @Override
    public TokenIdentity identity() {
        return session.identity();
    }

    private VaultHttp http() {
        return session.http();
    }

    @Override
    public List<SecretEntry> list(String env, String folder) {
        String f = Environments.cleanPath(folder);
        String api = environments.apiPath("metadata", env, f.isEmpty() || f.endsWith("/") ? f : f + "/");
        VaultHttp.Answer a = http().list(api);
        if (a.status() == 404) {
            return List.of();
        }
        check(a, SecretOperation.LIST, api);
        List<SecretEntry> out = new ArrayList<>();
        a.body().path("data").path("keys").forEach(k -> out.add(SecretEntry.fromListKey(k.asText())));
        out.sort((x, y) -> x.folder() != y.folder() ? (x.folder() ? -1 : 1) : x.name().compareTo(y.name()));
        return out;
    }

    @Override
    public SecretVersion read(String env, String path, int version) {
        String p = requireSecretPath(path);
        String api = environments.apiPath("data", env, p);
        VaultHttp.Answer a = http().get(api + (version > 0 ? "?version=" + version : ""));
        JsonNode meta = a.body().path("data").path("metadata");
        if (a.status() == 404 && meta.isObject()) {
            // a deleted or destroyed version: Vault answers 404 but still sends its metadata
            audit("secret-read", env, p, "success", Map.of("version", meta.path("version").asText()));
            return new SecretVersion(env, p, Map.of(), versionInfo(meta.path("version").asInt(), meta));
        }
        if (a.status() == 404) {
            throw notFound(env, p, version);
        }
        check(a, SecretOperation.READ, api);
        Map<String, String> data = new LinkedHashMap<>();
        a.body().path("data").path("data").fields().forEachRemaining(e -> data.put(e.getKey(),
                e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
        audit("secret-read", env, p, "success", Map.of("version", meta.path("version").asText()));
        return new SecretVersion(env, p, data, versionInfo(meta.path("version").asInt(), meta));
    }

    @Override
    public int write(String env, String path, Map<String, String> data, Integer cas) {
        String p = requireSecretPath(path);
        String api = environments.apiPath("data", env, p);
        Map<String, Object> body = new LinkedHashMap<>();
        if (cas != null) {
            body.put("options", Map.of("cas", cas));
        }
        body.put("data", data);
        VaultHttp.Answer a = http().post(api, body);
        if (a.status() == 400 && a.errors().contains("check-and-set")) {
            audit("secret-write", env, p, "conflict", Map.of("cas", String.valueOf(cas)));
            if (cas == null) {
                throw new SecretsException("Secret " + environments.logicalPath(env, p) + " was not saved",
                        "its metadata requires check-and-set", "save it from the version you are looking at "
                                + "(--cas N, or --cas 0 to create)");
            }
            throw new CasConflictException(environments.logicalPath(env, p), cas, currentVersionOrUnknown(env, p));
        }
        if (a.status() == 403) {
            audit("secret-write", env, p, "denied", Map.of());
            throw denied(SecretOperation.UPDATE, api);
        }
        check(a, SecretOperation.UPDATE, api);
        int v = a.body().path("data").path("version").asInt();
        audit("secret-write", env, p, "success", Map.of("version", String.valueOf(v), "keys",
                String.join(",", data.keySet())));
        return v;
    }

    @Override
    public void softDelete(String env, String path, List<Integer> versions) {
        String p = requireSecretPath(path);
        VaultHttp.Answer a;
        String api;
        if (versions.isEmpty()) {
            api = environments.apiPath("data", env, p);
            a = http().delete(api);
            check(a, SecretOperation.SOFT_DELETE, environments.apiPath("data", env, p));
        } else {
            api = environments.apiPath("delete", env, p);
            a = http().post(api, Map.of("versions", versions));
            check(a, SecretOperation.SOFT_DELETE, api);
        }
        audit("secret-delete", env, p, "success", Map.of("versions", versions.isEmpty() ? "latest" : versions.toString()));
    }

    @Override
    public void undelete(String env, String path, List<Integer> versions) {
        String p = requireSecretPath(path);
        List<Integer> vs = versions.isEmpty() ? List.of(metadata(env, p).currentVersion()) : versions;
        String api = environments.apiPath("undelete", env, p);
        check(http().post(api, Map.of("versions", vs)), SecretOperation.UNDELETE, api);
        audit("secret-undelete", env, p, "success", Map.of("versions", vs.toString()));
    }

    @Override
    public void destroy(String env, String path, List<Integer> versions) {
        String p = requireSecretPath(path);
        List<Integer> vs = versions.isEmpty() ? List.of(metadata(env, p).currentVersion()) : versions;
        String api = environments.apiPath("destroy", env, p);
        check(http().post(api, Map.of("versions", vs)), SecretOperation.DESTROY, api);
        audit("secret-destroy", env, p, "success", Map.of("versions", vs.toString()));
    }

    @Override
    public void deleteAll(String env, String path) {
        String p = requireSecretPath(path);
        String api = environments.apiPath("metadata", env, p);
        check(http().delete(api), SecretOperation.DELETE_ALL, api);
        audit("secret-delete-all", env, p, "success", Map.of());
    }

    @Override
    public SecretMetadata metadata(String env, String path) {
        String p = requireSecretPath(path);
        String api = environments.apiPath("metadata", env, p);
        VaultHttp.Answer a = http().get(api);
        if (a.status() == 404) {
            throw notFound(env, p, 0);
        }
        check(a, SecretOperation.READ_METADATA, api);
        JsonNode d = a.body().path("data");
        List<VersionInfo> versions = new ArrayList<>();
        d.path("versions").fields().forEachRemaining(e -> versions.add(versionInfo(Integer.parseInt(e.getKey()),
                e.getValue())));
        versions.sort((x, y) -> Integer.compare(y.version(), x.version()));
        Map<String, String> custom = new LinkedHashMap<>();
        d.path("custom_metadata").fields().forEachRemaining(e -> custom.put(e.getKey(), e.getValue().asText()));
        return new SecretMetadata(d.path("current_version").asInt(), d.path("oldest_version").asInt(),
                d.path("max_versions").asInt(), d.path("cas_required").asBoolean(),
                d.path("delete_version_after").asText("0s"), custom, time(d.path("created_time")),
                time(d.path("updated_time")), versions);
    }

    @Override
    public void writeMetadata(String env, String path, MetadataSettings s) {
        String p = requireSecretPath(path);
        String api = environments.apiPath("metadata", env, p);
        Map<String, Object> body = new LinkedHashMap<>();
        if (s.maxVersions() != null) {
            body.put("max_versions", s.maxVersions());
        }
        if (s.casRequired() != null) {
            body.put("cas_required", s.casRequired());
        }
        if (s.deleteVersionAfter() != null) {
            body.put("delete_version_after", s.deleteVersionAfter());
        }
        if (s.customMetadata() != null) {
            body.put("custom_metadata", s.customMetadata());
        }
        VaultHttp.Answer a = http().post(api, body);
        if (a.status() == 400) {
            throw new SecretsException("The metadata of " + environments.logicalPath(env, p) + " was not saved",
                    a.errors(), "check the values (durations look like 30m, 24h, 0s)");
        }
        check(a, SecretOperation.WRITE_METADATA, api);
        audit("secret-metadata", env, p, "success", Map.of());
    }

    @Override
    public Map<SecretOperation, Boolean> permissions(String env, String path) {
        String p = Environments.cleanPath(path);
        Map<SecretOperation, String> apiPaths = new EnumMap<>(SecretOperation.class);
        for (SecretOperation op : SecretOperation.values()) {
            String rel = op == SecretOperation.LIST ? (p.isEmpty() || p.endsWith("/") ? p : p + "/") : p;
            apiPaths.put(op, environments.apiPath(op.section(), env, rel));
        }
        VaultHttp.Answer a = http().post("sys/capabilities-self", Map.of("paths", new HashSet<>(apiPaths.values())));
        if (!a.ok()) {
            throw new SecretsException("Cannot read the token's capabilities", a.errors(),
                    "check that the token has the default policy (it grants sys/capabilities-self)");
        }
        Map<SecretOperation, Boolean> out = new EnumMap<>(SecretOperation.class);
        apiPaths.forEach((op, api) -> {
            Set<String> caps = new HashSet<>();
            a.body().path("data").path(api).forEach(n -> caps.add(n.asText()));
            boolean root = caps.contains("root");
            out.put(op, root || op.anyOf().stream().anyMatch(c -> caps.contains(c.apiName())));
        });
        return out;
    }

    /** The same session with other environment names (the connection settings' "environments"). */
    public VaultSecretStore withEnvironments(Environments envs) {
        return new VaultSecretStore(session, envs);
    }

    /** Raw {@code sys/capabilities-self} for arbitrary API paths (the Policies view's "check a path"). */
    public List<String> capabilitiesSelf(String apiPath) {
        VaultHttp.Answer a = http().post("sys/capabilities-self", Map.of("paths", List.of(apiPath)));
        if (!a.ok()) {
            throw new SecretsException("Cannot read the token's capabilities on " + apiPath, a.errors(), null);
        }
        List<String> caps = new ArrayList<>();
        a.body().path("data").path(apiPath).forEach(n -> caps.add(n.asText()));
        return caps;
    }

    @Override
    public void close() {
        // the HTTP client holds no resources that need closing on Java 17
    }

    private int currentVersionOrUnknown(String env, String p) {
        try {
            return metadata(env, p).currentVersion();
        } catch (SecretsException e) {
            return -1;
        }
    }

    private void check(VaultHttp.Answer a, SecretOperation op, String api) {
        if (a.ok()) {
            return;
        }
        if (a.status() == 403) {
            throw denied(op, api);
        }
        throw new SecretsException(op.label() + " on " + api + " failed", a.errors(),
                "check the path and that the mount \"" + environments.mount() + "\" is a KV v2 engine");
    }

    private AccessDeniedException denied(SecretOperation op, String api) {
        TokenIdentity id = session.identity();
        Audit.record("secret-access-denied", api, "denied", Map.of("store", "vault", "operation", op.label(),
                "identity", id == null ? "?" : id.displayName()));
        return new AccessDeniedException(id == null ? List.of() : id.policies(), op.capabilityName(), api);
    }

    private SecretsException notFound(String env, String p, int version) {
        return new SecretsException("No secret " + environments.logicalPath(env, p) + (version > 0 ? " version "
                + version : "") + " in mount " + environments.mount(), "it does not exist",
                "check the environment and path (msw secrets ls " + env + ")");
    }

    private static String requireSecretPath(String path) {
        String p = Environments.cleanPath(path);
        if (p.isEmpty() || p.endsWith("/")) {
            throw new SecretsException("\"" + path + "\" is a folder, not a secret", null, "name a secret inside it");
        }
        return p;
    }

    private void audit(String action, String env, String p, String outcome, Map<String, String> details) {
        Map<String, String> d = new LinkedHashMap<>(details);
        d.put("store", "vault");
        d.put("identity", session.identity() == null ? "?" : session.identity().displayName());
        Audit.record(action, environments.mount() + ":" + environments.logicalPath(env, p), outcome, d);
    }

    static VersionInfo versionInfo(int version, JsonNode m) {
        return new VersionInfo(version, time(m.path("created_time")), time(m.path("deletion_time")),
                m.path("destroyed").asBoolean());
    }

    private static Instant time(JsonNode n) {
        String s = n.asText("");
        if (s.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
