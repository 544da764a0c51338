package dev.msw.crypto;

/**
 * A recipient that can also mint the file key, returning it together with its own stanza in one call: Vault
 * Transit's {@code datakey/plaintext} endpoint does this, so the key-encryption key never wraps a key that
 * the workbench generated. When a file's recipients include an issuer, the first issuer's key becomes the
 * file key and the other recipients wrap that key as usual.
 */
public interface FileKeyIssuer extends Recipient {
    /** A fresh 256-bit file key and the stanza that recovers it, for the file {@code fileId}. */
    Issued issue(byte[] fileId);

    /** A minted file key and its stanza. The caller destroys the key when done. */
    record Issued(FileKey fileKey, Stanza stanza) {
    }
}
