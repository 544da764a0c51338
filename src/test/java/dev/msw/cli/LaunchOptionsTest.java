package dev.msw.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JVM options the launchers add (installers/jvm-options for every launcher, installers/jvm-options-crypto with
 * the compiler directives for ./msw's cryptography verbs): a typo there stops the JVM before msw runs ("Could not
 * create the Java Virtual Machine"), so a child JVM starts with exactly those options and runs keygen, encrypt
 * (Argon2id and AES-GCM), decrypt, sign and verify.
 */
class LaunchOptionsTest {
    @TempDir
    Path dir;

    /** The lines ./msw passes to a cryptography verb: installers/jvm-options, then installers/jvm-options-crypto. */
    static List<String> launcherOptions() throws IOException {
        List<String> opts = new ArrayList<>();
        Path installers = Path.of("installers").toAbsolutePath();
        for (String file : List.of("jvm-options", "jvm-options-crypto")) {
            for (String line : Files.readAllLines(installers.resolve(file))) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    opts.add(line.strip().replace("${installers}", installers.toString()));
                }
            }
        }
        return opts;
    }

    private String run(String... args) throws Exception {
        return new String(run(false, args), StandardCharsets.UTF_8);
    }

    /** Runs msw in a child JVM; returns standard output (with standard error too unless {@code stdoutOnly}). */
    private byte[] run(boolean stdoutOnly, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(launcherOptions());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path") + File.pathSeparator + Path.of("target", "classes").toAbsolutePath());
        cmd.add("dev.msw.Launcher");
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(!stdoutOnly);
        pb.environment().put("MSW_CONFIG_DIR", dir.resolve("config").toString());
        Path log = dir.resolve("child.log");
        Path err = dir.resolve("child.err");
        pb.redirectOutput(log.toFile());
        if (stdoutOnly) {
            pb.redirectError(err.toFile());
        }
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the child JVM did not finish");
        byte[] stdout = Files.readAllBytes(log);
        String out = new String(stdout, StandardCharsets.UTF_8) + (stdoutOnly ? Files.readString(err) : "");
        assertEquals(0, p.exitValue(), String.join(" ", args) + " failed:\n" + out);
        assertFalse(out.contains("CompileCommand") || out.contains("directives") || out.contains("Unrecognized"), out);
        return stdout;
    }

    @Test
    void cryptographyVerbsRunWithTheLaunchersJitOptions() throws Exception {
        Path model = dir.resolve("model.bin");
        byte[] data = new byte[(2 << 20) + 5];
        new java.util.Random(11).nextBytes(data);
        Files.write(model, data);
        Path pass = Files.writeString(dir.resolve("pass.txt"), "a passphrase for the launcher test\n");

        run("keygen", "--type", "ec-p256", "-o", dir.resolve("key.pem").toString(), "--public-out",
                dir.resolve("pub.pem").toString());
        run("sign", model.toString(), "--key", dir.resolve("key.pem").toString(), "--format", "openssl");
        assertTrue(run("verify", model.toString(), "--public-key", dir.resolve("pub.pem").toString(), "--signature",
                dir.resolve("model.bin.sig").toString()).contains("Verified: model.bin is exactly the file that was signed"));

        run("encrypt", model.toString(), "-o", dir.resolve("model.msw").toString(), "--passphrase-file", pass.toString());
        run("decrypt", dir.resolve("model.msw").toString(), "-o", dir.resolve("back.bin").toString(),
                "--passphrase-file", pass.toString());
        assertTrue(java.util.Arrays.equals(data, Files.readAllBytes(dir.resolve("back.bin"))));
        // to standard output nothing but the plaintext: the JVM must not announce anything there
        assertTrue(java.util.Arrays.equals(data, run(true, "decrypt", dir.resolve("model.msw").toString(), "-o", "-",
                "--passphrase-file", pass.toString())));
    }
}
