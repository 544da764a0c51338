package dev.msw.app.console;

import dev.msw.app.shell.SessionKeyring;
import dev.msw.app.task.RunningTask;
import dev.msw.app.task.TaskRunner;
import dev.msw.core.AtomicOutput;
import dev.msw.core.CancellationToken;
import dev.msw.core.ProgressListener;
import dev.msw.crypto.ArtifactHeader;
import dev.msw.crypto.Identity;
import dev.msw.crypto.PassphraseIdentity;
import dev.msw.keys.LocalKeyring;
import dev.msw.pipeline.BatchInputs;
import dev.msw.pipeline.BatchRunner;
import dev.msw.pipeline.BatchSummary;
import dev.msw.pipeline.ContractException;
import dev.msw.pipeline.LoadedModel;
import dev.msw.pipeline.ModelContract;
import dev.msw.pipeline.ModelFiles;
import dev.msw.pipeline.Pipeline;
import dev.msw.pipeline.PredictionAudit;
import dev.msw.pipeline.RobustnessProbe;
import dev.msw.pipeline.RunReport;
import dev.msw.pipeline.RunResult;
import dev.msw.pipeline.SampleModels;
import dev.msw.pipeline.StageExamples;
import dev.msw.pipeline.StageResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
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
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State and commands of the Console tab, free of controls so it can be tested without a toolkit: the loaded
 * model, the request text, the contract being edited, the last run, the history, batch and probe results.
 * All long work goes through the {@link TaskRunner}.
 */
public final class ConsoleViewModel {
    /** One past run: when, on which model, with what input, and its result. */
    public record HistoryEntry(LocalTime time, String model, String input, RunResult result) {
        @Override
        public String toString() {
            String what = result.allowed() ? "allowed · " + abbreviate(result.output())
                    : "blocked at " + result.failedStage().map(StageResult::id).orElse("?");
            return time.format(DateTimeFormatter.ofPattern("HH:mm:ss")) + "  " + model + "  " + what;
        }
    }

    private record BatchOutcome(BatchSummary summary, List<RunResult> rows) {
    }

    // ---- properties ----
    private final ObservableList<String> models = FXCollections.observableArrayList(SampleModels.FILES);
    private final ReadOnlyObjectWrapper<LoadedModel> model = new ReadOnlyObjectWrapper<>();
    private final StringProperty input = new SimpleStringProperty("");
    private final StringProperty contractText = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper contractStatus = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper contractValid = new ReadOnlyBooleanWrapper(true);
    private final ReadOnlyObjectWrapper<RunResult> result = new ReadOnlyObjectWrapper<>();
    private final ObservableList<HistoryEntry> history = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<BatchSummary> batchSummary = new ReadOnlyObjectWrapper<>();
    private final ObservableList<RunResult> batchResults = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<RobustnessProbe.Report> probe = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("Loading the sample models…");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ObjectProperty<Throwable> error = new SimpleObjectProperty<>();
    private final BooleanProperty animate = new SimpleBooleanProperty(true);

    private final TaskRunner tasks;
    private final Consumer<RunningTask> progressSink;
    private final SessionKeyring keyring;
    private Pipeline pipeline;
    private String modelFile;
    private String loadedContract = "";

    public ConsoleViewModel(TaskRunner tasks, Consumer<RunningTask> progressSink, SessionKeyring keyring) {
        this.tasks = tasks;
        this.progressSink = progressSink;
        this.keyring = keyring;
        contractText.addListener((o, was, now) -> validateContract(now));
    }

    public ObservableList<String> models() {
        return models;
    }

    public ReadOnlyObjectProperty<LoadedModel> modelProperty() {
        return model.getReadOnlyProperty();
    }

    public StringProperty inputProperty() {
        return input;
    }

    public StringProperty contractTextProperty() {
        return contractText;
    }

