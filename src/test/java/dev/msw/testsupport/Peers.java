package dev.msw.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Finds the peer tools the integration tests talk to (openssl, age, and the Python venv's bao, model_signing,
 * python with hvac/onnxruntime). A missing peer fails the test with the command that installs it: tests are
 * never silently skipped.
 */
public final class Peers {
    private Peers() {
    }

    /** The Python virtual environment made by {@code .ci/test} ({@code .venv} at the repository root). */
    public static Path venv() {
        String v = System.getProperty("msw.venv", System.getenv("MSW_VENV"));
        Path p = v != null && !v.isBlank() ? Path.of(v) : Path.of(".venv").toAbsolutePath();
        if (!Files.isDirectory(p.resolve("bin"))) {
            throw new AssertionError("The Python test environment " + p + " is missing: run 'bash .ci/test' once "
                    + "(it creates .venv with requirements-test.txt), or set MSW_VENV to an existing venv.");
        }
        return p;
    }

    /** A program from the venv's bin folder (bao, model_signing, python). */
    public static Path venvTool(String name) {
        Path p = venv().resolve("bin").resolve(name);
        if (!Files.isExecutable(p)) {
            throw new AssertionError(name + " is missing from " + venv() + "/bin: run 'bash .ci/test' to install "
                    + "requirements-test.txt into the venv.");
        }
        return p;
    }

    public static Path python() {
        return venvTool("python");
    }

    /** A program on PATH (openssl, age), or an assertion error naming the Debian package. */
    public static Path system(String name, String debianPackage) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        throw new AssertionError(name + " is not on PATH: install it with 'apt-get install " + debianPackage + "'.");
    }

    public record Run(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    /** Runs a peer command, waiting at most {@code timeoutSeconds}. */
    public static Run exec(long timeoutSeconds, Path workDir, Object... command) {
        List<String> cmd = new ArrayList<>();
        for (Object o : command) {
            cmd.add(String.valueOf(o));
        }
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd);
            if (workDir != null) {
                pb.directory(workDir.toFile());
            }
            Path out = Files.createTempFile("peer", ".out");
            Path err = Files.createTempFile("peer", ".err");
            pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
            Process p = pb.start();
            p.getOutputStream().close();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("peer command timed out after " + timeoutSeconds + " s: " + cmd);
            }
            Run r = new Run(p.exitValue(), Files.readString(out), Files.readString(err));
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            return r;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + cmd + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + cmd, e);
        }
    }
}
