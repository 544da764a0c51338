package dev.msw.secrets;

/** One item of a listing: a secret or a folder (folders end with '/' in Vault's LIST answers). */
public record SecretEntry(String name, boolean folder) {
    public static SecretEntry fromListKey(String key) {
        return key.endsWith("/") ? new SecretEntry(key.substring(0, key.length() - 1), true) : new SecretEntry(key, false);
    }
}
