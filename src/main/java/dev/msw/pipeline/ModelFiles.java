package dev.msw.pipeline;

import dev.msw.core.CancellationToken;
import dev.msw.core.ProgressListener;
import dev.msw.core.UserFacingException;
import dev.msw.crypto.ArtifactDecryptor;
import dev.msw.crypto.ArtifactHeader;
import dev.msw.crypto.Identity;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Loads a model file, plain ONNX or an msw container, with its contract. Encrypted models are decrypted into
 * memory and handed to ONNX Runtime from there: the plaintext is never written to disk. Loading an encrypted
 * model is recorded in the audit log.
 */
public final class ModelFiles {
    /** Extension of an encrypted model, after the model's own ({@code iris-classifier.onnx.msw}). */
    public static final String ENCRYPTED_SUFFIX = ".msw";

    private ModelFiles() {
    }

    /** {@code x.onnx} and {@code x.onnx.msw} → {@code x.contract.json} in the same folder. */
    public static Path defaultContract(Path model) {
        return model.resolveSibling(baseName(model.getFileName().toString()) + ".contract.json");
    }

    /** The model's name without folder, encryption suffix or {@code .onnx}. */
    public static String baseName(String fileName) {
        String n = fileName;
        if (n.endsWith(ENCRYPTED_SUFFIX)) {
            n = n.substring(0, n.length() - ENCRYPTED_SUFFIX.length());
        }
        return n.endsWith(".onnx") ? n.substring(0, n.length() - 5) : n;
    }

    /**
     * Loads {@code model} with {@code contract} (or the one beside it when null). {@code identities} open an
     * encrypted model (a passphrase, the keyring); they are unused for a plain one.
     */
    public static LoadedModel load(Path model, Path contract, List<? extends Identity> identities,
                                   ProgressListener progress, CancellationToken cancel) {
        Path contractPath = contract != null ? contract : defaultContract(model);
        if (!Files.isRegularFile(contractPath)) {
            throw new UserFacingException("No contract for the model " + model.getFileName(),
                    contractPath + " does not exist",
                    "write one (the Console's contract editor starts from a sample) or pass --contract FILE");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(model);
        } catch (NoSuchFileException e) {
            throw new UserFacingException("Cannot open the model " + model, "the file does not exist",
                    "check the path", e);
        } catch (IOException e) {
            throw new UserFacingException("Cannot read the model " + model, e.getMessage(), "check the file's permissions", e);
        }
        return fromBytes(model.getFileName().toString(), bytes, ModelContract.load(contractPath), identities, progress, cancel);
    }

    /** As {@link #load}, from bytes already in memory (a bundled sample). */
    public static LoadedModel fromBytes(String fileName, byte[] fileBytes, ModelContract contract,
                                        List<? extends Identity> identities, ProgressListener progress,
                                        CancellationToken cancel) {
        String name = baseName(fileName);
        if (!isEncrypted(fileBytes)) {
            return LoadedModel.of(name, fileBytes, contract, false);
        }
        if (identities == null || identities.isEmpty()) {
            throw new UserFacingException("The model " + fileName + " is encrypted", "no passphrase or key was given",
                    "pass --passphrase-file FILE or --key (keyring), or unlock it in the Console");
        }
        byte[] plain = null;
        try {
            plain = new ArtifactDecryptor().decryptToMemory(new ByteArrayInputStream(fileBytes), fileName,
                    fileBytes.length, identities, progress, cancel);
            LoadedModel m = LoadedModel.of(name, plain, contract, true);
            dev.msw.audit.Audit.record("console.load-encrypted-model", fileName, "success",
                    Map.of("decryptedTo", "memory"));
            return m;
        } catch (IOException e) {
            dev.msw.audit.Audit.record("console.load-encrypted-model", fileName, "failure", Map.of("reason", e.getClass().getSimpleName()));
            throw new UserFacingException("Cannot decrypt the model " + fileName, e.getMessage(), "check the file", e);
        } catch (RuntimeException e) {
            dev.msw.audit.Audit.record("console.load-encrypted-model", fileName, "failure", Map.of("reason", e.getClass().getSimpleName()));
            throw e;
        } finally {
            if (plain != null) {
                Arrays.fill(plain, (byte) 0);   // ONNX Runtime keeps its own copy; do not leave ours lying around
            }
        }
    }

    public static boolean isEncrypted(byte[] fileBytes) {
        byte[] magic = ArtifactHeader.MAGIC;
        return fileBytes.length >= magic.length && Arrays.equals(Arrays.copyOf(fileBytes, magic.length), magic);
    }
}
