package dev.msw.app.console;

import dev.msw.app.shell.AppContext;
import dev.msw.app.shell.ErrorDialogs;
import dev.msw.app.widgets.ProgressPanel;
import dev.msw.crypto.LocalKeyRecipient;
import dev.msw.crypto.PassphraseRecipient;
import dev.msw.pipeline.LoadedModel;
import dev.msw.pipeline.ModelFiles;
import dev.msw.pipeline.PiiFinding;
import dev.msw.pipeline.RobustnessProbe;
import dev.msw.pipeline.RunResult;
import dev.msw.pipeline.SampleModels;
import dev.msw.pipeline.StageExamples;
import dev.msw.pipeline.StageResult;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Thin controller of {@code fxml/console.fxml}: binds controls to {@link ConsoleViewModel} and draws results. */
public final class ConsoleView {
    @FXML private BorderPane root;
    @FXML private ComboBox<String> modelBox;
    @FXML private Button openButton;
    @FXML private MenuButton examplesButton;
    @FXML private Button runButton;
    @FXML private MenuButton exportButton;
    @FXML private MenuItem exportJsonItem;
    @FXML private MenuItem exportHtmlItem;
    @FXML private CheckBox animateBox;
    @FXML private TabPane leftTabs;
    @FXML private ToggleButton formToggle;
    @FXML private ToggleButton rawToggle;
    @FXML private ScrollPane formScroll;
    @FXML private TextArea rawInput;
    @FXML private TextArea contractEditor;
    @FXML private Label contractStatus;
    @FXML private Button applyContractButton;
    @FXML private Button revertContractButton;
    @FXML private TextField batchPath;
    @FXML private Button browseBatchButton;
    @FXML private Button runBatchButton;
    @FXML private StackedBarChart<String, Number> batchChart;
    @FXML private CategoryAxis batchX;
    @FXML private TableView<BatchAndProbePanes.BatchRow> batchTable;
    @FXML private Spinner<Double> epsilonSpinner;
    @FXML private Spinner<Integer> trialsSpinner;
    @FXML private Button runProbeButton;
    @FXML private Label probeSummary;
    @FXML private TableView<RobustnessProbe.FeatureSensitivity> probeTable;
    @FXML private ListView<ConsoleViewModel.HistoryEntry> historyList;
    @FXML private VBox flowHolder;
    @FXML private Label detailTitle;
    @FXML private Label detailReason;
    @FXML private Label detailMeta;
    @FXML private TextArea detailData;
    @FXML private TextFlow outputFlow;
    @FXML private VBox piiList;
    @FXML private VBox bottomBox;
    @FXML private Label messageLabel;

