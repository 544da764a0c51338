package dev.msw.keys;

import dev.msw.crypto.FileKey;
import dev.msw.crypto.Identity;
import dev.msw.crypto.Recipient;
import dev.msw.crypto.Stanza;
import java.io.IOException;
import java.util.List;

/**
 * Where key-encryption keys live: the local keyring or Vault Transit. Both version their keys, rotate by adding
 * a version, and refuse decryption below a minimum version. A stanza belongs to a backend by its type.
 */
public interface KeyBackend {
    /** {@code local} or {@code vault}. */
    String kind();

    /** The stanza type this backend writes ({@code local}, {@code vault-transit}). */
    String stanzaType();

    List<String> keyNames() throws IOException;

    KeyInfo info(String name) throws IOException;

    KeyInfo create(String name) throws IOException;

    /** Adds a new latest version; existing files keep opening with their versions. */
    KeyInfo rotate(String name) throws IOException;

    /** Makes versions below {@code version} unusable for decryption (callers check the inventory first). */
    KeyInfo setMinDecryptionVersion(String name, int version) throws IOException;

    /** Wraps new file keys under the latest version of {@code name}. */
    Recipient recipient(String name) throws IOException;

    /** Opens this backend's stanzas (versions below the minimum decryption version are refused). */
    Identity identity();

    /**
     * A stanza for the latest version of {@code name} that wraps the same file key as {@code old}. Local keys
     * wrap {@code fileKey} afresh; Vault Transit rewraps the old ciphertext inside Vault.
     */
    Stanza rewrap(String name, Stanza old, FileKey fileKey, byte[] fileId) throws IOException;

    /** True when {@code s} is this backend's stanza for key {@code name}. */
    default boolean owns(Stanza s, String name) {
        return s.type().equals(stanzaType()) && !s.args().isEmpty() && s.args().get(0).equals(name);
    }

    /** The key version a stanza of this backend names, or -1 if unreadable. */
    default int versionOf(Stanza s) {
        try {
            return s.args().size() > 1 ? Integer.parseInt(s.args().get(1)) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
