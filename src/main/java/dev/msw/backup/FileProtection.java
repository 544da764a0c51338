package dev.msw.backup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * How a file found in a backup source is protected, judged from its first bytes and its name. Backups are
 * meant to hold ciphertext only: files in the workbench's container format, age files and passphrase-protected
 * keystores count as protected; a plain model file (ONNX, PyTorch, pickle, safetensors…) is never copied unless
 * the job explicitly allows it; other plain files (contracts, signatures, notes) are copied and flagged.
 */
public enum FileProtection {
    /** The workbench's encrypted container format. */
    ENCRYPTED_ARTIFACT("encrypted artifact"),
    /** Encrypted by another tool we recognise (age). */
    ENCRYPTED_OTHER("encrypted (age)"),
    /** A passphrase-protected keystore or secret store (the keyring, the local secret store). */
    PROTECTED_STORE("passphrase-protected store"),
    /** An unencrypted model file: skipped unless the job allows plaintext models. */
    PLAINTEXT_MODEL("unencrypted model"),
    /** Any other unencrypted file: copied and flagged. */
    PLAINTEXT("not encrypted");

    private static final Set<String> MODEL_EXTENSIONS = Set.of("onnx", "pt", "pth", "pkl", "pickle", "joblib",
            "safetensors", "h5", "hdf5", "keras", "pb", "tflite", "gguf", "ggml", "ckpt", "bin", "npz", "npy", "mlmodel");
    private static final Set<String> STORE_EXTENSIONS = Set.of("p12", "pfx", "jks", "jceks", "bcfks");
    /** Magic of the workbench container, see docs/FORMAT.md. */
    static final byte[] CONTAINER_MAGIC = dev.msw.crypto.ArtifactHeader.MAGIC.clone();
    private static final byte[] AGE_MAGIC = "age-encryption.org/v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] AGE_ARMOR = "-----BEGIN AGE ENCRYPTED FILE-----".getBytes(StandardCharsets.US_ASCII);

    private final String label;

    FileProtection(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean isProtected() {
        return this == ENCRYPTED_ARTIFACT || this == ENCRYPTED_OTHER || this == PROTECTED_STORE;
    }

    /** Classifies {@code file} from its name and first 64 bytes. */
    public static FileProtection of(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(64);
        }
        return of(file.getFileName().toString(), head);
    }

    static FileProtection of(String name, byte[] head) {
        if (startsWith(head, CONTAINER_MAGIC)) {
            return ENCRYPTED_ARTIFACT;
        }
        if (startsWith(head, AGE_MAGIC) || startsWith(head, AGE_ARMOR)) {
            return ENCRYPTED_OTHER;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        String ext = lower.contains(".") ? lower.substring(lower.lastIndexOf('.') + 1) : "";
        if (STORE_EXTENSIONS.contains(ext) && head.length > 0 && head[0] == 0x30) {
            return PROTECTED_STORE;
        }
        if (lower.startsWith("secrets") && lower.endsWith(".enc")) {
            return PROTECTED_STORE;
        }
        if (MODEL_EXTENSIONS.contains(ext) || looksLikePickle(head) || looksLikeSafetensors(head)) {
            return PLAINTEXT_MODEL;
        }
        return PLAINTEXT;
    }

    private static boolean looksLikePickle(byte[] h) {
        // protocol 2+ pickles start with PROTO (0x80) and the protocol number
        return h.length >= 2 && (h[0] & 0xff) == 0x80 && h[1] >= 2 && h[1] <= 5;
    }

    private static boolean looksLikeSafetensors(byte[] h) {
        return h.length >= 9 && h[8] == '{' && h[7] == 0 && h[6] == 0;
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        return data.length >= prefix.length && Arrays.equals(data, 0, prefix.length, prefix, 0, prefix.length);
    }
}
