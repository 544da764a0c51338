package dev.msw.pipeline;

import dev.msw.core.CancellationToken;
import dev.msw.core.ProgressListener;
import dev.msw.core.UserFacingException;
import dev.msw.crypto.PassphraseIdentity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The sample models the Console opens with. They are read from a {@code sample-models/} folder (the working
 * folder's, or the one beside the installed application) when present, otherwise from the copies bundled in
 * the application, so the Console works anywhere.
 */
public final class SampleModels {
    /** File names of the samples, in menu order. */
    public static final List<String> FILES = List.of("iris-classifier.onnx", "support-intent.onnx",
            "diabetes-regressor.onnx", "iris-classifier.onnx.msw");

    /**
     * The passphrase of the encrypted sample. It is public on purpose (documented in docs/console.md): the
     * sample shows how encrypted models load, it protects nothing.
     */
    public static final String DEMO_PASSPHRASE = "msw-demo-passphrase";

    public static final String EXAMPLES = "examples.json";

    private SampleModels() {
    }

    /** The samples folder on disk, if there is one. */
    public static Optional<Path> directory() {
        Path cwd = Path.of("sample-models").toAbsolutePath();
        if (Files.isRegularFile(cwd.resolve(FILES.get(0)))) {
            return Optional.of(cwd);
        }
        try {
            Path code = Path.of(SampleModels.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path p = code.getParent(); p != null; p = p.getParent()) {
                Path candidate = p.resolve("sample-models");
                if (Files.isRegularFile(candidate.resolve(FILES.get(0)))) {
                    return Optional.of(candidate);
                }
                if (p.getNameCount() < code.getNameCount() - 3) {
                    break;
                }
            }
        } catch (URISyntaxException | RuntimeException e) {
            // no usable code location (e.g. a custom class loader): fall back to the bundled copies
        }
        return Optional.empty();
    }

    /** Bytes of a sample file: from the folder if found, else the bundled copy. */
    public static byte[] read(String file) {
        Optional<Path> dir = directory();
        try {
            if (dir.isPresent() && Files.isRegularFile(dir.get().resolve(file))) {
                return Files.readAllBytes(dir.get().resolve(file));
            }
            try (InputStream in = SampleModels.class.getResourceAsStream("/sample-models/" + file)) {
                if (in == null) {
                    throw new UserFacingException("The sample " + file + " is missing",
                            "it is neither in a sample-models folder nor bundled with the application",
                            "reinstall msw or run sample-models/train.py");
                }
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read sample " + file, e);
        }
    }

    public static String contractText(String modelFile) {
        return new String(read(ModelFiles.baseName(modelFile) + ".contract.json"), StandardCharsets.UTF_8);
    }

    /** Loads a sample with its contract; the encrypted one is opened with {@link #DEMO_PASSPHRASE}. */
    public static LoadedModel load(String file, ProgressListener progress, CancellationToken cancel) {
        ModelContract contract = ModelContract.parse(contractText(file), ModelFiles.baseName(file) + ".contract.json");
        PassphraseIdentity demo = new PassphraseIdentity(DEMO_PASSPHRASE.toCharArray());
        try {
            return ModelFiles.fromBytes(file, read(file), contract, List.of(demo), progress, cancel);
        } finally {
            demo.destroy();
        }
    }
}
