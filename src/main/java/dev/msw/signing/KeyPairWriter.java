package dev.msw.signing;

import dev.msw.audit.Audit;
import dev.msw.core.AtomicOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.Map;

/**
 * Creates a key pair and writes it as PEM: the private key as PKCS#8 (encrypted with the passphrase when one
 * is given; readable by the owner only) and the public key as SubjectPublicKeyInfo. Both files appear
 * complete or not at all, and existing files are never replaced unless asked.
 */
public final class KeyPairWriter {
    private KeyPairWriter() {
    }

    /** What was written: paths, type and the public key's SHA-256 fingerprint. */
    public record GeneratedKey(Path privateKey, Path publicKey, KeyType type, String fingerprint, boolean encrypted) {
    }

    public static GeneratedKey generate(KeyType type, Path privateOut, Path publicOut, char[] passphrase,
            boolean overwrite) {
        if (privateOut.toAbsolutePath().normalize().equals(publicOut.toAbsolutePath().normalize())) {
            throw new SigningException("Cannot write both keys to " + privateOut, "the private and public key paths are the same",
                    "give --public-out another file name");
        }
        KeyPair kp = type.generate();
        String fp = KeyFingerprint.of(kp.getPublic());
        try (AtomicOutput priv = AtomicOutput.create(privateOut, overwrite);
             AtomicOutput pub = AtomicOutput.create(publicOut, overwrite)) {
            priv.stream().write(PemKeys.privateKeyPem(kp.getPrivate(), passphrase).getBytes(StandardCharsets.US_ASCII));
            pub.stream().write(PemKeys.publicKeyPem(kp.getPublic()).getBytes(StandardCharsets.US_ASCII));
            ownerOnly(priv.temporaryPath(), false);
            ownerOnly(pub.temporaryPath(), true);
            priv.commit();
            pub.commit();
        } catch (IOException e) {
            Audit.record("signing.keygen", privateOut.toString(), "failure", Map.of("type", type.cliName(), "error", String.valueOf(e.getMessage())));
            throw new UncheckedIOException(e);
        }
        boolean encrypted = passphrase != null && passphrase.length > 0;
        Audit.record("signing.keygen", privateOut.toString(), "success", Map.of("type", type.cliName(),
                "fingerprint", fp, "publicKey", publicOut.toString(), "encrypted", Boolean.toString(encrypted)));
        return new GeneratedKey(privateOut, publicOut, type, fp, encrypted);
    }

    private static void ownerOnly(Path p, boolean worldReadable) throws IOException {
        if (Files.getFileStore(p).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(worldReadable ? "rw-r--r--" : "rw-------"));
        }
    }
}
