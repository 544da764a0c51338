package dev.msw.secrets.local;

import dev.msw.secrets.Environments;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The plaintext document inside the encrypted local store (serialised as JSON; only ever held in memory). */
final class LocalStoreData {
    public String format = "msw-secrets/1";
    public String mount = "secret";
    public List<String> environments = new ArrayList<>(Environments.DEFAULT_NAMES);
    /** Policy name → HCL text. */
    public Map<String, String> policies = new TreeMap<>();
    /** Role (the local stand-in for a user or token) → policy names. */
    public Map<String, List<String>> roles = new TreeMap<>();
    /** Logical path ({@code production/db}) → secret. */
    public Map<String, StoredSecret> secrets = new TreeMap<>();

    static final class StoredSecret {
        public int maxVersions;
        public boolean casRequired;
        public String deleteVersionAfter = "0s";
        public Map<String, String> custom = new TreeMap<>();
        public String created;
        public String updated;
        public List<StoredVersion> versions = new ArrayList<>();
    }

    static final class StoredVersion {
        public int version;
        public String created;
        public String deleted;
        public boolean destroyed;
        public Map<String, String> data = new TreeMap<>();
    }
}
