package dev.msw.crypto;

import java.security.SecureRandom;
import java.util.List;
import javax.crypto.SecretKey;

/**
 * Encrypts for a named, versioned key-encryption key of the local keyring. Stanza {@code local NAME VERSION},
 * body = AES-256-GCM wrap of the file key under that key, bound to the file id, name and version.
 */
public final class LocalKeyRecipient implements Recipient {
    public static final String TYPE = "local";

    private final String keyName;
    private final int version;
    private final SecretKey kek;
    private final SecureRandom random;

    public LocalKeyRecipient(String keyName, int version, SecretKey kek) {
        this(keyName, version, kek, new SecureRandom());
    }

    LocalKeyRecipient(String keyName, int version, SecretKey kek, SecureRandom random) {
        if (version < 1) {
            throw new IllegalArgumentException("key versions start at 1");
        }
        this.keyName = keyName;
        this.version = version;
        this.kek = kek;
        this.random = random;
    }

    @Override
    public Stanza wrap(FileKey fileKey, byte[] fileId) {
        List<String> args = List.of(keyName, Integer.toString(version));
        byte[] body = KeyWrap.wrap(kek, KeyWrap.randomNonce(random), fileKey,
                Stanza.bindingData(fileId, TYPE, args));
        return new Stanza(TYPE, args, body);
    }

    @Override
    public String describe() {
        return "key '" + keyName + "' v" + version;
    }
}
