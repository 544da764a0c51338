package dev.msw.secrets.local;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.msw.core.AtomicOutput;
import dev.msw.core.CancellationToken;
import dev.msw.crypto.ArtifactDecryptor;
import dev.msw.crypto.ArtifactEncryptor;
import dev.msw.keys.LocalKeyring;
import dev.msw.secrets.SecretsException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Reads and writes the local store: a JSON document encrypted in the workbench's container format for the
 * keyring key {@value #KEY_NAME} (created on first use). Plaintext exists only in memory; each save replaces the
 * file atomically, so a crash leaves the previous complete store.
 */
final class LocalStoreFile {
    static final String KEY_NAME = "msw-secrets";
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Path path;
    private final LocalKeyring keyring;

    LocalStoreFile(Path path, LocalKeyring keyring) {
        this.path = path;
        this.keyring = keyring;
    }

    Path path() {
        return path;
    }

    boolean exists() {
        return Files.isRegularFile(path);
    }

    LocalStoreData load() {
        if (!exists()) {
            return new LocalStoreData();
        }
        byte[] plain = null;
        try {
            plain = new ArtifactDecryptor().decryptToMemory(path, List.of(keyring.identity()), (d, t, m) -> {
            }, CancellationToken.NONE);
            LocalStoreData data = JSON.readValue(plain, LocalStoreData.class);
            if (!"msw-secrets/1".equals(data.format)) {
                throw new SecretsException("The local secret store " + path + " has format " + data.format,
                        "this version reads msw-secrets/1", "open it with the msw version that wrote it");
            }
            return data;
        } catch (SecretsException e) {
            throw e;
        } catch (dev.msw.core.UserFacingException e) {
            throw new SecretsException("The local secret store " + path + " cannot be opened", e.getMessage(),
                    "unlock it with the keyring that encrypted it (key '" + KEY_NAME + "')", e);
        } catch (IOException e) {
            throw new SecretsException("The local secret store " + path + " cannot be read", e.getMessage(),
                    "check the file and its permissions", e);
        } finally {
            if (plain != null) {
                Arrays.fill(plain, (byte) 0);
            }
        }
    }

    void save(LocalStoreData data) {
        byte[] plain = null;
        try {
            if (keyring.latestVersion(KEY_NAME).isEmpty()) {
                keyring.createKey(KEY_NAME);
            }
            plain = JSON.writeValueAsBytes(data);
            try (AtomicOutput out = AtomicOutput.create(path, true)) {
                new ArtifactEncryptor().encrypt(new ByteArrayInputStream(plain), out.stream(), plain.length,
                        List.of(keyring.recipient(KEY_NAME)), (d, t, m) -> {
                        }, CancellationToken.NONE);
                out.commit();
            }
        } catch (IOException e) {
            throw new SecretsException("The local secret store " + path + " was not saved", e.getMessage(),
                    "check free space and permissions; the previous version of the store is intact", e);
        } finally {
            if (plain != null) {
                Arrays.fill(plain, (byte) 0);
            }
        }
    }

    long lastModified() {
        try {
            return exists() ? Files.getLastModifiedTime(path).toMillis() + Files.size(path) : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
