package dev.msw.secrets.local;

import dev.msw.audit.Audit;
import dev.msw.core.AppPaths;
import dev.msw.keys.LocalKeyring;
import dev.msw.secrets.AccessDeniedException;
import dev.msw.secrets.CasConflictException;
import dev.msw.secrets.Environments;
import dev.msw.secrets.MetadataSettings;
import dev.msw.secrets.PolicyAdmin;
import dev.msw.secrets.SecretEntry;
import dev.msw.secrets.SecretMetadata;
import dev.msw.secrets.SecretOperation;
import dev.msw.secrets.SecretStore;
import dev.msw.secrets.SecretVersion;
import dev.msw.secrets.SecretsException;
import dev.msw.secrets.TokenIdentity;
import dev.msw.secrets.VersionInfo;
import dev.msw.secrets.local.LocalStoreData.StoredSecret;
import dev.msw.secrets.local.LocalStoreData.StoredVersion;
import dev.msw.secrets.policy.Capability;
import dev.msw.secrets.policy.Policy;
import dev.msw.secrets.policy.PolicyEngine;
import dev.msw.secrets.policy.PolicyParser;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The embedded {@link SecretStore}: KV v2 semantics (versions, soft delete, undelete, destroy, metadata, CAS,
 * max versions) in a file encrypted with the local keyring. It acts as a <em>role</em> whose policies (Vault HCL,
 * kept inside the store) are enforced by {@link PolicyEngine} on the same API paths Vault would check, so a
 * policy behaves the same here and on a server. The built-in role {@value #OWNER} holds the root policy.
 */
public final class LocalSecretStore implements SecretStore {
    public static final String OWNER = "owner";
    public static final String FILE_NAME = "secrets.msw";
    private static final int DEFAULT_MAX_VERSIONS = 10;

    private final LocalStoreFile file;
    private final LocalKeyring keyring;
    private final boolean ownsKeyring;
    private final String role;
    private LocalStoreData data;
    private long loadedStamp;

    private LocalSecretStore(LocalStoreFile file, LocalKeyring keyring, boolean ownsKeyring, String role) {
        this.file = file;
        this.keyring = keyring;
        this.ownsKeyring = ownsKeyring;
        this.role = role;
        reload();
        if (!OWNER.equals(role) && !data.roles.containsKey(role)) {
            throw new SecretsException("The local store has no role \"" + role + "\"", "known roles: "
                    + data.roles.keySet(), "create it with 'msw policy setup-environments --store local' or "
                    + "choose one of the known roles");
        }
    }

    /** {@code MSW_SECRETS_STORE} if set, else {@value #FILE_NAME} in the config folder. */
    public static Path defaultPath() {
        String env = System.getenv("MSW_SECRETS_STORE");
        return env != null && !env.isBlank() ? Path.of(env) : AppPaths.configDir().resolve(FILE_NAME);
    }

    /**
     * Opens (or, on first save, creates) the store at {@code storePath}, encrypted with {@code keyringPath}'s key
     * {@code msw-secrets}. The keyring is created with {@code passphrase} if it does not exist yet.
     */
    public static LocalSecretStore open(Path storePath, Path keyringPath, char[] passphrase, String role) {
        LocalKeyring ring;
        try {
            ring = LocalKeyring.exists(keyringPath) ? LocalKeyring.open(keyringPath, passphrase)
                    : LocalKeyring.create(keyringPath, passphrase);
        } catch (IOException e) {
            throw new SecretsException("The keyring " + keyringPath + " cannot be opened", e.getMessage(),
                    "check the file and its permissions", e);
        }
        return new LocalSecretStore(new LocalStoreFile(storePath, ring), ring, true, role == null ? OWNER : role);
    }

    /**
     * Opens the store with a keyring that stays the caller's: {@link #close()} leaves it open (the GUI's session
     * keyring, shared by every tab).
     */
    public static LocalSecretStore open(Path storePath, LocalKeyring sharedKeyring, String role) {
        return new LocalSecretStore(new LocalStoreFile(storePath, sharedKeyring), sharedKeyring, false,
                role == null ? OWNER : role);
    }

    @Override
    public String kind() {
        return "local";
    }

    @Override
    public String describe() {
        return "local store " + file.path() + " as role " + role;
    }

    public Path path() {
        return file.path();
    }

    public String role() {
        return role;
    }

    @Override
    public synchronized Environments environments() {
        refresh();
        return new Environments(data.mount, data.environments);
    }

    /** Changes the environment names (folders of existing secrets stay where they are). Owner only. */
    public synchronized void setEnvironments(List<String> names) {
        requireOwner("change the environments");
        data.environments = new ArrayList<>(new Environments(data.mount, names).names());
        save();
    }

    @Override
    public synchronized TokenIdentity identity() {
        return new TokenIdentity("local:" + role, policyNames(), 0, false);
    }

    private List<String> policyNames() {
        return OWNER.equals(role) ? List.of("root") : data.roles.getOrDefault(role, List.of());
    }

    /** The roles defined in the store and their policies. */
    public synchronized Map<String, List<String>> roles() {
        refresh();
        return new TreeMap<>(data.roles);
    }

    /** Defines or replaces a role with the given policy names. Owner only. */
    public synchronized void putRole(String name, List<String> policies) {
        requireOwner("define roles");
        LocalKeyring.requireValidName(name);
        data.roles.put(name, List.copyOf(policies));
        save();
        Audit.record("policy-role", "local:" + name, "success", Map.of("policies", String.join(",", policies)));
    }

    /** The policy engine for this role (also used by the GUI's "why" explanation). */
    public synchronized PolicyEngine engine() {
        refresh();
        if (OWNER.equals(role)) {
            return new PolicyEngine(List.of(new Policy("root", List.of(), "")));
        }
        List<Policy> ps = new ArrayList<>();
        for (String name : policyNames()) {
            String hcl = data.policies.get(name);
            if (hcl != null) {
                ps.add(PolicyParser.parse(name, hcl));
            }
        }
        return new PolicyEngine(ps);
    }

    @Override
    public synchronized List<SecretEntry> list(String env, String folder) {
        refresh();
        Environments envs = environments();
        String f = Environments.cleanPath(folder);
        if (!f.isEmpty() && !f.endsWith("/")) {
            f = f + "/";
        }
        require(SecretOperation.LIST, envs.apiPath("metadata", env, f), null);
        String prefix = envs.logicalPath(env, f);
        TreeSet<String> folders = new TreeSet<>();
        TreeSet<String> leaves = new TreeSet<>();
        for (String key : data.secrets.keySet()) {
            if (key.startsWith(prefix)) {
                String rest = key.substring(prefix.length());
                int slash = rest.indexOf('/');
                if (slash >= 0) {
                    folders.add(rest.substring(0, slash));
                } else {
                    leaves.add(rest);
                }
            }
        }
        List<SecretEntry> out = new ArrayList<>();
        folders.forEach(n -> out.add(new SecretEntry(n, true)));
        leaves.forEach(n -> out.add(new SecretEntry(n, false)));
        return out;
    }

    @Override
    public synchronized SecretVersion read(String env, String path, int version) {
        refresh();
        String p = secretPath(path);
        require(SecretOperation.READ, environments().apiPath("data", env, p), auditTarget(env, p));
        StoredSecret s = existing(env, p, version);
        StoredVersion v = version > 0 ? findVersion(s, env, p, version) : s.versions.get(s.versions.size() - 1);
        VersionInfo info = info(s, v);
        audit("secret-read", env, p, "success", Map.of("version", String.valueOf(v.version)));
        return new SecretVersion(env, p, info.state().equals("active") ? v.data : Map.of(), info);
    }

    @Override
    public synchronized int write(String env, String path, Map<String, String> values, Integer cas) {
        refresh();
        String p = secretPath(path);
        String logical = environments().logicalPath(env, p);
        StoredSecret s = data.secrets.get(logical);
        SecretOperation op = s == null ? SecretOperation.CREATE : SecretOperation.UPDATE;
        require(op, environments().apiPath("data", env, p), auditTarget(env, p));
        int current = s == null ? 0 : s.versions.get(s.versions.size() - 1).version;
        if (s != null && s.casRequired && cas == null) {
            audit("secret-write", env, p, "conflict", Map.of());
            throw new SecretsException("Secret " + logical + " was not saved", "its metadata requires check-and-set",
                    "save it from the version you are looking at (--cas N, or --cas 0 to create)");
        }
        if (cas != null && cas != current) {
            audit("secret-write", env, p, "conflict", Map.of("cas", String.valueOf(cas)));
            throw new CasConflictException(logical, cas, current);
        }
        String now = Instant.now().toString();
        if (s == null) {
            s = new StoredSecret();
            s.created = now;
            data.secrets.put(logical, s);
        }
        StoredVersion v = new StoredVersion();
        v.version = current + 1;
        v.created = now;
        v.data = new TreeMap<>(values);
        s.versions.add(v);
        s.updated = now;
        int max = s.maxVersions > 0 ? s.maxVersions : DEFAULT_MAX_VERSIONS;
        while (s.versions.size() > max) {
            s.versions.remove(0);
        }
        save();
        audit("secret-write", env, p, "success", Map.of("version", String.valueOf(v.version), "keys",
                String.join(",", values.keySet())));
        return v.version;
    }

    @Override
    public synchronized void softDelete(String env, String path, List<Integer> versions) {
        refresh();
        String p = secretPath(path);
        Environments envs = environments();
        require(SecretOperation.SOFT_DELETE, versions.isEmpty() ? envs.apiPath("data", env, p)
                : envs.apiPath("delete", env, p), auditTarget(env, p));
        StoredSecret s = existing(env, p, 0);
        String now = Instant.now().toString();
        for (StoredVersion v : selected(s, env, p, versions)) {
            if (v.deleted == null && !v.destroyed) {
                v.deleted = now;
            }
        }
        s.updated = now;
        save();
        audit("secret-delete", env, p, "success", Map.of("versions", versions.isEmpty() ? "latest" : versions.toString()));
    }

    @Override
    public synchronized void undelete(String env, String path, List<Integer> versions) {
        refresh();
        String p = secretPath(path);
        require(SecretOperation.UNDELETE, environments().apiPath("undelete", env, p), auditTarget(env, p));
        StoredSecret s = existing(env, p, 0);
        for (StoredVersion v : selected(s, env, p, versions)) {
            if (!v.destroyed) {
                v.deleted = null;
            }
        }
        save();
        audit("secret-undelete", env, p, "success", Map.of("versions", versions.isEmpty() ? "latest" : versions.toString()));
    }

    @Override
    public synchronized void destroy(String env, String path, List<Integer> versions) {
        refresh();
        String p = secretPath(path);
        require(SecretOperation.DESTROY, environments().apiPath("destroy", env, p), auditTarget(env, p));
        StoredSecret s = existing(env, p, 0);
        for (StoredVersion v : selected(s, env, p, versions)) {
            v.destroyed = true;
            v.data = new TreeMap<>();
        }
        save();
        audit("secret-destroy", env, p, "success", Map.of("versions", versions.isEmpty() ? "latest" : versions.toString()));
    }

    @Override
    public synchronized void deleteAll(String env, String path) {
        refresh();
        String p = secretPath(path);
        require(SecretOperation.DELETE_ALL, environments().apiPath("metadata", env, p), auditTarget(env, p));
        existing(env, p, 0);
        data.secrets.remove(environments().logicalPath(env, p));
        save();
        audit("secret-delete-all", env, p, "success", Map.of());
    }

    @Override
    public synchronized SecretMetadata metadata(String env, String path) {
        refresh();
        String p = secretPath(path);
        require(SecretOperation.READ_METADATA, environments().apiPath("metadata", env, p), auditTarget(env, p));
        StoredSecret s = existing(env, p, 0);
        List<VersionInfo> infos = new ArrayList<>();
        for (int i = s.versions.size() - 1; i >= 0; i--) {
            infos.add(info(s, s.versions.get(i)));
        }
        return new SecretMetadata(s.versions.get(s.versions.size() - 1).version, s.versions.get(0).version,
                s.maxVersions, s.casRequired, s.deleteVersionAfter, s.custom, parse(s.created), parse(s.updated), infos);
    }

    @Override
    public synchronized void writeMetadata(String env, String path, MetadataSettings settings) {
        refresh();
        String p = secretPath(path);
        require(SecretOperation.WRITE_METADATA, environments().apiPath("metadata", env, p), auditTarget(env, p));
        StoredSecret s = existing(env, p, 0);
        if (settings.maxVersions() != null) {
            if (settings.maxVersions() < 0) {
                throw new SecretsException("max versions must be 0 (default 10) or more", null, null);
            }
            s.maxVersions = settings.maxVersions();
        }
        if (settings.casRequired() != null) {
            s.casRequired = settings.casRequired();
        }
        if (settings.deleteVersionAfter() != null) {
            GoDuration.parse(settings.deleteVersionAfter());
            s.deleteVersionAfter = settings.deleteVersionAfter();
        }
        if (settings.customMetadata() != null) {
            s.custom = new TreeMap<>(settings.customMetadata());
        }
        s.updated = Instant.now().toString();
        save();
        audit("secret-metadata", env, p, "success", Map.of());
    }

    @Override
    public synchronized Map<SecretOperation, Boolean> permissions(String env, String path) {
        refresh();
        PolicyEngine engine = engine();
        String p = Environments.cleanPath(path);
        Map<SecretOperation, Boolean> out = new EnumMap<>(SecretOperation.class);
        for (SecretOperation op : SecretOperation.values()) {
            String rel = op == SecretOperation.LIST ? (p.isEmpty() || p.endsWith("/") ? p : p + "/") : p;
            var granted = engine.capabilities(environments().apiPath(op.section(), env, rel)).grantedCapabilities();
            out.put(op, op.allowedBy(granted));
        }
        return out;
    }

    /** Policies kept in the store; editing them needs the owner role. */
    public PolicyAdmin policies() {
        return new LocalPolicyAdmin(this);
    }

    synchronized List<String> policyList() {
        refresh();
        return List.copyOf(data.policies.keySet());
    }

    synchronized String policyText(String name) {
        refresh();
        String hcl = data.policies.get(name);
        if (hcl == null) {
            throw new SecretsException("No policy \"" + name + "\" in the local store", null, "list the policies");
        }
        return hcl;
    }

    synchronized void putPolicy(String name, String hcl) {
        requireOwner("edit policies");
        PolicyParser.parse(name, hcl);
        data.policies.put(name, hcl);
        save();
        Audit.record("policy-write", "local:" + name, "success", Map.of("store", file.path().toString()));
    }

    synchronized void removePolicy(String name) {
        requireOwner("delete policies");
        data.policies.remove(name);
        save();
        Audit.record("policy-delete", "local:" + name, "success", Map.of("store", file.path().toString()));
    }

    @Override
    public void close() {
        if (ownsKeyring) {
            keyring.close();
        }
    }

    // ---- internals -----------------------------------------------------------------------------------------

    private void require(SecretOperation op, String apiPath, String auditTarget) {
        PolicyEngine engine = engine();
        boolean ok = op.anyOf().stream().anyMatch(c -> engine.allows(apiPath, c));
        if (!ok) {
            if (auditTarget != null) {
                Audit.record(actionFor(op), auditTarget, "denied", Map.of("store", "local", "identity", "local:" + role));
            }
            throw new AccessDeniedException(policyNames(), op.capabilityName(), apiPath);
        }
    }

    private static String actionFor(SecretOperation op) {
        return switch (op) {
            case READ, LIST, READ_METADATA -> "secret-read";
            case CREATE, UPDATE, WRITE_METADATA -> "secret-write";
            default -> "secret-delete";
        };
    }

    private void requireOwner(String what) {
        if (!OWNER.equals(role)) {
            throw new AccessDeniedException(policyNames(), "sudo", "local store: " + what);
        }
    }

    private StoredSecret existing(String env, String p, int version) {
        StoredSecret s = data.secrets.get(environments().logicalPath(env, p));
        if (s == null || s.versions.isEmpty()) {
            throw new SecretsException("No secret " + environments().logicalPath(env, p) + (version > 0 ? " version "
                    + version : "") + " in the local store", "it does not exist",
                    "check the environment and path (msw secrets ls " + env + " --store local)");
        }
        return s;
    }

    private StoredVersion findVersion(StoredSecret s, String env, String p, int version) {
        for (StoredVersion v : s.versions) {
            if (v.version == version) {
                return v;
            }
        }
        throw new SecretsException("No version " + version + " of " + environments().logicalPath(env, p),
                "the secret keeps versions " + s.versions.get(0).version + " to "
                        + s.versions.get(s.versions.size() - 1).version, "pick one of those (msw secrets history)");
    }

    private List<StoredVersion> selected(StoredSecret s, String env, String p, List<Integer> versions) {
        if (versions.isEmpty()) {
            return List.of(s.versions.get(s.versions.size() - 1));
        }
        List<StoredVersion> out = new ArrayList<>();
        for (int n : versions) {
            out.add(findVersion(s, env, p, n));
        }
        return out;
    }

    private static VersionInfo info(StoredSecret s, StoredVersion v) {
        Instant created = parse(v.created);
        Instant deleted = parse(v.deleted);
        Duration after = GoDuration.parse(s.deleteVersionAfter);
        if (deleted == null && !after.isZero() && created != null && created.plus(after).isBefore(Instant.now())) {
            deleted = created.plus(after);
        }
        return new VersionInfo(v.version, created, deleted, v.destroyed);
    }

    private static Instant parse(String s) {
        return s == null ? null : Instant.parse(s);
    }

    private String secretPath(String path) {
        String p = Environments.cleanPath(path);
        if (p.isEmpty() || p.endsWith("/")) {
            throw new SecretsException("\"" + path + "\" is a folder, not a secret", null, "name a secret inside it");
        }
        return p;
    }

    private String auditTarget(String env, String p) {
        return "local:" + data.mount + ":" + environments().logicalPath(env, p);
    }

    private void audit(String action, String env, String p, String outcome, Map<String, String> details) {
        Map<String, String> d = new LinkedHashMap<>(details);
        d.put("store", "local");
        d.put("identity", "local:" + role);
        Audit.record(action, auditTarget(env, p), outcome, d);
    }

    private void reload() {
        data = file.load();
        loadedStamp = file.lastModified();
    }

    /** Picks up changes another msw process saved (the CLI while the GUI is open). */
    private void refresh() {
        if (file.lastModified() != loadedStamp) {
            reload();
        }
    }

    private void save() {
        file.save(data);
        loadedStamp = file.lastModified();
    }
}
