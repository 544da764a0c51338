package dev.msw.cli.secrets;

import dev.msw.keys.LocalKeyring;
import dev.msw.secrets.Environments;
import dev.msw.secrets.PolicyAdmin;
import dev.msw.secrets.SecretStore;
import dev.msw.secrets.local.LocalSecretStore;
import dev.msw.secrets.vault.ConnectionProfiles;
import dev.msw.secrets.vault.VaultLogin;
import dev.msw.secrets.vault.VaultPolicies;
import dev.msw.secrets.vault.VaultSecretStore;
import dev.msw.secrets.vault.VaultSession;
import dev.msw.secrets.vault.VaultSettings;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** Which store to use and how to open it; shared by every {@code msw secrets} and {@code msw policy} verb. */
public final class StoreOptions {
    public enum Kind { local, vault }

    public enum Auth { token, userpass, approle }

    @Option(names = "--store", description = "local or vault (default: vault when VAULT_ADDR or BAO_ADDR is set, else local).")
    Kind store;

    @Option(names = "--mount", defaultValue = "secret", description = "KV v2 mount path (default: ${DEFAULT-VALUE}).")
    String mount;

    @Option(names = "--environments", split = ",", paramLabel = "NAME",
            description = "Environment folders (default: development,testing,production).")
    List<String> environments;

    @Option(names = "--profile", description = "Use a saved Vault connection profile (see 'msw secrets profile'); options given here win.")
    String profile;

    @Option(names = "--address", description = "Vault address (default: $BAO_ADDR, else $VAULT_ADDR).")
    String address;

    @Option(names = "--token-file", description = "Read the Vault token from FILE (default: $BAO_TOKEN, $VAULT_TOKEN, ~/.vault-token).")
    Path tokenFile;

    @Option(names = "--auth", defaultValue = "token", description = "token, userpass or approle (default: ${DEFAULT-VALUE}).")
    Auth auth;

    @Option(names = "--username", description = "userpass user name.")
    String username;

    @Option(names = "--password-file", description = "userpass password from FILE (else $MSW_VAULT_PASSWORD, else a prompt).")
    Path passwordFile;

    @Option(names = "--role-id", description = "AppRole role id.")
    String roleId;

    @Option(names = "--secret-id-file", description = "AppRole secret id from FILE (else $MSW_APPROLE_SECRET_ID, else a prompt).")
    Path secretIdFile;

    @Option(names = "--auth-mount", description = "Path of the auth method (default: userpass or approle).")
    String authMount;

    @Option(names = "--as", paramLabel = "ROLE", description = "Local store: act as this role (default: owner, who may do everything).")
    String role;

    @Option(names = "--secrets-file", description = "Local store file (default: $MSW_SECRETS_STORE, else secrets.msw in the config folder).")
    Path secretsFile;

    @Option(names = "--keyring", description = "Keyring that encrypts the local store (default: $MSW_KEYRING, else keyring.p12 in the config folder).")
    Path keyring;

    @Option(names = "--keyring-passphrase-file", description = "Keyring passphrase from FILE (else $MSW_KEYRING_PASSPHRASE, else a prompt).")
    Path keyringPassphraseFile;

    Kind effectiveKind() {
        if (store != null) {
            return store;
        }
        return address != null || profile != null || VaultSettings.fromEnvironment().configured() ? Kind.vault : Kind.local;
    }

    /** Fills unset options from the named profile (which never holds credentials). */
    private void applyProfile() {
        if (profile == null) {
            return;
        }
        ConnectionProfiles.Profile p = ConnectionProfiles.standard().get(profile).orElseThrow(() ->
                new dev.msw.core.UserFacingException("No connection profile \"" + profile + "\"",
                        "known profiles: " + ConnectionProfiles.standard().all().keySet(),
                        "save one with 'msw secrets profile save NAME --address URL …'"));
        if (address == null) {
            address = p.address();
        }
        if (auth == Auth.token && p.auth() != null) {
            auth = Auth.valueOf(p.auth());
        }
        if (username == null && roleId == null && p.user() != null) {
            if (auth == Auth.approle) {
                roleId = p.user();
            } else {
                username = p.user();
            }
        }
        if (authMount == null) {
            authMount = p.authMount();
        }
        if ("secret".equals(mount) && p.mount() != null) {
            mount = p.mount();
        }
        if (environments == null && p.environments() != null && !p.environments().isEmpty()) {
            environments = p.environments();
        }
        profileSettings = p;
    }

    private ConnectionProfiles.Profile profileSettings;

    /** The current options as a profile (credentials are not part of it). */
    ConnectionProfiles.Profile toProfile() {
        VaultSettings env = VaultSettings.fromEnvironment();
        return new ConnectionProfiles.Profile(address != null ? address : env.address(), env.namespace(),
                env.caCert() == null ? null : env.caCert().toString(), env.skipVerify(), auth.name(),
                auth == Auth.approle ? roleId : username, authMount, mount, environments);
    }

    Environments environmentsFor(String mountPath) {
        return new Environments(mountPath, environments == null ? Environments.DEFAULT_NAMES : environments);
    }

    public SecretStore open() {
        return open(effectiveKind());
    }

    public SecretStore open(Kind kind) {
        applyProfile();
        if (kind == Kind.vault) {
            return new VaultSecretStore(vaultSession(), environmentsFor(mount));
        }
        return openLocal();
    }

    LocalSecretStore openLocal() {
        Path file = secretsFile != null ? secretsFile : LocalSecretStore.defaultPath();
        Path ring = keyring != null ? keyring : LocalKeyring.defaultPath();
        char[] pass = Secrets.read(keyringPassphraseFile, "MSW_KEYRING_PASSPHRASE", "Keyring passphrase");
        try {
            LocalSecretStore st = LocalSecretStore.open(file, ring, pass, role);
            if (environments != null) {
                if (!st.environments().names().equals(environments) && LocalSecretStore.OWNER.equals(st.role())) {
                    st.setEnvironments(environments);
                }
            }
            return st;
        } finally {
            java.util.Arrays.fill(pass, '\0');
        }
    }

    VaultSession vaultSession() {
        VaultSettings s = VaultSettings.fromEnvironment();
        if (profileSettings != null) {
            s = profileSettings.settings(s.token());
        }
        if (address != null) {
            s = s.withAddress(address);
        }
        if (tokenFile != null) {
            s = s.withToken(Secrets.readToken(tokenFile));
        }
        VaultLogin login = switch (auth) {
            case token -> new VaultLogin.Token(null);
            case userpass -> {
                if (username == null) {
                    throw new dev.msw.core.UserFacingException("userpass login needs --username", null, null);
                }
                yield new VaultLogin.UserPass(authMount != null ? authMount : "userpass", username,
                        Secrets.read(passwordFile, "MSW_VAULT_PASSWORD", "Password for " + username));
            }
            case approle -> {
                if (roleId == null) {
                    throw new dev.msw.core.UserFacingException("AppRole login needs --role-id", null, null);
                }
                yield new VaultLogin.AppRole(authMount != null ? authMount : "approle", roleId,
                        Secrets.read(secretIdFile, "MSW_APPROLE_SECRET_ID", "AppRole secret id"));
            }
        };
        return VaultSession.open(s, login);
    }

    /** The policies of the chosen store. */
    PolicyAdmin policies(SecretStore st) {
        if (st instanceof VaultSecretStore v) {
            return new VaultPolicies(v.session());
        }
        return ((LocalSecretStore) st).policies();
    }
}
