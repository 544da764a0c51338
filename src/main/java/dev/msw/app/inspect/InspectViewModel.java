package dev.msw.app.inspect;

import dev.msw.app.shell.ErrorDialogs;
import dev.msw.app.task.RunningTask;
import dev.msw.app.task.TaskRunner;
import dev.msw.audit.Audit;
import dev.msw.inspect.ArtifactInspector;
import dev.msw.inspect.ArtifactReport;
import dev.msw.inspect.InspectionReport;
import dev.msw.inspect.ReportExport;
import dev.msw.inspect.ScanLimits;
import dev.msw.inspect.Severity;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** State and commands of the Inspect tab; no controls, so it is tested without a toolkit. */
public final class InspectViewModel {
    /** Export formats offered by the tab. */
    public enum ExportFormat {
        JSON("json"), SARIF("sarif"), HTML("html");

        private final String extension;

        ExportFormat(String extension) {
            this.extension = extension;
        }

        public String extension() {
            return extension;
        }
    }

    // ---- properties
    private final ObservableList<Path> paths = FXCollections.observableArrayList();
    private final BooleanProperty strict = new SimpleBooleanProperty();
    private final ReadOnlyObjectWrapper<InspectionReport> report = new ReadOnlyObjectWrapper<>();
    private final ObjectProperty<ArtifactReport> selected = new SimpleObjectProperty<>();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("Drop model files or folders here, or add them.");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final BooleanBinding scanDisabled = Bindings.isEmpty(paths).or(running);
    private final BooleanBinding exportDisabled = report.isNull().or(running);

    public ObservableList<Path> paths() {
        return paths;
    }

    public BooleanProperty strictProperty() {
        return strict;
    }

    public ReadOnlyObjectProperty<InspectionReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    public ObjectProperty<ArtifactReport> selectedProperty() {
        return selected;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public BooleanBinding scanDisabled() {
        return scanDisabled;
    }

    public BooleanBinding exportDisabled() {
        return exportDisabled;
    }

    // ---- commands

    /** Adds paths (dropped or chosen), skipping ones already listed. */
    public void add(List<Path> more) {
        for (Path p : more) {
            Path a = p.toAbsolutePath().normalize();
            if (!paths.contains(a)) {
                paths.add(a);
            }
        }
    }

    public void clear() {
        paths.clear();
        report.set(null);
        selected.set(null);
        summary.set("Drop model files or folders here, or add them.");
        error.set("");
    }

    /** Scans the listed paths in the background; the report replaces the previous one when done. */
    public RunningTask scan(TaskRunner tasks) {
        List<Path> targets = new ArrayList<>(paths);
        boolean isStrict = strict.get();
        running.set(true);
        error.set("");
        summary.set("Scanning " + targets.size() + (targets.size() == 1 ? " path…" : " paths…"));
        return tasks.run("Inspecting", (progress, cancel) -> {
            InspectionReport r = new ArtifactInspector(ScanLimits.defaults(), isStrict).inspect(targets, progress, cancel);
            Audit.record("inspect", String.join(", ", targets.stream().map(Path::toString).toList()),
                    r.failsAt(Severity.CRITICAL) ? "findings" : "clean",
                    Map.of("critical", Integer.toString(r.count(Severity.CRITICAL)), "warning",
                            Integer.toString(r.count(Severity.WARNING)), "strict", Boolean.toString(isStrict), "via", "gui"));
            return r;
        }, r -> {
            running.set(false);
            report.set(r);
            selected.set(r.files().isEmpty() ? null : r.files().get(0));
            summary.set(describe(r));
        }, t -> {
            running.set(false);
            error.set(ErrorDialogs.describe(t));
            summary.set(t instanceof dev.msw.core.CancelledException ? "Scan cancelled." : "Scan failed.");
        });
    }

    /** Writes the current report; returns the path written. */
    public Path export(ExportFormat format, Path target) throws IOException {
        InspectionReport r = report.get();
        if (r == null) {
            throw new IllegalStateException("nothing to export yet");
        }
        String text = switch (format) {
            case JSON -> ReportExport.json(r);
            case SARIF -> ReportExport.sarif(r);
            case HTML -> ReportExport.html(r);
        };
        ReportExport.write(target, text);
        summary.set(describe(r) + " Exported " + format.name() + " to " + target.getFileName() + ".");
        return target;
    }

    static String describe(InspectionReport r) {
        Severity w = r.worst();
        String verdict = w == Severity.CRITICAL ? "Do not load: critical findings."
                : w == Severity.WARNING ? "Review the warnings before loading." : "No unsafe content found.";
        return String.format(Locale.ROOT, "%d file(s) scanned in %d ms: %d critical, %d warning, %d info%s. %s",
                r.files().size(), r.millis(), r.count(Severity.CRITICAL), r.count(Severity.WARNING),
                r.count(Severity.INFO), r.strict() ? " (strict)" : "", verdict);
    }
}
