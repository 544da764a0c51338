package dev.msw.app.artifacts;

import dev.msw.crypto.ArtifactBatch;
import java.nio.file.Path;

/**
 * Where the tab writes results: into the chosen output folder, or beside the input. {@code model.onnx} ↔
 * {@code model.onnx.msw}; folder {@code models} → {@code models-encrypted} → {@code models-decrypted}.
 */
final class OutputNames {
    private OutputNames() {
    }

    static Path encrypted(Path input, Path outputFolder) {
        String name = input.getFileName().toString();
        String target = java.nio.file.Files.isDirectory(input) ? name + "-encrypted" : name + ArtifactBatch.EXTENSION;
        return folder(input, outputFolder).resolve(target);
    }

    static Path decrypted(Path input, Path outputFolder) {
        String name = input.getFileName().toString();
        String target;
        if (java.nio.file.Files.isDirectory(input)) {
            target = (name.endsWith("-encrypted") ? name.substring(0, name.length() - "-encrypted".length()) : name)
                    + "-decrypted";
        } else if (name.endsWith(ArtifactBatch.EXTENSION) && name.length() > ArtifactBatch.EXTENSION.length()) {
            target = name.substring(0, name.length() - ArtifactBatch.EXTENSION.length());
        } else {
            target = name + ".decrypted";
        }
        return folder(input, outputFolder).resolve(target);
    }

    private static Path folder(Path input, Path outputFolder) {
        if (outputFolder != null) {
            return outputFolder;
        }
        Path parent = input.toAbsolutePath().getParent();
        return parent == null ? Path.of(".") : parent;
    }
}
