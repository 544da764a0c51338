package dev.msw.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.msw.core.AppPaths;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Append-only JSON-lines audit log, each entry hash-chained to the previous one: entry {@code n} stores
 * {@code prev} = hash of entry {@code n-1} and {@code hash} = SHA-256 over its own canonical content with
 * {@code prev}. Editing, removing or reordering any entry breaks the chain at that entry, which
 * {@link #verify()} reports. Appends take an OS file lock so the CLI and the GUI can log concurrently.
 */
public final class AuditLog {
    static final String GENESIS = "0".repeat(64);
    private static final JsonFactory STREAMING = new JsonFactory();

    private final Path file;

    public AuditLog(Path file) {
        this.file = file;
    }

    /** The user's log, next to the keyring in the config folder. */
    public static AuditLog standard() {
        return new AuditLog(AppPaths.configDir().resolve("audit.jsonl"));
    }

    public Path file() {
        return file;
    }

    /** Appends {@code event}; returns the stored entry. Audit failures never hide the action's own result. */
    public synchronized AuditEntry append(AuditEvent event) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE); FileLock lock = ch.lock()) {
                // the chain continues from the last entry alone: one read of the file's tail, whatever its length
                Tail last = lastEntry(ch);
                String prev = last == null || last.hash() == null ? GENESIS : last.hash();
                long seq = (last == null ? 0 : last.seq()) + 1;
                Instant time = Instant.now();
                String user = System.getProperty("user.name", "unknown");
                Map<String, String> details = new TreeMap<>(event.details());
                Map<String, Object> fields = fields(seq, time, user, event, details, prev);
                String hash = hash(fields);
                byte[] line = entryJson(fields, hash);
                ch.position(ch.size());
                ch.write(java.nio.ByteBuffer.wrap(line));
                ch.force(false);
                return new AuditEntry(seq, time, user, event.identity(), event.action(), event.target(), event.outcome(),
                        details, hash);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the audit log " + file, e);
        }
    }

    /** All entries, oldest first. */
    public List<AuditEntry> read() throws IOException {
        List<AuditEntry> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                out.add(AuditEntry.of((ObjectNode) Tree.MAPPER.readTree(line)));
            }
        }
        return out;
    }

    /** Checks every entry's hash and link; the first broken entry is named. */
    public AuditVerification verify() throws IOException {
        if (!Files.exists(file)) {
            return new AuditVerification(true, 0, -1, "the audit log is empty");
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String prev = GENESIS;
        int n = 0;
        for (String line : lines) {
            n++;
            if (line.isBlank()) {
                continue;
            }
            ObjectNode node;
            try {
                node = (ObjectNode) Tree.MAPPER.readTree(line);
            } catch (IOException | ClassCastException e) {
                return new AuditVerification(false, n - 1, n, "line " + n + " is not a valid audit entry (edited or corrupted)");
            }
            String stored = node.path("hash").asText();
            String link = node.path("prev").asText();
            long seq = node.path("seq").asLong();
            if (seq != n) {
                return new AuditVerification(false, n - 1, n, "entry on line " + n + " has sequence number " + seq
                        + ": an entry before it was removed, or entries were reordered");
            }
            if (!link.equals(prev)) {
                return new AuditVerification(false, n - 1, n, "entry " + n + " does not follow entry " + (n - 1)
                        + ": an entry was removed, inserted or reordered");
            }
            node.remove("hash");
            if (!hash(node).equals(stored)) {
                return new AuditVerification(false, n - 1, n, "entry " + n + " (" + node.path("action").asText()
                        + " on " + node.path("target").asText() + ") was edited after it was written");
            }
            prev = stored;
        }
        return new AuditVerification(true, n, -1, "all " + n + " entries intact");
    }

    private static String hash(ObjectNode node) {
        ObjectNode copy = node.deepCopy();
        copy.remove("hash");
        try {
            return sha256Hex(Tree.MAPPER.writeValueAsBytes(canonical(copy)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256Hex(byte[] canonical) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode canonical(JsonNode n) {
        if (!n.isObject()) {
            return n;
        }
        ObjectNode sorted = Tree.MAPPER.createObjectNode();
        TreeMap<String, JsonNode> m = new TreeMap<>();
        n.fields().forEachRemaining(e -> m.put(e.getKey(), canonical(e.getValue())));
        m.forEach(sorted::set);
        return sorted;
    }

    /** A new entry's fields, without "hash", in the order stored lines have always had them. */
    private static Map<String, Object> fields(long seq, Instant time, String user, AuditEvent e,
                                              Map<String, String> details, String prev) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("seq", seq);
        f.put("time", time.toString());
        f.put("user", user);
        if (e.identity() != null) {
            f.put("identity", e.identity());
        }
        f.put("action", e.action());
        f.put("target", e.target());
        f.put("outcome", e.outcome());
        f.put("details", details);
        f.put("prev", prev);
        return f;
    }

    /**
     * The stored line of a new entry. Written with Jackson's streaming generator rather than an {@code ObjectMapper},
     * whose first use costs a command ~0.15 s of start-up (date formats, locale data); {@link #verify()} parses it
     * back with the tree model and checks the same hash.
     */
    private static byte[] entryJson(Map<String, Object> fields, String hash) throws IOException {
        Map<String, Object> stored = new LinkedHashMap<>(fields);
        stored.put("hash", hash);
        byte[] json = json(stored);
        byte[] line = Arrays.copyOf(json, json.length + 1);
        line[json.length] = '\n';
        return line;
    }

    /** The hash of a new entry: the canonical form (keys sorted, no "hash") that {@link #hash(ObjectNode)} gives. */
    private static String hash(Map<String, Object> fields) throws IOException {
        return sha256Hex(json(new TreeMap<>(fields)));
    }

    /** Compact JSON of string and number fields and one level of string maps (details, kept sorted). */
    private static byte[] json(Map<String, Object> fields) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = STREAMING.createGenerator(out)) {
            g.writeStartObject();
            for (Map.Entry<String, Object> f : fields.entrySet()) {
                if (f.getValue() instanceof Long n) {
                    g.writeNumberField(f.getKey(), n);
                } else if (f.getValue() instanceof Map<?, ?> m) {
                    g.writeObjectFieldStart(f.getKey());
                    for (Map.Entry<?, ?> d : m.entrySet()) {
                        g.writeStringField((String) d.getKey(), (String) d.getValue());
                    }
                    g.writeEndObject();
                } else {
                    g.writeStringField(f.getKey(), (String) f.getValue());
                }
            }
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    /** What the next entry needs of the last one. */
    private record Tail(long seq, String hash) {
    }

    /** The last entry's sequence number and hash; null when the log is empty. Reads backwards from the end until a whole line is in. */
    private static Tail lastEntry(FileChannel ch) throws IOException {
        long size = ch.size();
        int window = (int) Math.min(size, 4096);
        while (window > 0) {
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(window);
            while (buf.hasRemaining() && ch.read(buf, size - window + buf.position()) > 0) {
                // a positional read may return fewer bytes than asked; keep reading until the window is full
            }
            String tail = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).stripTrailing();
            int nl = tail.lastIndexOf('\n');
            if (nl >= 0 || window == size) {
                String line = tail.substring(nl + 1);
                return line.isEmpty() ? null : tailOf(line);
            }
            window = (int) Math.min(size, (long) window * 4);   // an entry longer than the window: read more
        }
        return null;
    }

    /** The top-level "seq" and "hash" of one stored line (0 and null where missing, as the tree model's defaults). */
    private static Tail tailOf(String line) throws IOException {
        long seq = 0;
        String hash = null;
        try (JsonParser p = STREAMING.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("the last line of the audit log is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("seq".equals(name) && value.isScalarValue()) {
                    seq = p.getValueAsLong(0);
                } else if ("hash".equals(name) && value == JsonToken.VALUE_STRING) {
                    hash = p.getText();
                } else {
                    p.skipChildren();
                }
            }
        }
        return new Tail(seq, hash);
    }

    /** The tree model, for reading and verifying the whole log; created on first use, never by {@link #append}. */
    private static final class Tree {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    /** A stored entry. */
    public record AuditEntry(long seq, Instant time, String user, String identity, String action, String target,
                             String outcome, Map<String, String> details, String hash) {
        static AuditEntry of(ObjectNode n) {
            Map<String, String> d = new TreeMap<>();
            n.path("details").fields().forEachRemaining(e -> d.put(e.getKey(), e.getValue().asText()));
            return new AuditEntry(n.path("seq").asLong(), Instant.parse(n.path("time").asText("1970-01-01T00:00:00Z")),
                    n.path("user").asText(), n.hasNonNull("identity") ? n.get("identity").asText() : null,
                    n.path("action").asText(), n.path("target").asText(), n.path("outcome").asText(), d,
                    n.path("hash").asText());
        }
    }

    /** Result of {@link #verify()}: {@code brokenLine} is -1 when intact. */
    public record AuditVerification(boolean intact, int entries, int brokenLine, String message) {
    }
}
