package dev.msw.crypto;

/**
 * Someone a file is encrypted for: wraps the file key into a {@link Stanza} (in the style of age's
 * recipients). Implementations: {@link LocalKeyRecipient}, {@link PassphraseRecipient}; Vault Transit and
 * public-key recipients implement the same interface.
 */
public interface Recipient {
    /**
     * Wraps {@code fileKey} for this recipient, bound to {@code fileId} (use {@link Stanza#bindingData} as
     * associated data, or an equivalent context for external key services).
     */
    Stanza wrap(FileKey fileKey, byte[] fileId);

    /** For people: "key 'team' v2", "a passphrase". */
    String describe();
}
