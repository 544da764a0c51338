package dev.msw.keys;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.msw.core.AppPaths;
import dev.msw.core.AtomicOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The folders that hold this team's encrypted artifacts ({@code artifact-folders.json} in the config folder):
 * the inventory view shows them, and raising a minimum decryption version checks them by default.
 */
public final class ArtifactFolders {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Path file;

    public ArtifactFolders(Path file) {
        this.file = file;
    }

    public static ArtifactFolders standard() {
        return new ArtifactFolders(AppPaths.configDir().resolve("artifact-folders.json"));
    }

    public synchronized List<Path> list() throws IOException {
        List<Path> out = new ArrayList<>();
        if (Files.exists(file)) {
            JSON.readTree(file.toFile()).path("folders").forEach(n -> out.add(Path.of(n.asText())));
        }
        return out;
    }

    public synchronized void add(Path folder) throws IOException {
        Path p = folder.toAbsolutePath().normalize();
        List<Path> all = list();
        if (!all.contains(p)) {
            all.add(p);
            save(all);
        }
    }

    public synchronized void remove(Path folder) throws IOException {
        List<Path> all = list();
        if (all.remove(folder.toAbsolutePath().normalize())) {
            save(all);
        }
    }

    private void save(List<Path> folders) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode arr = root.putArray("folders");
        folders.forEach(f -> arr.add(f.toString()));
        try (AtomicOutput out = AtomicOutput.create(file, true)) {
            out.stream().write(JSON.writeValueAsBytes(root));
            out.commit();
        }
    }
}
