package dev.msw.keys.transit;

import dev.msw.audit.Audit;
import dev.msw.audit.AuditEvent;
import dev.msw.core.UserFacingException;
import dev.msw.crypto.FileKey;
import dev.msw.crypto.Identity;
import dev.msw.crypto.Recipient;
import dev.msw.crypto.Stanza;
import dev.msw.keys.KeyBackend;
import dev.msw.keys.KeyInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Key-encryption keys in Vault Transit ({@code transit/keys/NAME}); key material never leaves Vault. */
public final class VaultTransitBackend implements KeyBackend {
    private final VaultTransitClient client;

    public VaultTransitBackend(VaultTransitClient client) {
        this.client = client;
    }

    public VaultTransitClient client() {
        return client;
    }

    @Override
    public String kind() {
        return "vault";
    }

    @Override
    public String stanzaType() {
        return VaultTransitRecipient.TYPE;
    }

    @Override
    public boolean owns(Stanza s, String name) {
        return KeyBackend.super.owns(s, name) && (s.args().size() > 2 ? s.args().get(2) : "transit").equals(client.mount());
    }

    @Override
    public List<String> keyNames() throws IOException {
        return client.listKeys();
    }

    @Override
    public KeyInfo info(String name) throws IOException {
        KeyInfo info = client.readKey(name);
        if (info == null) {
            throw new UserFacingException("No Vault Transit key '" + name + "' at " + client.mount() + "/keys/" + name,
                    "Vault has no such key", "create it with 'msw key create " + name + " --backend vault'");
        }
        return info;
    }

    @Override
    public KeyInfo create(String name) throws IOException {
        client.createKey(name);
        audit("key.create", name, Map.of("backend", kind(), "mount", client.mount()));
        return info(name);
    }

    @Override
    public KeyInfo rotate(String name) throws IOException {
        info(name);
        client.rotate(name);
        KeyInfo after = info(name);
        audit("key.rotate", name, Map.of("backend", kind(), "mount", client.mount(),
                "version", Integer.toString(after.latestVersion())));
        return after;
    }

    @Override
    public KeyInfo setMinDecryptionVersion(String name, int version) throws IOException {
        KeyInfo info = info(name);
        if (version < 1 || version > info.latestVersion()) {
            throw new UserFacingException("Cannot set the minimum decryption version of '" + name + "' to " + version,
                    "the key has versions 1 to " + info.latestVersion(), "choose a version in that range");
        }
        client.configure(name, version, -1);
        audit("key.min-decryption", name, Map.of("backend", kind(), "version", Integer.toString(version)));
        return info(name);
    }

    /** Sets the minimum encryption version (0 = always the latest). */
    public KeyInfo setMinEncryptionVersion(String name, int version) throws IOException {
        client.configure(name, -1, version);
        audit("key.min-encryption", name, Map.of("backend", kind(), "version", Integer.toString(version)));
        return info(name);
    }

    /** Records who did it: the OS user (always) and the Vault token's display name. */
    private void audit(String action, String key, Map<String, String> details) {
        Audit.record(new AuditEvent(action, key, "success", client.identity(), details));
    }

    @Override
    public Recipient recipient(String name) throws IOException {
        info(name);
        return new VaultTransitRecipient(client, name);
    }

    @Override
    public Identity identity() {
        return new VaultTransitIdentity(client);
    }

    /** Uses {@code transit/rewrap}: the file key is never sent to Vault nor unwrapped for the new stanza. */
    @Override
    public Stanza rewrap(String name, Stanza old, FileKey fileKey, byte[] fileId) throws IOException {
        String fresh = client.rewrap(name, new String(old.body(), StandardCharsets.US_ASCII));
        return VaultTransitRecipient.stanza(name, client.mount(), fresh);
    }
}
