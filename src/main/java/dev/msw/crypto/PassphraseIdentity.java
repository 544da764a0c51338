package dev.msw.crypto;

import java.util.Arrays;
import java.util.Optional;
import javax.crypto.SecretKey;

/** Opens {@code passphrase} stanzas with one passphrase (copied; {@link #destroy()} clears it). */
public final class PassphraseIdentity implements Identity {
    private final char[] passphrase;

    public PassphraseIdentity(char[] passphrase) {
        this.passphrase = passphrase.clone();
    }

    @Override
    public Optional<FileKey> unwrap(Stanza stanza, byte[] fileId) {
        if (!PassphraseRecipient.TYPE.equals(stanza.type())) {
            return Optional.empty();
        }
        Argon2Settings settings;
        try {
            settings = PassphraseRecipient.parseArgs(stanza.args());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        byte[] body = stanza.body();
        if (body.length != PassphraseRecipient.SALT_LENGTH + KeyWrap.WRAPPED_LENGTH) {
            return Optional.empty();
        }
        byte[] salt = Arrays.copyOf(body, PassphraseRecipient.SALT_LENGTH);
        SecretKey kek = PassphraseRecipient.derive(passphrase, salt, settings);
        return KeyWrap.unwrap(kek, body, PassphraseRecipient.SALT_LENGTH,
                Stanza.bindingData(fileId, stanza.type(), stanza.args()));
    }

    public void destroy() {
        Arrays.fill(passphrase, '\0');
    }

    @Override
    public String describe() {
        return "the passphrase given";
    }
}
