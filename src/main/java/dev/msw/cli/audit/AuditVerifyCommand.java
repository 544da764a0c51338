package dev.msw.cli.audit;

import dev.msw.audit.AuditLog;
import dev.msw.cli.JsonOutput;
import dev.msw.cli.MswCommand;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code msw audit verify}: exit 0 when every entry's hash and link hold, 1 naming the first broken entry. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Check the audit log's hash chain; names the first edited, removed or reordered entry.")
public final class AuditVerifyCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--log", paramLabel = "FILE", description = "Audit log to check (default: audit.jsonl in the config folder).")
    Path logFile;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        AuditLog log = logFile != null ? new AuditLog(logFile) : AuditLog.standard();
        AuditLog.AuditVerification v = log.verify();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("log", log.file().toString());
            m.put("intact", v.intact());
            m.put("entries", v.entries());
            if (!v.intact()) {
                m.put("brokenLine", v.brokenLine());
            }
            m.put("message", v.message());
            JsonOutput.print(out, m);
        } else if (v.intact()) {
            out.println("Audit log " + log.file() + ": " + v.message() + ".");
        } else {
            spec.commandLine().getErr().println("msw: audit log " + log.file() + " is broken: " + v.message()
                    + ". Entries before line " + v.brokenLine() + " are intact; keep a copy of the file as evidence.");
        }
        out.flush();
        return v.intact() ? MswCommand.EXIT_OK : MswCommand.EXIT_FAILED;
    }
}
