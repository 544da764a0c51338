package dev.msw.secrets.vault;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.msw.audit.Audit;
import dev.msw.core.AppPaths;
import dev.msw.core.AtomicOutput;
import dev.msw.secrets.SecretsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Saved Vault connections ({@code vault-profiles.json} in the config folder): address, namespace, CA certificate,
 * skip-verify, auth method, user name or role id, mount and environments. By construction a profile has no field
 * for a token, password or secret id, so none is ever written to disk; they are asked for at each login (or come
 * from VAULT_TOKEN / ~/.vault-token, as with the Vault CLI).
 */
public final class ConnectionProfiles {
    /** One saved connection; no credential fields exist. */
    public record Profile(String address, String namespace, String caCert, boolean skipVerify, String auth,
            String user, String authMount, String mount, java.util.List<String> environments) {
        public VaultSettings settings(String token) {
            return new VaultSettings(address, token, namespace, caCert == null || caCert.isBlank() ? null
                    : Path.of(caCert), skipVerify);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final String NAME_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

    private final Path file;

    public ConnectionProfiles(Path file) {
        this.file = file;
    }

    public static ConnectionProfiles standard() {
        return new ConnectionProfiles(AppPaths.configDir().resolve("vault-profiles.json"));
    }

    public Map<String, Profile> all() {
        if (!Files.isRegularFile(file)) {
            return new TreeMap<>();
        }
        try {
            Map<String, Profile> read = JSON.readValue(file.toFile(), JSON.getTypeFactory()
                    .constructMapType(TreeMap.class, String.class, Profile.class));
            return new TreeMap<String, Profile>(read);
        } catch (IOException e) {
            throw new SecretsException("The connection profiles " + file + " cannot be read", e.getMessage(),
                    "fix or remove the file; it holds no secrets");
        }
    }

    public Optional<Profile> get(String name) {
        return Optional.ofNullable(all().get(name));
    }

    public void save(String name, Profile profile) {
        if (!name.matches(NAME_PATTERN)) {
            throw new SecretsException("Invalid profile name \"" + name + "\"", "use letters, digits, '.', '_' and '-'",
                    "choose a name such as team-vault");
        }
        Map<String, Profile> profiles = all();
        profiles.put(name, profile);
        try (AtomicOutput out = AtomicOutput.create(file, true)) {
            out.stream().write(JSON.writeValueAsBytes(profiles));
            out.commit();
        } catch (IOException e) {
            throw new SecretsException("The connection profile " + name + " was not saved", e.getMessage(),
                    "check the config folder's permissions");
        }
        Audit.record("vault-profile-save", name, "success", Map.of("address", String.valueOf(profile.address())));
    }
}