    private static final com.fasterxml.jackson.databind.ObjectMapper DETAILS_JSON =
            new com.fasterxml.jackson.databind.ObjectMapper().enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);

    private final StageFlow flow = new StageFlow();
    private final ProgressPanel progress = new ProgressPanel();
    private final Map<String, Path> openedFiles = new HashMap<>();
    private ConsoleViewModel vm;
    private InputForm form;
    private AppContext context;

    public static ConsoleView load(AppContext context) {
        URL url = ConsoleView.class.getResource("/fxml/console.fxml");
        FXMLLoader loader = new FXMLLoader(url);
        try {
            loader.load();
        } catch (IOException e) {
            throw new IllegalStateException("the Console layout fxml/console.fxml is missing or broken", e);
        }
        ConsoleView view = loader.getController();
        view.init(context);
        view.root.getProperties().put(ConsoleView.class, view);
        return view;
    }

    public Parent root() {
        return root;
    }

    public ConsoleViewModel viewModel() {
        return vm;
    }

    StageFlow flow() {
        return flow;
    }

    InputForm form() {
        return form;
    }

    private void init(AppContext ctx) {
        this.context = ctx;
        URL css = ConsoleView.class.getResource("/styles/console.css");
        if (css != null) {
            root.getStylesheets().add(css.toExternalForm());
        }
        vm = new ConsoleViewModel(ctx.tasks(), t -> progress.track(t, false), ctx.keyring());
        bottomBox.getChildren().add(0, progress);
        flowHolder.getChildren().add(flow);
        form = new InputForm(vm.inputProperty());
        formScroll.setContent(form);
        messageLabel.textProperty().bind(vm.messageProperty());

        modelBox.setItems(vm.models());
        modelBox.setId("console-model");
        modelBox.valueProperty().addListener((o, was, now) -> {
            if (opening || now == null || now.equals(was) || (vm.modelProperty().get() != null && ModelFiles.baseName(now)
                    .equals(vm.modelProperty().get().name()) && now.equals(currentFile))) {
                return;
            }
            selectModel(now);
        });
        openButton.setGraphic(new FontIcon(Feather.FOLDER));
        openButton.setOnAction(e -> openModel());
        runButton.setGraphic(new FontIcon(Feather.PLAY));
        runButton.getStyleClass().add(atlantafx.base.theme.Styles.ACCENT);
        runButton.setId("console-run");
        runButton.disableProperty().bind(vm.busyProperty().or(vm.modelProperty().isNull()));
        runButton.setOnAction(e -> vm.run());
        animateBox.selectedProperty().bindBidirectional(vm.animateProperty());
        buildExamplesMenu();
        exportButton.disableProperty().bind(vm.resultProperty().isNull());
        exportJsonItem.setOnAction(e -> export(false));
        exportHtmlItem.setOnAction(e -> export(true));

        ToggleGroup mode = new ToggleGroup();
        formToggle.setToggleGroup(mode);
        rawToggle.setToggleGroup(mode);
        formScroll.visibleProperty().bind(formToggle.selectedProperty());
        rawInput.visibleProperty().bind(rawToggle.selectedProperty());
        mode.selectedToggleProperty().addListener((o, was, now) -> {
            if (now == null) {
                mode.selectToggle(was);
            }
        });
        rawInput.textProperty().bindBidirectional(vm.inputProperty());
        rawInput.setId("console-raw-input");

        contractEditor.textProperty().bindBidirectional(vm.contractTextProperty());
        contractEditor.setId("console-contract");
        contractStatus.textProperty().bind(vm.contractStatusProperty());
        vm.contractValidProperty().addListener((o, was, ok) -> statusClass(contractStatus, ok ? "status-passed" : "status-failed"));
        statusClass(contractStatus, "status-passed");
        applyContractButton.disableProperty().bind(vm.contractValidProperty().not().or(vm.modelProperty().isNull()));
        applyContractButton.setOnAction(e -> vm.applyContract());
        revertContractButton.disableProperty().bind(vm.modelProperty().isNull());
        revertContractButton.setOnAction(e -> vm.revertContract());

        vm.modelProperty().addListener((o, was, m) -> onModel(m));
        vm.resultProperty().addListener((o, was, r) -> showResult(r));
        flow.selectedProperty().addListener((o, was, s) -> showStage(s));
        vm.errorProperty().addListener((o, was, t) -> {
            if (t != null) {
                ErrorDialogs.show(context.window(), "The Console could not finish", t);
                vm.errorProperty().set(null);
            }
        });

        new BatchAndProbePanes(vm, context, batchPath, browseBatchButton, runBatchButton, batchChart, batchX, batchTable)
                .withProbe(epsilonSpinner, trialsSpinner, runProbeButton, probeSummary, probeTable);
        historyList.setItems(vm.history());
        historyList.getSelectionModel().selectedItemProperty().addListener((o, was, h) -> {
            if (h != null) {
                vm.showHistory(h);
            }
        });

        showResult(null);
        currentFile = SampleModels.FILES.get(0);
        modelBox.setValue(currentFile);
        StageExamples.all().stream().filter(x -> x.model().equals(currentFile)).findFirst()
                .ifPresent(x -> vm.inputProperty().set(x.input()));
    }

    private String currentFile;
    private boolean opening;

    private void selectModel(String file) {
        currentFile = file;
        Path p = openedFiles.get(file);
        if (p == null) {
            vm.loadSample(file);
        } else {
            loadOpened(p);
        }
    }

    private void onModel(LoadedModel m) {
        if (m == null) {
            return;
        }
        form.build(m.contract());
        flow.reset();
        probeTable.setDisable(m.contract().isRegression());
        runProbeButton.setDisable(m.contract().isRegression() || m.contract().types().containsValue("string"));
        String file = SampleModels.FILES.stream().filter(f -> ModelFiles.baseName(f).equals(m.name())
                && f.endsWith(ModelFiles.ENCRYPTED_SUFFIX) == m.encrypted()).findFirst().orElse(currentFile);
        if (file != null && !file.equals(modelBox.getValue())) {
            currentFile = file;
            modelBox.setValue(file);
        }
    }

    private void buildExamplesMenu() {
        Map<String, Menu> byStage = new LinkedHashMap<>();
        for (StageExamples.Example e : StageExamples.all()) {
            Menu m = byStage.computeIfAbsent(e.stage(), id -> new Menu(id + " " + dev.msw.pipeline.Pipeline.STAGES.stream()
                    .filter(s -> s.id().equals(id)).findFirst().orElseThrow().name()));
            MenuItem item = new MenuItem(e.expect().label() + ": " + e.title() + "  (" + ModelFiles.baseName(e.model()) + ")");
            item.setGraphic(new FontIcon(switch (e.expect()) {
                case PASSED -> Feather.CHECK_CIRCLE;
                case WARNED -> Feather.ALERT_TRIANGLE;
                default -> Feather.X_CIRCLE;
            }));
            item.setOnAction(x -> {
                currentFile = e.model();
                vm.tryExample(e);
            });
            m.getItems().add(item);
        }
        examplesButton.getItems().setAll(byStage.values());
        examplesButton.setGraphic(new FontIcon(Feather.BOOK_OPEN));
        examplesButton.setId("console-examples");
    }

    private void showResult(RunResult r) {
        piiList.getChildren().clear();
        outputFlow.getChildren().clear();
        if (r == null) {
            flow.reset();
            form.highlight(null, null);
            Text hint = new Text("Run a prediction to see the model's answer here, after the output checks.");
            hint.getStyleClass().add("text-muted");
            outputFlow.getChildren().add(hint);
            return;
        }
        flow.play(r.stages(), vm.animateProperty().get());
        StageResult failed = r.failedStage().orElse(null);
        StageResult marked = failed != null && failed.field() != null ? failed
                : r.stages().stream().filter(s -> s.field() != null && s.status() != dev.msw.pipeline.StageStatus.PASSED)
                .findFirst().orElse(null);
        form.highlight(marked == null ? null : marked.field(), marked == null ? null : marked.span());
        if (marked != null && rawToggle.isSelected()) {
            selectInRaw(marked.field());
        }
        drawOutput(r);
    }

    /** The masked output with each masked piece highlighted, and the list of findings beside it. */
    private void drawOutput(RunResult r) {
        if (!r.allowed()) {
            Text t = new Text("No output: the run was stopped by " + r.failedStage().map(s -> s.id() + " "
                    + s.name()).orElse("a stage") + ".");
            t.getStyleClass().add("text-muted");
            outputFlow.getChildren().add(t);
            return;
        }
        String out = r.output() == null ? "" : r.output();
        int shift = 0;
        int cursor = 0;
        for (PiiFinding f : r.pii()) {
            int start = f.start() + shift;
            int end = start + f.masked().length();
            if (start < cursor || end > out.length()) {
                break;
            }
            outputFlow.getChildren().add(new Text(out.substring(cursor, start)));
            Text masked = new Text(out.substring(start, end));
            masked.getStyleClass().add("pii-span");
            outputFlow.getChildren().add(masked);
            cursor = end;
            shift += f.masked().length() - (f.end() - f.start());
            Label item = new Label(String.format(Locale.ROOT, "%s at %d–%d, score %.2f → %s (%s)", f.entity(), f.start(),
                    f.end(), f.score(), f.masked(), f.masking()));
            item.setGraphic(new FontIcon(Feather.EYE_OFF));
            item.getStyleClass().add("pii-item");
            piiList.getChildren().add(item);
        }
        outputFlow.getChildren().add(new Text(out.substring(Math.min(cursor, out.length()))));
    }

    private void showStage(StageResult s) {
        if (s == null) {
            detailTitle.setText("Stage details");
            detailReason.setText("Click a stage to see its reason, details and timing.");
            detailMeta.setText("");
            detailData.setText("");
            return;
        }
        detailTitle.setText(s.id() + " " + s.name() + " · " + s.status().label());
        statusClass(detailTitle, "status-" + s.status().label());
        detailReason.setText(s.reason());
        StringBuilder meta = new StringBuilder(s.group().title()).append(" · ").append(s.durationMicros()).append(" µs");
        if (s.field() != null) {
            meta.append(" · field ").append(s.field());
        }
        if (s.span() != null) {
            meta.append(" · characters ").append(s.span().start()).append('–').append(s.span().end());
        }
        detailMeta.setText(meta.toString());
        try {
            detailData.setText(s.details() == null ? "" : DETAILS_JSON.writeValueAsString(s.details()));
        } catch (Exception e) {
            detailData.setText(String.valueOf(s.details()));
        }
    }

    private void selectInRaw(String pointer) {
        if (pointer == null) {
            return;
        }
        String key = "\"" + pointer.substring(1).split("/")[0] + "\"";
        int at = rawInput.getText().indexOf(key);
        if (at >= 0) {
            rawInput.selectRange(at, at + key.length());
        }
    }

    private void openModel() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Open a model");
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("ONNX models (plain or encrypted)", "*.onnx", "*.msw"));
        SampleModels.directory().ifPresent(d -> fc.setInitialDirectory(d.toFile()));
        java.io.File f = fc.showOpenDialog(context.window());
        if (f == null) {
            return;
        }
        openModel(f.toPath());
    }

    /** Opens a model file as "Open model…" does once the file is chosen. */
    public void openModel(Path p) {
        openedFiles.put(p.getFileName().toString(), p);
        currentFile = p.getFileName().toString();
        if (!vm.models().contains(currentFile)) {
            vm.models().add(currentFile);
        }
        opening = true; // choosing it in the list must not load it a second time
        try {
            modelBox.setValue(currentFile);
        } finally {
            opening = false;
        }
        loadOpened(p);
    }

    /**
     * Loads an opened file: plain as it is; encrypted for keyring keys with the session keyring (offering to
     * unlock it, for every tab, when it is locked); encrypted for a passphrase by asking for it.
     */
    private void loadOpened(Path p) {
        String name = p.getFileName().toString();
        if (!ModelFiles.isEncrypted(head(p))) {
            vm.loadFile(p, null);
            return;
        }
        java.util.Set<String> types = ConsoleViewModel.recipientTypes(p);
        boolean forKeys = types.contains(LocalKeyRecipient.TYPE);
        if (forKeys && vm.keyringUnlocked()) {
            vm.loadFile(p, null);
        } else if (forKeys) {
            askKeyring(p, types.contains(PassphraseRecipient.TYPE));
        } else {
            vm.loadFile(p, askPassphrase(name).orElse(null));
        }
    }

    private void askKeyring(Path p, boolean passphraseToo) {
        String name = p.getFileName().toString();
        Dialog<ButtonType> d = new Dialog<>();
        d.initOwner(context.window());
        d.setTitle("Encrypted model");
        d.setHeaderText(name + " is encrypted for keys of the local keyring, which is locked.\n"
                + "Unlock it to open the model in memory only; the keyring stays unlocked for every tab.");
        PasswordField field = new PasswordField();
        field.setId("console-keyring-passphrase");
        field.setPromptText("keyring passphrase");
        d.getDialogPane().setContent(field);
        ButtonType unlock = new ButtonType("Unlock keyring", ButtonBar.ButtonData.OK_DONE);
        ButtonType usePassphrase = new ButtonType("Use the file's passphrase…", ButtonBar.ButtonData.OTHER);
        d.getDialogPane().getButtonTypes().add(unlock);
        if (passphraseToo) {
            d.getDialogPane().getButtonTypes().add(usePassphrase);
        }
        d.getDialogPane().getButtonTypes().add(ButtonType.CANCEL);
        javafx.application.Platform.runLater(field::requestFocus);
        Optional<ButtonType> choice = d.showAndWait();
        if (choice.isPresent() && choice.get() == unlock) {
            vm.unlockKeyringAndLoad(p, field.getText().toCharArray());
        } else if (choice.isPresent() && choice.get() == usePassphrase) {
            vm.loadFile(p, askPassphrase(name).orElse(null));
        }
        field.clear();
    }

    private static byte[] head(Path p) {
        try (InputStream in = Files.newInputStream(p)) {
            return in.readNBytes(16);
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private Optional<char[]> askPassphrase(String file) {
        Dialog<char[]> d = new Dialog<>();
        d.initOwner(context.window());
        d.setTitle("Encrypted model");
        d.setHeaderText(file + " is encrypted. Its passphrase opens it in memory only; nothing is written to disk.");
        PasswordField field = new PasswordField();
        field.setPromptText("passphrase");
        d.getDialogPane().setContent(field);
        d.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        d.setResultConverter(b -> b == ButtonType.OK ? field.getText().toCharArray() : null);
        return d.showAndWait();
    }

    private void export(boolean html) {
        FileChooser fc = new FileChooser();
        fc.setTitle("Export run report");
        fc.setInitialFileName("run-report." + (html ? "html" : "json"));
        java.io.File f = fc.showSaveDialog(context.window());
        if (f == null) {
            return;
        }
        try {
            vm.exportReport(f.toPath(), html);
        } catch (IOException | RuntimeException e) {
            ErrorDialogs.show(context.window(), "Cannot export the report", e);
        }
    }

    private static void statusClass(Label l, String cls) {
        l.getStyleClass().removeIf(c -> c.startsWith("status-"));
        l.getStyleClass().add(cls);
    }
}
