package dev.msw.keys.transit;

import dev.msw.crypto.FileKey;
import dev.msw.crypto.FileKeyIssuer;
import dev.msw.crypto.Stanza;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Wraps file keys with a Vault Transit key: stanza {@code vault-transit NAME VERSION MOUNT}, body = the Transit
 * ciphertext {@code vault:vN:…} (UTF-8). The header MAC binds the stanza to its file, so no Transit context is
 * needed; the key never leaves Vault. As the first Transit recipient of a new file it mints the file key with
 * {@code transit/datakey/plaintext/NAME}; as a further recipient it wraps the existing key with
 * {@code transit/encrypt/NAME}.
 */
public final class VaultTransitRecipient implements FileKeyIssuer {
    public static final String TYPE = "vault-transit";

    private final VaultTransitClient client;
    private final String keyName;

    public VaultTransitRecipient(VaultTransitClient client, String keyName) {
        this.client = client;
        this.keyName = keyName;
    }

    /** Builds the stanza for an existing Transit ciphertext. */
    public static Stanza stanza(String keyName, String mount, String ciphertext) {
        return new Stanza(TYPE, List.of(keyName, Integer.toString(VaultTransitClient.versionOf(ciphertext)), mount),
                ciphertext.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public Stanza wrap(FileKey fileKey, byte[] fileId) {
        byte[] raw = fileKey.rawBytes();
        try {
            return stanza(keyName, client.mount(), client.encrypt(keyName, Base64.getEncoder().encodeToString(raw)));
        } catch (IOException e) {
            throw new UncheckedIOException("Vault Transit encrypt failed", e);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    @Override
    public Issued issue(byte[] fileId) {
        try {
            VaultTransitClient.DataKey dk = client.dataKey(keyName, FileKey.LENGTH * 8);
            byte[] raw = Base64.getDecoder().decode(dk.plaintextBase64());
            try {
                return new Issued(FileKey.of(raw), stanza(keyName, client.mount(), dk.ciphertext()));
            } finally {
                Arrays.fill(raw, (byte) 0);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Vault Transit datakey failed", e);
        }
    }

    @Override
    public String describe() {
        return "Vault Transit key '" + keyName + "'";
    }
}
