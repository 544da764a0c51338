package dev.msw.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * The training run behind the {@code ./msw} launcher's class-data-sharing archive: the launcher starts this
 * once per build with {@code -XX:ArchiveClassesAtExit}, and every later run maps the classes loaded here
 * from the archive instead of reading, parsing and verifying them from the jars again. It runs the everyday
 * verbs in-process on throw-away data in a temporary config folder (keyring, key, encrypt, header, decrypt,
 * keygen, sign, verify of a file and a folder, inspect, predict), so the user's own keyring and audit log are
 * never touched. A verb that fails here only leaves its classes out of the archive.
 *
 * <p>Usage: {@code java -XX:ArchiveClassesAtExit=msw.jsa -cp ... dev.msw.cli.ClassDataTraining [REPO_DIR]},
 * where {@code REPO_DIR} holds {@code sample-models/} for the predict run.
 */
public final class ClassDataTraining {
    private ClassDataTraining() {
    }

    public static void main(String[] args) throws IOException {
        Path repo = Path.of(args.length > 0 ? args[0] : ".");
        Path dir = Files.createTempDirectory("msw-cds-training");
        String previous = System.getProperty("msw.config.dir");
        System.setProperty("msw.config.dir", dir.resolve("config").toString());
        int failed = 0;
        List<String[]> runs = runs(dir, repo);
        try {
            for (String[] run : runs) {
                failed += execute(run) == 0 ? 0 : 1;
            }
        } finally {
            if (previous == null) {
                System.clearProperty("msw.config.dir");
            } else {
                System.setProperty("msw.config.dir", previous);
            }
            deleteTree(dir);
        }
        System.out.println("class-data training: " + failed + " of " + runs.size() + " runs failed");
    }

    private static List<String[]> runs(Path dir, Path repo) throws IOException {
        Path kp = Files.writeString(dir.resolve("keyring.pass"), "class-data training passphrase\n");
        Path data = dir.resolve("model.bin");
        byte[] bytes = new byte[300 * 1024];
        new java.util.Random(1).nextBytes(bytes);
        Files.write(data, bytes);
        Path folder = Files.createDirectories(dir.resolve("model"));
        Files.write(folder.resolve("weights.bin"), bytes);
        // protocol-2 pickle of an empty dict: a file inspect parses fully
        Files.write(folder.resolve("state.pkl"), new byte[] {(byte) 0x80, 2, '}', 'q', 0, '.'});
        String d = dir.toString();
        List<String[]> runs = new ArrayList<>(List.of(
                new String[] {"--help"},
                new String[] {"--version"},
                new String[] {"keyring", "init", "--passphrase-file", kp.toString()},
                new String[] {"key", "create", "training", "--keyring-passphrase-file", kp.toString()},
                new String[] {"encrypt", data.toString(), "-o", d + "/model.bin.msw", "--key", "training",
                        "--keyring-passphrase-file", kp.toString()},
                new String[] {"header", d + "/model.bin.msw"},
                new String[] {"decrypt", d + "/model.bin.msw", "-o", d + "/model.out",
                        "--keyring-passphrase-file", kp.toString()},
                new String[] {"keygen", "--type", "ec-p256", "-o", d + "/k.pem", "--public-out", d + "/k.pub.pem"},
                new String[] {"sign", data.toString(), "--key", d + "/k.pem", "-o", d + "/model.sig"},
                new String[] {"verify", data.toString(), "--pubkey", d + "/k.pub.pem", "--signature", d + "/model.sig"},
                new String[] {"sign", folder.toString(), "--key", d + "/k.pem", "--signature", d + "/folder.sig"},
                new String[] {"verify", folder.toString(), "--pubkey", d + "/k.pub.pem", "--signature", d + "/folder.sig"},
                new String[] {"inspect", folder.toString()}));
        Path iris = repo.resolve("sample-models/iris-classifier.onnx");
        if (Files.isRegularFile(iris)) {
            runs.add(new String[] {"predict", "--model", iris.toString(), "--input",
                    "{\"sepal_length\": 5.1, \"sepal_width\": 3.5, \"petal_length\": 1.4, \"petal_width\": 0.2}"});
        }
        return runs;
    }

    private static int execute(String[] args) {
        CommandLine cl = MswCommand.commandLineFor(args);
        PrintWriter discard = new PrintWriter(Writer.nullWriter());
        cl.setOut(discard);
        cl.setErr(discard);
        try {
            return cl.execute(args);
        } catch (RuntimeException | LinkageError e) {
            return 1;
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
