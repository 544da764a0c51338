import dev.msw.core.CancellationToken;
import dev.msw.core.ProgressListener;
import dev.msw.crypto.ArtifactDecryptor;
import dev.msw.crypto.ArtifactEncryptor;
import dev.msw.crypto.KeyLookup;
import dev.msw.crypto.LocalKeyIdentity;
import dev.msw.crypto.LocalKeyRecipient;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Steady-state throughput of the core API in one JVM (no start-up or JIT warm-up in the figures): encrypts
 * and decrypts the file given three times and prints the best run as table rows for bench/artifacts.sh.
 * Run: java -cp "target/msw.jar:target/lib/*" bench/ArtifactsWarm.java FILE WORKDIR
 */
public class ArtifactsWarm {
    public static void main(String[] args) throws Exception {
        Path plain = Path.of(args[0]);
        Path enc = Path.of(args[1], "warm.msw");
        SecretKey kek = new SecretKeySpec(new byte[32], "AES");
        KeyLookup keys = new KeyLookup() {
            public Optional<SecretKey> find(String name, int version) {
                return Optional.of(kek);
            }

            public String describe() {
                return "bench key";
            }
        };
        double mb = Files.size(plain) / 1e6;
        double bestEnc = Double.MAX_VALUE;
        double bestDec = Double.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            Files.deleteIfExists(enc);
            long t = System.nanoTime();
            new ArtifactEncryptor().encrypt(plain, enc, List.of(new LocalKeyRecipient("bench", 1, kek)), true,
                    ProgressListener.NONE, CancellationToken.NONE);
            bestEnc = Math.min(bestEnc, (System.nanoTime() - t) / 1e9);
            t = System.nanoTime();
            try (InputStream in = new BufferedInputStream(Files.newInputStream(enc), 1 << 16)) {
                new ArtifactDecryptor().decrypt(in, OutputStream.nullOutputStream(), "bench", List.of(new LocalKeyIdentity(keys)),
                        ProgressListener.NONE, CancellationToken.NONE);
            }
            bestDec = Math.min(bestDec, (System.nanoTime() - t) / 1e9);
        }
        Files.deleteIfExists(enc);
        System.out.printf("| msw encrypt, warm JVM (in-process, best of 3) | %.2f | %.0f | | | | |%n", bestEnc, mb / bestEnc);
        System.out.printf("| msw decrypt + verify → null, warm JVM (in-process, best of 3) | %.2f | %.0f | | | | |%n", bestDec, mb / bestDec);
    }
}