    public ReadOnlyStringProperty contractStatusProperty() {
        return contractStatus.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty contractValidProperty() {
        return contractValid.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<RunResult> resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ObservableList<HistoryEntry> history() {
        return history;
    }

    public ReadOnlyObjectProperty<BatchSummary> batchSummaryProperty() {
        return batchSummary.getReadOnlyProperty();
    }

    public ObservableList<RunResult> batchResults() {
        return batchResults;
    }

    public ReadOnlyObjectProperty<RobustnessProbe.Report> probeProperty() {
        return probe.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** The last failure of a command, for the view to show in an error dialog. */
    public ObjectProperty<Throwable> errorProperty() {
        return error;
    }

    public BooleanProperty animateProperty() {
        return animate;
    }

    public List<StageExamples.Example> examples() {
        return StageExamples.all();
    }

    // ---- commands ----

    /** Loads a bundled sample (the encrypted one with its documented demo passphrase). */
    public void loadSample(String file) {
        load(file, () -> SampleModels.load(file, ProgressListener.NONE, CancellationToken.NONE), null);
    }

    /**
     * Loads a model file. An encrypted one is opened with {@code passphrase} (may be null) and with the
     * session keyring's keys while it is unlocked, like {@code msw console --key}.
     */
    public void loadFile(Path file, char[] passphrase) {
        String name = file.getFileName().toString();
        LocalKeyring ring = keyring.keyring().orElse(null);
        load(name, () -> {
            List<Identity> ids = new ArrayList<>();
            PassphraseIdentity pi = passphrase == null ? null : new PassphraseIdentity(passphrase);
            if (pi != null) {
                ids.add(pi);
            }
            if (ring != null) {
                ids.add(ring.identity());
            }
            try {
                return ModelFiles.load(file, null, ids, ProgressListener.NONE, CancellationToken.NONE);
            } finally {
                if (pi != null) {
                    pi.destroy();
                }
            }
        }, null);
        if (!models.contains(name)) {
            models.add(name);
        }
    }

    /** Unlocks the session keyring (for every tab) with its passphrase, then loads the model with its keys. */
    public void unlockKeyringAndLoad(Path file, char[] keyringPassphrase) {
        Path ringPath = keyring.path();
        busy.set(true);
        message.set("Unlocking the keyring…");
        track(tasks.run("Unlock the keyring", (p, c) -> {
            try {
                return LocalKeyring.open(ringPath, keyringPassphrase);
            } finally {
                Arrays.fill(keyringPassphrase, '\0');
            }
        }, ring -> {
            busy.set(false);
            keyring.adopt(ring);
            loadFile(file, null);
        }, this::fail));
    }

    /** Whether the session keyring is unlocked, so that models encrypted for its keys open without a question. */
    public boolean keyringUnlocked() {
        return keyring.isUnlocked();
    }

    /** The recipient types in an encrypted model's header ({@code local}, {@code passphrase}…); empty if unreadable. */
    public static Set<String> recipientTypes(Path file) {
        try {
            Set<String> types = new HashSet<>();
            ArtifactHeader.read(file).stanzas().forEach(st -> types.add(st.type()));
            return types;
        } catch (IOException | RuntimeException e) {
            return Set.of();
        }
    }

    private interface Loader {
        LoadedModel load() throws Exception;
    }

    private void load(String file, Loader loader, Runnable then) {
        busy.set(true);
        message.set("Loading " + file + "…");
        track(tasks.run("Load " + file, (p, c) -> loader.load(), m -> {
            LoadedModel old = model.get();
            model.set(m);
            modelFile = file;
            pipeline = new Pipeline(m);
            loadedContract = m.contract().json();
            contractText.set(loadedContract);
            result.set(null);
            batchSummary.set(null);
            batchResults.clear();
            probe.set(null);
            if (old != null) {
                old.close();
            }
            busy.set(false);
            message.set("Loaded " + m.name() + " (" + m.contract().name() + ")" + (m.encrypted()
                    ? ", decrypted in memory only" : "") + ".");
            if (then != null) {
                then.run();
            }
        }, this::fail));
    }

    /** Puts an example's input (and, for examples that need one, its contract) in place, loading its model. */
    public void tryExample(StageExamples.Example e) {
        Runnable apply = () -> {
            input.set(e.input());
            if (e.contractPatch() != null) {
                contractText.set(e.contractText());
                applyContract();
            } else if (!contractText.get().equals(SampleModels.contractText(e.model()))) {
                contractText.set(SampleModels.contractText(e.model()));
                applyContract();
            }
            message.set("Example: " + e.menuLabel() + ". Press Run.");
        };
        if (e.model().equals(modelFile) && model.get() != null) {
            apply.run();
        } else {
            load(e.model(), () -> SampleModels.load(e.model(), ProgressListener.NONE, CancellationToken.NONE), apply);
        }
    }

    private void validateContract(String text) {
        try {
            ModelContract.parse(text, "the contract");
            contractValid.set(true);
            contractStatus.set("Valid contract.");
        } catch (ContractException e) {
            contractValid.set(false);
            contractStatus.set("Line " + e.line() + ": " + e.reason());
        }
    }

    /** Uses the edited contract for the current model (checked against the model first). */
    public boolean applyContract() {
        LoadedModel m = model.get();
        if (m == null) {
            return false;
        }
        try {
            LoadedModel updated = m.withContract(ModelContract.parse(contractText.get(), m.name() + ".contract.json"));
            model.set(updated);
            pipeline = new Pipeline(updated);
            message.set("Contract applied to " + m.name() + ".");
            return true;
        } catch (ContractException e) {
            contractValid.set(false);
            contractStatus.set("Line " + e.line() + ": " + e.reason());
            return false;
        }
    }

    /** Puts back the contract the model was loaded with and uses it. */
    public void revertContract() {
        contractText.set(loadedContract);
        applyContract();
    }

    /** Runs the current input through the twelve stages. */
    public void run() {
        if (pipeline == null) {
            return;
        }
        Pipeline p = pipeline;
        LoadedModel m = model.get();
        String request = input.get();
        busy.set(true);
        track(tasks.run("Predict", (progress, cancel) -> p.run(request), r -> {
            PredictionAudit.record(m, r, "gui");
            result.set(r);
            history.add(0, new HistoryEntry(LocalTime.now(), m.name(), request, r));
            busy.set(false);
            message.set(r.allowed() ? "Allowed in " + r.totalMicros() + " µs."
                    : "Blocked by " + r.failedStage().map(s -> s.id() + " " + s.name()).orElse("?") + ".");
        }, this::fail));
    }

    /** Shows a past run again. */
    public void showHistory(HistoryEntry e) {
        input.set(e.input());
        result.set(e.result());
    }

    public void runBatch(Path file) {
        if (pipeline == null) {
            return;
        }
        Pipeline p = pipeline;
        LoadedModel m = model.get();
        busy.set(true);
        track(tasks.run("Batch " + file.getFileName(), (progress, cancel) -> {
            List<String> rows = BatchInputs.read(file);
            List<RunResult> collected = new ArrayList<>(rows.size());
            BatchSummary s = new BatchRunner(p, Runtime.getRuntime().availableProcessors())
                    .run(rows, (i, r) -> collected.add(r), progress, cancel);
            return new BatchOutcome(s, collected);
        }, done -> {
            BatchSummary s = done.summary();
            List<RunResult> rows = done.rows();
            PredictionAudit.recordBatch(m, s.allowed(), s.blocked(), "gui");
            batchResults.setAll(rows);
            batchSummary.set(s);
            busy.set(false);
            message.set(s.rows() + " rows: " + s.allowed() + " allowed, " + s.blocked() + " blocked.");
        }, this::fail));
    }

    public void runProbe(double epsilon, int trials) {
        if (pipeline == null) {
            return;
        }
        Pipeline p = pipeline;
        String request = input.get();
        busy.set(true);
        track(tasks.run("Robustness probe", (progress, cancel) -> RobustnessProbe.probe(p, request, epsilon, trials,
                progress, cancel), r -> {
            probe.set(r);
            busy.set(false);
            message.set("Probe: the class flipped in " + r.totalFlips() + " of " + r.totalTrials() + " nudges of ±"
                    + Math.round(epsilon * 100) + "%.");
        }, this::fail));
    }

    /** Writes the last run as a JSON or HTML report. */
    public void exportReport(Path file, boolean html) throws IOException {
        RunResult r = result.get();
        LoadedModel m = model.get();
        if (r == null || m == null) {
            throw new IllegalStateException("run a prediction first");
        }
        HistoryEntry last = history.stream().filter(h -> h.result() == r).findFirst().orElse(null);
        String in = last != null ? last.input() : input.get();
        String text = html ? RunReport.html(m, in, r) : RunReport.json(m, in, r);
        try (AtomicOutput out = AtomicOutput.create(file, true)) {
            out.stream().write(text.getBytes(StandardCharsets.UTF_8));
            out.commit();
        }
        message.set("Report written to " + file + ".");
    }

    private void fail(Throwable t) {
        busy.set(false);
        message.set(t.getMessage());
        error.set(t);
    }

    private void track(RunningTask t) {
        if (progressSink != null && t != null) {
            progressSink.accept(t);
        }
    }

    static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        return s.length() > 48 ? s.substring(0, 48) + "…" : s;
    }
}
