package dev.msw.bench;

import dev.msw.core.AtomicOutput;
import dev.msw.core.CancellationToken;
import dev.msw.core.ProgressListener;
import dev.msw.crypto.ArtifactEncryptor;
import dev.msw.crypto.ArtifactHeader;
import dev.msw.crypto.HeaderRewriter;
import dev.msw.keys.KeyPolicyStore;
import dev.msw.keys.LocalKeyBackend;
import dev.msw.keys.LocalKeyring;
import dev.msw.keys.Rekeyer;
import dev.msw.keys.RewrapSummary;
import dev.msw.keys.Rewrapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Key rotation cost on one large artifact: rewrap (in place, and the copying fallback) against re-encrypting the
 * same file (rekey) and against encrypting it with the peer tool age, all in the same run. Run by bench/keys.sh.
 * Arguments: work folder, size in MiB, path to the age binary, path to age-keygen.
 */
public final class KeyRotationBenchmark {
    private KeyRotationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long mib = Long.parseLong(args[1]);
        String age = args[2];
        String ageKeygen = args[3];
        Files.createDirectories(dir);
        // audit records of the benchmark go to its own folder, not the user's log
        System.setProperty("msw.config.dir", dir.resolve("config").toString());
        Path plain = dir.resolve("model.bin");
        writeRandom(plain, mib << 20);
        char[] pass = "benchmark passphrase".toCharArray();
        Files.deleteIfExists(dir.resolve("keyring.p12"));
        Files.deleteIfExists(dir.resolve("keyring.p12.policy.json"));
        LocalKeyring ring = LocalKeyring.create(dir.resolve("keyring.p12"), pass);
        ring.createKey("team");
        LocalKeyBackend backend = new LocalKeyBackend(ring, new KeyPolicyStore(dir.resolve("keyring.p12.policy.json")));
        Path enc = dir.resolve("model.bin.msw");
        Files.deleteIfExists(enc);

        double encrypt = time(() -> new ArtifactEncryptor().encrypt(plain, enc, List.of(ring.recipient("team")), false,
                ProgressListener.NONE, CancellationToken.NONE));
        // first rewrap in this JVM (class loading, JIT, first keyring lookups) on a 1 MiB artifact; also warms up
        Path small = dir.resolve("small.bin.msw");
        Files.deleteIfExists(small);
        try (AtomicOutput out = AtomicOutput.create(small, true)) {
            new ArtifactEncryptor().encrypt(new java.io.ByteArrayInputStream(new byte[1 << 20]), out.stream(), 1 << 20,
                    List.of(ring.recipient("team")), ProgressListener.NONE, CancellationToken.NONE);
            out.commit();
        }
        ring.addVersion("team");
        settle(small);
        double smallRewrap = time(() -> check(new Rewrapper(backend).rewrap("team", List.of(small), ProgressListener.NONE,
                CancellationToken.NONE), "small rewrap"));
        Files.deleteIfExists(small);
        double[] rewrap = new double[1];
        double[] runs = new double[3];
        for (int i = 0; i < runs.length; i++) {
            ring.addVersion("team");
            settle(enc);
            RewrapSummary[] s = new RewrapSummary[1];
            runs[i] = time(() -> s[0] = new Rewrapper(backend).rewrap("team", List.of(enc), ProgressListener.NONE,
                    CancellationToken.NONE));
            check(s[0], "rewrap in place");
        }
        java.util.Arrays.sort(runs);
        rewrap[0] = runs[1];
        ring.addVersion("team");
        settle(enc);
        double copyRewrap = time(() -> HeaderRewriter.rewrap(enc, enc, List.of(backend.identity()), List.of(ring.recipient("team")), true,
                ProgressListener.NONE, CancellationToken.NONE));
        settle(enc);
        double rekey = time(() -> check(new Rekeyer(List.of(backend), List.of(), null).rekey(List.of(enc), ProgressListener.NONE,
                CancellationToken.NONE), "rekey"));
        Path identity = dir.resolve("age-identity.txt");
        Files.deleteIfExists(identity);
        run(ageKeygen, "-o", identity.toString());
        String recipient = Files.readAllLines(identity).stream().filter(l -> l.startsWith("# public key: ")).findFirst()
                .orElseThrow().substring("# public key: ".length());
        Path ageOut = dir.resolve("model.bin.age");
        Files.deleteIfExists(ageOut);
        double ageEncrypt = time(() -> run(age, "-r", recipient, "-o", ageOut.toString(), plain.toString()));

        System.out.printf(Locale.ROOT, "artifact size              %d MiB (header %d bytes)%n", mib, ArtifactHeader.read(enc).length());
        System.out.printf(Locale.ROOT, "msw encrypt (setup, cold)  %8.3f s%n", encrypt);
        System.out.printf(Locale.ROOT, "msw rewrap (in place, median of 3) %6.3f s%n", rewrap[0]);
        System.out.printf(Locale.ROOT, "msw rewrap (copy fallback) %8.3f s%n", copyRewrap);
        System.out.printf(Locale.ROOT, "msw rewrap 1 MiB (first, cold) %6.3f s%n", smallRewrap);
        System.out.printf(Locale.ROOT, "msw rekey (re-encrypt)     %8.3f s%n", rekey);
        System.out.printf(Locale.ROOT, "age encrypt (peer)         %8.3f s%n", ageEncrypt);
        System.out.printf(Locale.ROOT, "ratio rewrap / re-encrypt           %6.2f %%  (target < 10 %%)%n", 100 * rewrap[0] / rekey);
        System.out.printf(Locale.ROOT, "ratio copy-fallback / re-encrypt    %6.2f %%%n", 100 * copyRewrap / rekey);
        System.out.printf(Locale.ROOT, "ratio rewrap / age encrypt          %6.2f %%%n", 100 * rewrap[0] / ageEncrypt);
        System.out.printf(Locale.ROOT, "ratio msw rekey / age encrypt       %6.2f%n", rekey / ageEncrypt);
        for (Path p : List.of(plain, enc, ageOut)) {
            Files.deleteIfExists(p);
        }
    }

    private interface Work {
        void run() throws Exception;
    }

    private static double time(Work w) throws Exception {
        long t = System.nanoTime();
        w.run();
        return (System.nanoTime() - t) / 1e9;
    }

    /** Flushes the file's pending writeback first, so that a timing does not pay for the previous step's writes. */
    private static void settle(Path file) throws IOException {
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    private static void check(RewrapSummary s, String what) {
        if (s.count(RewrapSummary.Outcome.DONE) != 1) {
            throw new IllegalStateException(what + " did not process the artifact: " + s);
        }
    }

    private static void run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed");
        }
    }

    private static void writeRandom(Path file, long bytes) throws IOException {
        byte[] block = new byte[1 << 20];
        Random r = new Random(42);
        try (AtomicOutput out = AtomicOutput.create(file, true); OutputStream os = out.stream()) {
            for (long done = 0; done < bytes; done += block.length) {
                r.nextBytes(block);
                os.write(block, 0, (int) Math.min(block.length, bytes - done));
            }
            out.commit();
        }
    }
}
