package dev.msw.keys.transit;

import dev.msw.core.UserFacingException;
import dev.msw.crypto.FileKey;
import dev.msw.crypto.Identity;
import dev.msw.crypto.Stanza;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * Opens {@code vault-transit} stanzas of one Transit mount with {@code transit/decrypt}. Vault enforces the
 * key's minimum decryption version; its refusal is kept for the "wrong key" message.
 */
public final class VaultTransitIdentity implements Identity {
    private final VaultTransitClient client;
    private volatile String lastRefusal;

    public VaultTransitIdentity(VaultTransitClient client) {
        this.client = client;
    }

    @Override
    public Optional<FileKey> unwrap(Stanza stanza, byte[] fileId) {
        if (!VaultTransitRecipient.TYPE.equals(stanza.type()) || stanza.args().isEmpty()) {
            return Optional.empty();
        }
        String mount = stanza.args().size() > 2 ? stanza.args().get(2) : "transit";
        if (!mount.equals(client.mount())) {
            return Optional.empty();
        }
        try {
            String b64 = client.decrypt(stanza.args().get(0), new String(stanza.body(), StandardCharsets.US_ASCII));
            byte[] raw = Base64.getDecoder().decode(b64);
            try {
                return raw.length == FileKey.LENGTH ? Optional.of(FileKey.of(raw)) : Optional.empty();
            } finally {
                Arrays.fill(raw, (byte) 0);
            }
        } catch (UserFacingException e) {
            if (e.why() != null && e.why().contains("HTTP 400")) {
                lastRefusal = e.why();
                return Optional.empty();
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String describe() {
        String r = lastRefusal;
        return "Vault Transit at " + client.endpoint().address() + client.mount() + "/" + (r == null ? "" : " (" + r + ")");
    }
}
