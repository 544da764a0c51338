package dev.msw.cli.keys;

import dev.msw.cli.JsonOutput;
import dev.msw.cli.ProgressLine;
import dev.msw.core.CancellationToken;
import dev.msw.keys.KeyBackend;
import dev.msw.keys.RewrapSummary;
import dev.msw.keys.RewrapSummary.Outcome;
import dev.msw.keys.Rewrapper;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code msw rewrap PATH… --key NAME}: move artifacts to the key's current version, payload untouched. */
@Command(name = "rewrap", mixinStandardHelpOptions = true,
        description = {"Move artifacts to a key's current version (payload unchanged).",
                "Rewraps every artifact under PATH… for --key: only the key stanzas and header MAC change.",
                "Files already current are skipped; each file is replaced atomically, so an interrupted run can simply be run again."})
public final class RewrapCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    KeyBackendOptions backend;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Artifact files or folders (recursive).")
    List<Path> paths;

    @Option(names = "--key", required = true, paramLabel = "NAME", description = "The key to rewrap to its current version.")
    String key;

    @Option(names = "--clean-temp", description = "Also delete temporary files that an interrupted run left behind (.NAME.*.part).")
    boolean cleanTemp;

    @Option(names = "--json", description = "Print the summary as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        KeyBackend b = backend.open();
        int cleaned = cleanTemp ? Rewrapper.deleteTemporaryFiles(paths) : 0;
        ProgressLine progress = new ProgressLine(spec.commandLine().getErr(), false);
        CancellationToken cancel = new CancellationToken();
        RewrapSummary s;
        try (dev.msw.cli.artifacts.InterruptCancels ignored = new dev.msw.cli.artifacts.InterruptCancels(cancel)) {
            s = new Rewrapper(b).rewrap(key, paths, progress, cancel);
        } finally {
            progress.finish();
        }
        return SummaryPrinter.print(spec.commandLine().getOut(), "Rewrapped", s, cleaned, json);
    }

    /** Shared by rewrap and rekey. */
    static final class SummaryPrinter {
        private SummaryPrinter() {
        }

        static int print(PrintWriter out, String verb, RewrapSummary s, int cleaned, boolean json) {
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                for (Outcome o : Outcome.values()) {
                    m.put(o.name().toLowerCase(), s.count(o));
                }
                m.put("files", s.results().stream().map(r -> Map.of("file", r.file().toString(), "outcome",
                        r.outcome().name().toLowerCase(), "detail", r.detail())).toList());
                m.put("leftoverTemporaryFiles", s.temporaryFiles());
                m.put("deletedTemporaryFiles", cleaned);
                JsonOutput.print(out, m);
                return s.failures().isEmpty() ? 0 : 1;
            }
            s.results().stream().filter(r -> r.outcome() == Outcome.DONE)
                    .forEach(r -> out.println(verb.toLowerCase() + ": " + r.file() + " (" + r.detail() + ")"));
            s.failures().forEach(r -> out.println("FAILED: " + r.file() + ": " + r.detail()));
            out.printf("%s %d, already current %d, other keys %d, not encrypted %d, failed %d.%n", verb, s.count(Outcome.DONE),
                    s.count(Outcome.CURRENT), s.count(Outcome.OTHER_KEY), s.count(Outcome.NOT_ENCRYPTED), s.count(Outcome.FAILED));
            if (cleaned > 0) {
                out.println("Deleted " + cleaned + " temporary file(s) left by an interrupted run.");
            }
            if (s.temporaryFiles() > 0 && cleaned == 0) {
                out.println("Note: " + s.temporaryFiles() + " temporary file(s) from an interrupted run remain; --clean-temp removes them.");
            }
            if (!s.failures().isEmpty()) {
                out.println("Failed files were left exactly as they were; fix the cause and run the same command again.");
            }
            out.flush();
            return s.failures().isEmpty() ? 0 : 1;
        }
    }
}
