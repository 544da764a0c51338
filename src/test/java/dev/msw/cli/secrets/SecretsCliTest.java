package dev.msw.cli.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.msw.testsupport.Cli;
import dev.msw.testsupport.ConfigDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** msw secrets / msw policy on the local encrypted store. */
class SecretsCliTest {
    @TempDir
    Path dir;
    String previous;

    @BeforeEach
    void isolate() throws Exception {
        previous = ConfigDir.point(dir);
        Files.writeString(dir.resolve("pass"), "local keyring passphrase\n");
    }

    @AfterEach
    void restore() {
        ConfigDir.restore(previous);
    }

    private Cli.Result run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (args[0].equals("secrets") || (args.length > 1 && (args[1].equals("matrix") || args[1].equals("setup-environments")))) {
            all.addAll(List.of("--store", "local", "--secrets-file", dir.resolve("s.msw").toString(), "--keyring",
                    dir.resolve("k.p12").toString(), "--keyring-passphrase-file", dir.resolve("pass").toString()));
        }
        return Cli.run(all.toArray(String[]::new));
    }

    @Test
    void putGetLsHistoryRmOnTheLocalStore() {
        Cli.Result put = run("secrets", "put", "development", "model/secret", "api_key=abc123", "region=eu");
        assertEquals(0, put.exitCode(), put.toString());
        assertTrue(put.out().contains("version 1"), put.out());
        assertEquals(0, run("secrets", "put", "development", "model/secret", "api_key=def456", "--cas", "1").exitCode());
        Cli.Result conflict = run("secrets", "put", "development", "model/secret", "api_key=x", "--cas", "1");
        assertEquals(1, conflict.exitCode());
        assertTrue(conflict.err().contains("you edited version 1, the current version is 2"), conflict.err());
        assertFalse(conflict.err().contains("def456"));

        assertEquals("def456\n", run("secrets", "get", "development", "model/secret", "--field", "api_key").out());
        assertEquals("abc123\n", run("secrets", "get", "development", "model/secret", "--version", "1", "--field", "api_key").out());
        assertEquals("model/\n", run("secrets", "ls", "development").out());
        assertEquals("secret\n", run("secrets", "ls", "development", "model").out());
        assertEquals("model/secret\n", run("secrets", "ls", "development", "--search", "SECR").out());

        assertEquals(0, run("secrets", "rm", "development", "model/secret").exitCode());
        Cli.Result hist = run("secrets", "history", "development", "model/secret");
        assertTrue(hist.out().contains("2        deleted"), hist.out());
        assertTrue(hist.out().contains("1        active"), hist.out());

        assertEquals(0, run("secrets", "put", "production", "db", "password=p").exitCode());
        Cli.Result noConfirm = run("secrets", "rm", "production", "db", "--all");
        assertEquals(2, noConfirm.exitCode());
        assertTrue(noConfirm.err().contains("--confirm production/db"), noConfirm.err());
        assertEquals(0, run("secrets", "rm", "production", "db", "--all", "--confirm", "production/db").exitCode());
        assertEquals(1, run("secrets", "get", "production", "db").exitCode());
        assertEquals(1, run("secrets", "get", "staging", "db").exitCode());

        String audit;
        try (var files = java.nio.file.Files.walk(dir)) {
            audit = files.filter(f -> f.getFileName().toString().startsWith("audit")).map(f -> {
                try {
                    return java.nio.file.Files.readString(f);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).reduce("", String::concat);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertTrue(audit.contains("secret-write") && audit.contains("secret-read") && audit.contains("secret-delete-all"),
                "reads, writes and deletes are audited");
        assertFalse(audit.contains("abc123") || audit.contains("def456"), "never a value in the audit log");
    }

    @Test
    void setupEnvironmentsThenRolesAreEnforcedAndTheMatrixShows() {
        assertEquals(0, run("secrets", "put", "production", "db", "password=p").exitCode());
        Cli.Result setup = run("policy", "setup-environments");
        assertEquals(0, setup.exitCode(), setup.toString());
        assertTrue(setup.out().contains("Verified"), setup.out());
        Cli.Result denied = run("secrets", "get", "production", "db", "--as", "developer");
        assertEquals(1, denied.exitCode());
        assertTrue(denied.err().contains("permission denied: your token (policies [developer]) lacks `read` on "
                + "`secret/data/production/db`"), denied.err());
        Cli.Result matrix = run("policy", "matrix");
        assertEquals(0, matrix.exitCode(), matrix.toString());
        assertTrue(matrix.out().lines().anyMatch(l -> l.startsWith("developer") && l.contains("production")
                && !l.contains("yes")), matrix.out());
    }

    @Test
    void policyCheckAndLint() throws Exception {
        Path dev = dir.resolve("developer.hcl");
        Files.writeString(dev, """
                path "secret/data/development/*" { capabilities = ["read", "create", "update"] }
                path "secret/data/production/*" { capabilities = ["deny"] }
                """);
        Cli.Result allowed = Cli.run("policy", "check", dev.toString(), "--path", "secret/data/development/db", "--op", "read");
        assertEquals(0, allowed.exitCode(), allowed.toString());
        assertTrue(allowed.out().contains("policy \"developer\" line 1"), allowed.out());
        Cli.Result denied = Cli.run("policy", "check", dev.toString(), "--path", "secret/data/production/db", "--op", "read");
        assertEquals(1, denied.exitCode());
        assertTrue(denied.out().contains("deny"), denied.out());
        assertEquals(2, Cli.run("policy", "check", dev.toString(), "--path", "x", "--op", "sudo").exitCode());

        Path seed = dir.resolve("model-dev.hcl");
        Files.writeString(seed, "path \"model/development/*\" {\n  capabilities = [\"read\", \"list\"]\n}\n");
        Cli.Result lint = Cli.run("policy", "lint", seed.toString(), "--kv-v2-mount", "model");
        assertEquals(1, lint.exitCode());
        assertTrue(lint.out().contains("model-dev:1: error [kv2-missing-data]"), lint.out());
        assertTrue(lint.out().contains("model/data/development/*"), lint.out());
        assertEquals(0, Cli.run("policy", "lint", dev.toString()).exitCode());
        Files.writeString(seed, "path \"model\" { capabilities = [\"reed\"] }");
        Cli.Result bad = Cli.run("policy", "lint", seed.toString());
        assertEquals(1, bad.exitCode());
        assertTrue(bad.err().contains("invalid capability \"reed\""), bad.err());
    }
}
