package dev.msw.keys;

import dev.msw.core.CancellationToken;
import dev.msw.core.ProgressListener;
import dev.msw.crypto.ArtifactEncryptor;
import dev.msw.crypto.ArtifactHeader;
import dev.msw.crypto.Recipient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** A real keyring in a temp folder and real encrypted artifacts, for the key tests. */
public final class KeyFixtures {
    public static final String PASSPHRASE = "correct horse battery staple";

    private KeyFixtures() {
    }

    public static LocalKeyring keyring(Path dir) throws IOException {
        return LocalKeyring.create(dir.resolve("keyring.p12"), PASSPHRASE.toCharArray());
    }

    public static Path passphraseFile(Path dir) throws IOException {
        return Files.writeString(dir.resolve("keyring-pass.txt"), PASSPHRASE + "\n");
    }

    public static byte[] plaintext(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Encrypts {@code plain} into {@code dest} for the recipients, with small chunks so that files have several. */
    public static Path encrypt(Path dest, byte[] plain, List<? extends Recipient> recipients) throws IOException {
        Path src = Files.createTempFile(dest.getParent() == null ? Path.of(".") : dest.getParent().getParent(), "plain", ".bin");
        Files.write(src, plain);
        try {
            Files.createDirectories(dest.toAbsolutePath().getParent());
            new ArtifactEncryptor().withChunkSize(64 * 1024).encrypt(src, dest, recipients, false, ProgressListener.NONE,
                    CancellationToken.NONE);
        } finally {
            Files.delete(src);
        }
        return dest;
    }

    /** The payload bytes (everything after the header). */
    public static byte[] payload(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        int header = ArtifactHeader.read(file).length();
        return Arrays.copyOfRange(all, header, all.length);
    }
}
