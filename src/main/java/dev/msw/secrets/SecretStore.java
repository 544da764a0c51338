package dev.msw.secrets;

import java.util.List;
import java.util.Map;

/**
 * Secrets by environment on a KV v2 layout: a local encrypted file ({@code local}) or a Vault/OpenBao server
 * ({@code vault}). Paths are relative to the environment's folder. Every operation is checked against the
 * caller's policies (by the server, or by the policy engine for the local store) and fails with
 * {@link AccessDeniedException}; writes with a check-and-set version fail with {@link CasConflictException}.
 * Values never appear in exceptions, logs or audit records.
 */
public interface SecretStore extends AutoCloseable {
    /** {@code local} or {@code vault}. */
    String kind();

    /** One line for people: "OpenBao at https://… (mount secret)" or "local store ~/.config/msw/secrets.msw". */
    String describe();

    Environments environments();

    TokenIdentity identity();

    /** Folders and secrets directly under {@code folder} ("" for the environment's root), sorted. */
    List<SecretEntry> list(String env, String folder);

    /** The latest version ({@code version} = 0) or a given one. */
    SecretVersion read(String env, String path, int version);

    /**
     * Writes a new version. {@code cas} null: no check; 0: only if the secret does not exist; N: only if the
     * current version is N. Returns the new version number.
     */
    int write(String env, String path, Map<String, String> data, Integer cas);

    /** Soft-deletes the given versions (empty: the latest); they can be undeleted. */
    void softDelete(String env, String path, List<Integer> versions);

    void undelete(String env, String path, List<Integer> versions);

    /** Permanently removes the data of the given versions; their metadata stays. */
    void destroy(String env, String path, List<Integer> versions);

    /** Removes the secret with all its versions and metadata. */
    void deleteAll(String env, String path);

    SecretMetadata metadata(String env, String path);

    void writeMetadata(String env, String path, MetadataSettings settings);

    /** Which operations the current identity may perform on this path (the GUI disables the others). */
    Map<SecretOperation, Boolean> permissions(String env, String path);

    @Override
    void close();
}
