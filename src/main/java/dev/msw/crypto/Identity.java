package dev.msw.crypto;

import java.util.Optional;

/**
 * Something that can open stanzas: a keyring, a passphrase, a Vault Transit key (the counterpart of
 * {@link Recipient}). Decryption offers every stanza to every identity until one yields the file key.
 */
public interface Identity {
    /**
     * Returns the file key if this identity opens {@code stanza}; empty if the stanza is of another type, is
     * for a key this identity does not hold, or does not authenticate under it (wrong key or passphrase).
     */
    Optional<FileKey> unwrap(Stanza stanza, byte[] fileId);

    /** For people: "keyring /home/ann/.config/msw/keyring.p12", "the passphrase given". */
    String describe();
}
