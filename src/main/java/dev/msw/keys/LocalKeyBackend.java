package dev.msw.keys;

import dev.msw.audit.Audit;
import dev.msw.crypto.FileKey;
import dev.msw.crypto.Identity;
import dev.msw.crypto.KeyLookup;
import dev.msw.crypto.LocalKeyIdentity;
import dev.msw.crypto.LocalKeyRecipient;
import dev.msw.crypto.Recipient;
import dev.msw.crypto.Stanza;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.SecretKey;

/**
 * Keys of the local PKCS#12 keyring. The minimum decryption version lives in a {@link KeyPolicyStore} beside the
 * keyring; this backend's identity refuses versions below it, as Vault does.
 */
public final class LocalKeyBackend implements KeyBackend {
    private final LocalKeyring keyring;
    private final KeyPolicyStore policy;

    public LocalKeyBackend(LocalKeyring keyring) {
        this(keyring, KeyPolicyStore.forKeyring(keyring.path()));
    }

    public LocalKeyBackend(LocalKeyring keyring, KeyPolicyStore policy) {
        this.keyring = keyring;
        this.policy = policy;
    }

    public LocalKeyring keyring() {
        return keyring;
    }

    @Override
    public String kind() {
        return "local";
    }

    @Override
    public String stanzaType() {
        return LocalKeyRecipient.TYPE;
    }

    @Override
    public List<String> keyNames() {
        return keyring.keyNames();
    }

    @Override
    public KeyInfo info(String name) {
        List<KeyVersion> versions = keyring.list().stream().filter(k -> k.name().equals(name)).toList();
        if (versions.isEmpty()) {
            throw new KeyringException("No key '" + name + "' in the keyring " + keyring.path(), "the keyring does not hold it",
                    "list the keys with 'msw key list', or create it with 'msw key create " + name + "'");
        }
        int latest = versions.get(versions.size() - 1).version();
        return new KeyInfo(name, kind(), versions.stream().map(v -> new KeyInfo.Version(v.version(), v.created())).toList(),
                latest, policy.minDecryptionVersion(name), latest);
    }

    @Override
    public KeyInfo create(String name) throws IOException {
        keyring.createKey(name);
        Audit.record("key.create", name, "success", Map.of("backend", kind(), "version", "1"));
        return info(name);
    }

    @Override
    public KeyInfo rotate(String name) throws IOException {
        KeyVersion v = keyring.addVersion(name);
        Audit.record("key.rotate", name, "success", Map.of("backend", kind(), "version", Integer.toString(v.version())));
        return info(name);
    }

    @Override
    public KeyInfo setMinDecryptionVersion(String name, int version) throws IOException {
        KeyInfo info = info(name);
        if (version < 1 || version > info.latestVersion()) {
            throw new KeyringException("Cannot set the minimum decryption version of '" + name + "' to " + version,
                    "the key has versions 1 to " + info.latestVersion(), "choose a version in that range");
        }
        policy.setMinDecryptionVersion(name, version);
        Audit.record("key.min-decryption", name, "success", Map.of("backend", kind(), "version", Integer.toString(version)));
        return info(name);
    }

    @Override
    public Recipient recipient(String name) {
        return keyring.recipient(name);
    }

    @Override
    public Identity identity() {
        KeyLookup allowed = new KeyLookup() {
            @Override
            public Optional<SecretKey> find(String name, int version) {
                return version < policy.minDecryptionVersion(name) ? Optional.empty() : keyring.find(name, version);
            }

            @Override
            public String describe() {
                return keyring.describe();
            }
        };
        return new LocalKeyIdentity(allowed);
    }

    @Override
    public Stanza rewrap(String name, Stanza old, FileKey fileKey, byte[] fileId) {
        return keyring.recipient(name).wrap(fileKey, fileId);
    }
}
