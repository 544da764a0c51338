package dev.msw.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.msw.core.UserFacingException;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What one complete backup holds: every file with its size and SHA-256 (which is also its object name in the
 * repository), how each file is protected, what was skipped and why. Written last, so its presence means the
 * backup finished.
 */
public record BackupManifest(String id, String job, Instant created, Instant completed, List<String> sources,
                             List<Entry> files, List<Skipped> skipped) {
    public static final String FORMAT = "msw-backup-manifest/1";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One backed-up file; {@code path} is relative, '/'-separated, starting with its source's label. */
    public record Entry(String path, long size, String sha256, FileProtection protection, Instant modified) {
    }

    /** A file left out, with the reason (e.g. an unencrypted model). */
    public record Skipped(String path, String reason) {
    }

    public long totalBytes() {
        return files.stream().mapToLong(Entry::size).sum();
    }

    public long unprotectedFiles() {
        return files.stream().filter(f -> !f.protection().isProtected()).count();
    }

    public byte[] toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("id", id);
        root.put("job", job);
        root.put("created", created.toString());
        root.put("completed", completed.toString());
        ArrayNode src = root.putArray("sources");
        sources.forEach(src::add);
        ObjectNode totals = root.putObject("totals");
        totals.put("files", files.size());
        totals.put("bytes", totalBytes());
        totals.put("notEncrypted", unprotectedFiles());
        ArrayNode arr = root.putArray("files");
        for (Entry e : files) {
            ObjectNode n = arr.addObject();
            n.put("path", e.path());
            n.put("size", e.size());
            n.put("sha256", e.sha256());
            n.put("protection", e.protection().name());
            n.put("modified", e.modified().toString());
        }
        ArrayNode sk = root.putArray("skipped");
        for (Skipped s : skipped) {
            sk.addObject().put("path", s.path()).put("reason", s.reason());
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static BackupManifest parse(byte[] json, String where) {
        try {
            JsonNode root = JSON.readTree(json);
            if (!FORMAT.equals(root.path("format").asText())) {
                throw new IOException("unknown format '" + root.path("format").asText() + "'");
            }
            List<String> sources = new ArrayList<>();
            root.path("sources").forEach(s -> sources.add(s.asText()));
            List<Entry> files = new ArrayList<>();
            for (JsonNode n : root.path("files")) {
                String sha = n.path("sha256").asText();
                String path = n.path("path").asText();
                if (!sha.matches("[0-9a-f]{64}") || path.isEmpty() || path.startsWith("/") || path.contains("..")
                        || path.contains("\\")) {
                    throw new IOException("entry '" + path + "' has an invalid path or hash");
                }
                files.add(new Entry(path, n.path("size").asLong(), sha,
                        FileProtection.valueOf(n.path("protection").asText("PLAINTEXT")),
                        Instant.parse(n.path("modified").asText("1970-01-01T00:00:00Z"))));
            }
            List<Skipped> skipped = new ArrayList<>();
            root.path("skipped").forEach(s -> skipped.add(new Skipped(s.path("path").asText(), s.path("reason").asText())));
            return new BackupManifest(root.path("id").asText(), root.path("job").asText(),
                    Instant.parse(root.path("created").asText()), Instant.parse(root.path("completed").asText()),
                    sources, files, skipped);
        } catch (IOException | RuntimeException e) {
            throw new UserFacingException("Cannot read the backup manifest " + where,
                    "it is damaged or not a workbench manifest (" + e.getMessage() + ")",
                    "run 'msw backup verify' on another backup, or restore from an older one");
        }
    }
}
