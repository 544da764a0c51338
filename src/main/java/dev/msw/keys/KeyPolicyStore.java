package dev.msw.keys;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.msw.core.AtomicOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Minimum decryption versions of local keys, kept beside the keyring ({@code keyring.p12.policy.json}): PKCS#12
 * has no place for them. Vault keeps its own. Replaced atomically on change.
 */
public final class KeyPolicyStore {
    private final Path file;

    public KeyPolicyStore(Path file) {
        this.file = file;
    }

    /** The policy file that belongs to {@code keyring}. */
    public static KeyPolicyStore forKeyring(Path keyring) {
        return new KeyPolicyStore(keyring.resolveSibling(keyring.getFileName() + ".policy.json"));
    }

    public Path file() {
        return file;
    }

    public int minDecryptionVersion(String key) {
        return read().getOrDefault(key, 1);
    }

    public void setMinDecryptionVersion(String key, int version) throws IOException {
        Map<String, Integer> m = read();
        m.put(key, version);
        ObjectNode root = Json.MAPPER.createObjectNode();
        ObjectNode keys = root.putObject("minDecryptionVersion");
        m.forEach(keys::put);
        try (AtomicOutput out = AtomicOutput.create(file, true)) {
            out.stream().write(Json.MAPPER.writeValueAsBytes(root));
            out.commit();
        }
    }

    private Map<String, Integer> read() {
        Map<String, Integer> m = new TreeMap<>();
        if (!Files.exists(file)) {
            return m;
        }
        try {
            Json.MAPPER.readTree(file.toFile()).path("minDecryptionVersion").fields()
                    .forEachRemaining(e -> m.put(e.getKey(), Math.max(1, e.getValue().asInt(1))));
        } catch (IOException e) {
            throw new KeyringException("Cannot read the key policy file " + file, e.getMessage(),
                    "fix or restore it from a backup; it records the minimum decryption versions of local keys", e);
        }
        return m;
    }

    /**
     * Created on first use: most keyrings have no policy file, and an {@code ObjectMapper}'s first use costs a
     * command ~0.15 s of start-up (date formats, locale data) that decrypting with a keyring key would otherwise pay.
     */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }
}
