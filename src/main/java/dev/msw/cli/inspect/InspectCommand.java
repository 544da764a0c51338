package dev.msw.cli.inspect;

import dev.msw.audit.Audit;
import dev.msw.cli.MswCommand;
import dev.msw.cli.ProgressLine;
import dev.msw.core.CancellationToken;
import dev.msw.inspect.ArtifactInspector;
import dev.msw.inspect.ArtifactReport;
import dev.msw.inspect.Finding;
import dev.msw.inspect.InspectionReport;
import dev.msw.inspect.ReportExport;
import dev.msw.inspect.ScanLimits;
import dev.msw.inspect.Severity;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code msw inspect PATH…}: what is inside model artifacts, without loading them; exit 1 gates a pipeline. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Scan model files for unsafe content without loading them.",
            "Formats are recognised by content: pickle (PyTorch, joblib, NumPy), ONNX, safetensors, GGUF, Keras,",
            "zip/tar/7z archives and compressed wrappers, the msw container."},
        footer = {"", "Exit codes: 0 no finding at or above the threshold, 1 findings at or above it, 2 usage or I/O error.",
            "Example (CI gate): msw inspect models/ --strict --sarif inspect.sarif"})
public final class InspectCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or folders to scan (folders recursively).")
    List<Path> paths;

    @Option(names = "--json", description = "Print the report as JSON on stdout.")
    boolean json;

    @Option(names = "--sarif", paramLabel = "FILE", description = "Also write a SARIF 2.1.0 report to FILE.")
    Path sarif;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write an HTML report to FILE.")
    Path html;

    @Option(names = "--strict", description = "Treat callables that are not on the allowlist as critical.")
    boolean strict;

    @Option(names = "--fail-on", paramLabel = "SEVERITY", defaultValue = "critical",
            description = "Lowest severity that makes the exit code 1: critical (default), warning or info.")
    Severity failOn;

    @Option(names = "--max-opcodes", paramLabel = "N", description = "Pickle opcodes per file (default ${DEFAULT-VALUE}).",
            defaultValue = "200000000")
    long maxOpcodes;

    @Option(names = "--max-memo", paramLabel = "N", description = "Pickle memo entries (default ${DEFAULT-VALUE}).",
            defaultValue = "5000000")
    int maxMemo;

    @Option(names = "--max-decompressed", paramLabel = "BYTES",
            description = "Bytes read out of one compressed member (default ${DEFAULT-VALUE}).", defaultValue = "68719476736")
    long maxDecompressed;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        for (Path p : paths) {
            if (!Files.exists(p)) {
                err.println("msw: cannot inspect " + p + ": no such file or folder. Check the path.");
                err.flush();
                return MswCommand.EXIT_USAGE;
            }
        }
        ScanLimits limits = ScanLimits.defaults().withMaxOpcodes(maxOpcodes).withMaxMemo(maxMemo)
                .withMaxDecompressed(maxDecompressed);
        ProgressLine progress = new ProgressLine(err, false);
        InspectionReport report;
        try {
            report = new ArtifactInspector(limits, strict).inspect(paths, progress, new CancellationToken());
        } catch (java.io.IOException e) {
            err.println("msw: cannot inspect: " + e.getMessage() + ". Check the paths and permissions.");
            err.flush();
            return MswCommand.EXIT_USAGE;
        } finally {
            progress.finish();
        }
        if (sarif != null) {
            ReportExport.write(sarif, ReportExport.sarif(report));
        }
        if (html != null) {
            ReportExport.write(html, ReportExport.html(report));
        }
        if (json) {
            out.println(ReportExport.json(report));
        } else {
            print(out, report);
        }
        out.flush();
        boolean fails = report.failsAt(failOn);
        Audit.record("inspect", String.join(", ", paths.stream().map(Path::toString).toList()),
                fails ? "findings" : "clean", Map.of("critical", Integer.toString(report.count(Severity.CRITICAL)),
                        "warning", Integer.toString(report.count(Severity.WARNING)), "strict", Boolean.toString(strict),
                        "files", Integer.toString(report.files().size())));
        return fails ? MswCommand.EXIT_FAILED : MswCommand.EXIT_OK;
    }

    private void print(PrintWriter out, InspectionReport report) {
        for (ArtifactReport a : report.files()) {
            print(out, a, "");
        }
        out.printf("%n%d file(s): %d critical, %d warning, %d info%s%n", report.files().size(),
                report.count(Severity.CRITICAL), report.count(Severity.WARNING), report.count(Severity.INFO),
                strict ? " (strict)" : "");
    }

    private void print(PrintWriter out, ArtifactReport a, String indent) {
        Severity w = a.worst();
        out.printf("%s%s  [%s, %s]  %s%n", indent, a.name(), a.format(), a.size() >= 0 ? a.size() + " bytes" : "size unknown",
                w == null ? "clean" : w.label().toUpperCase(java.util.Locale.ROOT));
        if (indent.isEmpty() && a.sha256() != null) {
            out.printf("%s  sha256 %s%n", indent, a.sha256());
        }
        for (Finding f : a.findings()) {
            out.printf("%s  %-8s %s%s%s: %s%s%n", indent, f.severity().label(), f.rule(),
                    f.subject().isEmpty() ? "" : " " + f.subject(), f.offset() >= 0 ? " @" + f.offset() : "", f.why(),
                    f.occurrences() > 1 ? " (×" + f.occurrences() + ")" : "");
        }
        for (ArtifactReport m : a.members()) {
            print(out, m, indent + "  ");
        }
    }
}
