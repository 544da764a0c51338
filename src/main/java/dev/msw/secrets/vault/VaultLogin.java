package dev.msw.secrets.vault;

import java.util.Arrays;

/** How to obtain a token: an existing token, a userpass login or an AppRole login. Secrets are cleared after use. */
public sealed interface VaultLogin {
    /** Use the token from the settings (VAULT_TOKEN / ~/.vault-token) or this one. */
    record Token(String token) implements VaultLogin {
        @Override
        public String toString() {
            return "Token[(hidden)]";
        }
    }

    record UserPass(String mount, String username, char[] password) implements VaultLogin {
        public void clear() {
            Arrays.fill(password, '\0');
        }

        @Override
        public String toString() {
            return "UserPass[" + mount + ", " + username + "]";
        }
    }

    record AppRole(String mount, String roleId, char[] secretId) implements VaultLogin {
        public void clear() {
            Arrays.fill(secretId, '\0');
        }

        @Override
        public String toString() {
            return "AppRole[" + mount + ", " + roleId + "]";
        }
    }
}
