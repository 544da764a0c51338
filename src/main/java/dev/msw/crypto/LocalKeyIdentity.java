package dev.msw.crypto;

import java.util.Optional;
import javax.crypto.SecretKey;

/** Opens {@code local} stanzas with the keys a {@link KeyLookup} (the local keyring) holds. */
public final class LocalKeyIdentity implements Identity {
    private final KeyLookup keys;

    public LocalKeyIdentity(KeyLookup keys) {
        this.keys = keys;
    }

    @Override
    public Optional<FileKey> unwrap(Stanza stanza, byte[] fileId) {
        if (!LocalKeyRecipient.TYPE.equals(stanza.type()) || stanza.args().size() != 2) {
            return Optional.empty();
        }
        int version;
        try {
            version = Integer.parseInt(stanza.arg(1));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        Optional<SecretKey> kek = keys.find(stanza.arg(0), version);
        if (kek.isEmpty()) {
            return Optional.empty();
        }
        return KeyWrap.unwrap(kek.get(), stanza.body(), 0, Stanza.bindingData(fileId, stanza.type(), stanza.args()));
    }

    @Override
    public String describe() {
        return keys.describe();
    }
}
