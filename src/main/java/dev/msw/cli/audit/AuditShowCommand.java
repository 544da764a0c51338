package dev.msw.cli.audit;

import dev.msw.audit.AuditLog;
import dev.msw.audit.AuditLog.AuditEntry;
import dev.msw.audit.AuditQuery;
import dev.msw.cli.JsonOutput;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code msw audit show}: list audit entries, oldest first, filtered. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "List audit log entries, oldest first.")
public final class AuditShowCommand implements Callable<Integer> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--since", paramLabel = "WHEN", description = "Only entries since WHEN: an age (30m, 24h, 7d, 2w), a date (2026-11-25) or an instant (2026-11-25T10:00:00Z).")
    String since;

    @Option(names = "--action", paramLabel = "ACTION", description = "Only this action or action prefix (e.g. key, key.rotate, backup, encrypt).")
    String action;

    @Option(names = "--outcome", paramLabel = "OUTCOME", description = "Only success, failure or denied.")
    String outcome;

    @Option(names = "--grep", paramLabel = "TEXT", description = "Only entries whose target, user or details contain TEXT.")
    String text;

    @Option(names = {"-n", "--last"}, paramLabel = "N", description = "Only the last N matching entries.")
    Integer last;

    @Option(names = "--log", paramLabel = "FILE", description = "Audit log to read (default: audit.jsonl in the config folder).")
    Path logFile;

    @Option(names = "--json", description = "Print the entries as a JSON array.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        AuditLog log = logFile != null ? new AuditLog(logFile) : AuditLog.standard();
        AuditQuery q = new AuditQuery(AuditQuery.parseSince(since, Instant.now()), action, outcome, text);
        List<AuditEntry> entries = q.apply(log.read());
        if (last != null && last >= 0 && entries.size() > last) {
            entries = entries.subList(entries.size() - last, entries.size());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            JsonOutput.print(out, entries.stream().map(AuditShowCommand::toJson).toList());
            return 0;
        }
        if (entries.isEmpty()) {
            out.println("No audit entries match (log: " + log.file() + ").");
        }
        for (AuditEntry e : entries) {
            String who = e.user() + (e.identity() != null ? " (" + e.identity() + ")" : "");
            String details = e.details().entrySet().stream().map(d -> d.getKey() + "=" + d.getValue())
                    .collect(Collectors.joining(" "));
            out.printf("%5d  %s  %-8s %-16s %-8s %s%s%n", e.seq(), TIME.format(e.time()), who, e.action(), e.outcome(),
                    e.target(), details.isEmpty() ? "" : "  [" + details + "]");
        }
        out.flush();
        return 0;
    }

    static java.util.Map<String, Object> toJson(AuditEntry e) {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("seq", e.seq());
        m.put("time", e.time().toString());
        m.put("user", e.user());
        if (e.identity() != null) {
            m.put("identity", e.identity());
        }
        m.put("action", e.action());
        m.put("target", e.target());
        m.put("outcome", e.outcome());
        m.put("details", e.details());
        m.put("hash", e.hash());
        return m;
    }
}
