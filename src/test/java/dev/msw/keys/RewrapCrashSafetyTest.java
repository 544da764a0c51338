package dev.msw.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.msw.core.CancellationToken;
import dev.msw.core.ProgressListener;
import dev.msw.crypto.ArtifactDecryptor;
import dev.msw.crypto.ArtifactHeader;
import dev.msw.crypto.ArtifactEncryptor;
import dev.msw.testsupport.Cli;
import dev.msw.testsupport.ConfigDir;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real {@code java … dev.msw.Launcher rewrap} child process (SIGKILL, no shutdown hooks) in the middle
 * of rewrapping many files, then checks that every file still decrypts to its original content and that a second
 * run finishes the job.
 */
class RewrapCrashSafetyTest {
    private static final int FILES = 240;

    @TempDir
    Path tmp;
    private String previousConfig;

    @BeforeEach
    void isolate() {
        previousConfig = ConfigDir.point(tmp.resolve("config"));
    }

    @AfterEach
    void restoreConfig() {
        ConfigDir.restore(previousConfig);
    }

    @Test
    void killedRewrapLeavesEveryFileReadableAndARerunFinishes() throws Exception {
        LocalKeyring keyring = KeyFixtures.keyring(tmp);
        keyring.createKey("team");
        Path models = Files.createDirectories(tmp.resolve("models"));
        List<byte[]> plains = new ArrayList<>();
        ArtifactEncryptor enc = new ArtifactEncryptor().withChunkSize(16 * 1024).withThreads(1);
        for (int i = 0; i < FILES; i++) {
            byte[] p = KeyFixtures.plaintext(40_000 + i, i);
            plains.add(p);
            try (var out = Files.newOutputStream(models.resolve(String.format("m%03d.msw", i)))) {
                enc.encrypt(new java.io.ByteArrayInputStream(p), out, p.length, List.of(keyring.recipient("team")),
                        ProgressListener.NONE, CancellationToken.NONE);
            }
        }
        keyring.addVersion("team");

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path") + File.pathSeparator
                + Path.of("target", "classes").toAbsolutePath(), "dev.msw.Launcher", "rewrap", models.toString(), "--key", "team",
                "--keyring", keyring.path().toString());
        pb.environment().put("MSW_KEYRING_PASSPHRASE", KeyFixtures.PASSPHRASE);
        pb.environment().put("MSW_CONFIG_DIR", tmp.resolve("config").toString());
        pb.redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile());
        Process child = pb.start();
        int rewrapped = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (rewrapped < 10 && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(15);
            rewrapped = countAtVersion(models, 2);
        }
        assertTrue(child.isAlive(), "the child finished before it could be killed (" + rewrapped + " files rewrapped): "
                + Files.readString(tmp.resolve("child.log")));
        child.destroyForcibly();
        assertTrue(child.waitFor(20, TimeUnit.SECONDS));
        int atV2 = countAtVersion(models, 2);
        assertTrue(atV2 >= 10 && atV2 < FILES, "killed mid-run: " + atV2 + " of " + FILES + " files were rewrapped");

        // every file opens, with v1 or v2, and holds its original content
        ArtifactDecryptor dec = new ArtifactDecryptor().withThreads(1);
        for (int i = 0; i < FILES; i++) {
            Path f = models.resolve(String.format("m%03d.msw", i));
            assertArrayEquals(plains.get(i), dec.decryptToMemory(f, List.of(keyring.identity()), ProgressListener.NONE,
                    CancellationToken.NONE), f + " must decrypt after the crash");
        }

        Cli.Result rerun = Cli.run("rewrap", models.toString(), "--key", "team", "--keyring", keyring.path().toString(),
                "--keyring-passphrase-file", KeyFixtures.passphraseFile(tmp).toString(), "--clean-temp", "--json");
        assertEquals(0, rerun.exitCode(), rerun.toString());
        var summary = new com.fasterxml.jackson.databind.ObjectMapper().readTree(rerun.out());
        assertEquals(FILES - atV2, summary.get("done").asInt(), rerun.toString());
        assertEquals(atV2, summary.get("current").asInt());
        assertEquals(FILES, countAtVersion(models, 2));
        try (var s = Files.list(models)) {
            assertEquals(FILES, s.count(), "no temporary files remain after --clean-temp");
        }
    }

    private static int countAtVersion(Path dir, int version) throws Exception {
        int n = 0;
        try (var s = Files.list(dir)) {
            for (Path f : s.filter(p -> p.getFileName().toString().endsWith(".msw")).toList()) {
                try {
                    if (ArtifactHeader.read(f).stanzas().get(0).args().get(1).equals(Integer.toString(version))) {
                        n++;
                    }
                } catch (java.io.IOException | RuntimeException racing) {
                    // replaced while we read it: counted on the next poll
                }
            }
        }
        return n;
    }
}
