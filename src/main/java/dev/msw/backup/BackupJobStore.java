package dev.msw.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.msw.core.AppPaths;
import dev.msw.core.AtomicOutput;
import dev.msw.core.UserFacingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Saved backup jobs: {@code backup-jobs.json} in the config folder, replaced atomically on every change. */
public final class BackupJobStore {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Path file;

    public BackupJobStore(Path file) {
        this.file = file;
    }

    public static BackupJobStore standard() {
        return new BackupJobStore(AppPaths.configDir().resolve("backup-jobs.json"));
    }

    public Path file() {
        return file;
    }

    public synchronized List<BackupJob> list() throws IOException {
        List<BackupJob> jobs = new ArrayList<>();
        if (!Files.exists(file)) {
            return jobs;
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UserFacingException("Cannot read the backup jobs file " + file, "it is not valid JSON (" + e.getMessage() + ")",
                    "fix or remove the file; jobs are plain JSON", e);
        }
        for (JsonNode n : root.path("jobs")) {
            List<Path> sources = new ArrayList<>();
            n.path("sources").forEach(s -> sources.add(Path.of(s.asText())));
            JsonNode r = n.path("retention");
            jobs.add(new BackupJob(n.path("name").asText(), sources, Path.of(n.path("destination").asText()),
                    BackupSchedule.parse(n.path("schedule").asText("manual")),
                    new Retention(r.path("keepLast").asInt(0), r.path("keepDaily").asInt(0), r.path("keepWeekly").asInt(0)),
                    n.hasNonNull("signingKey") ? Path.of(n.get("signingKey").asText()) : null,
                    n.path("allowPlaintextModels").asBoolean(false),
                    n.hasNonNull("created") ? Instant.parse(n.get("created").asText()) : null));
        }
        return jobs;
    }

    public Optional<BackupJob> find(String name) throws IOException {
        return list().stream().filter(j -> j.name().equals(name)).findFirst();
    }

    public BackupJob require(String name) throws IOException {
        Optional<BackupJob> job = find(name);
        if (job.isEmpty()) {
            throw new UserFacingException("No backup job named '" + name + "'", "the saved jobs are: " + names(),
                    "list them with 'msw backup job list' or add one with 'msw backup job add'");
        }
        return job.get();
    }

    private String names() throws IOException {
        List<String> n = list().stream().map(BackupJob::name).toList();
        return n.isEmpty() ? "(none)" : String.join(", ", n);
    }

    /** Adds {@code job}; refuses a name already in use unless {@code replace}. */
    public synchronized void add(BackupJob job, boolean replace) throws IOException {
        List<BackupJob> jobs = list();
        boolean exists = jobs.stream().anyMatch(j -> j.name().equals(job.name()));
        if (exists && !replace) {
            throw new UserFacingException("A backup job named '" + job.name() + "' already exists",
                    "job names are unique", "choose another name, or remove the old job first with 'msw backup job rm " + job.name() + "'");
        }
        jobs.removeIf(j -> j.name().equals(job.name()));
        jobs.add(job);
        save(jobs);
        dev.msw.audit.Audit.record("backup.job.add", job.name(), "success", java.util.Map.of("destination",
                job.destination().toString(), "schedule", job.schedule().toString(), "signed", Boolean.toString(job.signingKey() != null)));
    }

    /** Removes the job (its backups stay where they are); returns false if there was none. */
    public synchronized boolean remove(String name) throws IOException {
        List<BackupJob> jobs = list();
        boolean removed = jobs.removeIf(j -> j.name().equals(name));
        if (removed) {
            save(jobs);
            dev.msw.audit.Audit.record("backup.job.remove", name, "success", java.util.Map.of());
        }
        return removed;
    }

    private void save(List<BackupJob> jobs) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", 1);
        ArrayNode arr = root.putArray("jobs");
        for (BackupJob j : jobs) {
            ObjectNode n = arr.addObject();
            n.put("name", j.name());
            ArrayNode s = n.putArray("sources");
            j.sources().forEach(p -> s.add(p.toString()));
            n.put("destination", j.destination().toString());
            n.put("schedule", j.schedule().toString());
            ObjectNode r = n.putObject("retention");
            r.put("keepLast", j.retention().keepLast());
            r.put("keepDaily", j.retention().keepDaily());
            r.put("keepWeekly", j.retention().keepWeekly());
            if (j.signingKey() != null) {
                n.put("signingKey", j.signingKey().toString());
            }
            n.put("allowPlaintextModels", j.allowPlaintextModels());
            n.put("created", j.created().toString());
        }
        try (AtomicOutput out = AtomicOutput.create(file, true)) {
            out.stream().write(JSON.writeValueAsBytes(root));
            out.commit();
        }
    }
}
