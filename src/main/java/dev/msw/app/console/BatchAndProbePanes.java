package dev.msw.app.console;

import dev.msw.app.shell.AppContext;
import dev.msw.pipeline.BatchSummary;
import dev.msw.pipeline.RobustnessProbe;
import dev.msw.pipeline.RunResult;
import dev.msw.pipeline.StageResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.FileChooser;

/** The Console's Batch and Robustness panes: wiring of their controls to the view model and drawing of results. */
final class BatchAndProbePanes {
    /** One row of the batch results table. */
    record BatchRow(int row, RunResult result) {
    }

    private final ConsoleViewModel vm;
    private final AppContext context;
    private final TextField batchPath;
    private final Button browseBatchButton;
    private final Button runBatchButton;
    private final StackedBarChart<String, Number> batchChart;
    private final CategoryAxis batchX;
    private final TableView<BatchRow> batchTable;
    private Spinner<Double> epsilonSpinner;
    private Spinner<Integer> trialsSpinner;
    private Button runProbeButton;
    private Label probeSummary;
    private TableView<RobustnessProbe.FeatureSensitivity> probeTable;

    BatchAndProbePanes(ConsoleViewModel vm, AppContext context, TextField batchPath, Button browseBatchButton,
                       Button runBatchButton, StackedBarChart<String, Number> batchChart, CategoryAxis batchX,
                       TableView<BatchRow> batchTable) {
        this.vm = vm;
        this.context = context;
        this.batchPath = batchPath;
        this.browseBatchButton = browseBatchButton;
        this.runBatchButton = runBatchButton;
        this.batchChart = batchChart;
        this.batchX = batchX;
        this.batchTable = batchTable;
        initBatch();
    }

    BatchAndProbePanes withProbe(Spinner<Double> epsilon, Spinner<Integer> trials, Button run, Label summary,
                                 TableView<RobustnessProbe.FeatureSensitivity> table) {
        this.epsilonSpinner = epsilon;
        this.trialsSpinner = trials;
        this.runProbeButton = run;
        this.probeSummary = summary;
        this.probeTable = table;
        initProbe();
        return this;
    }

    private void initBatch() {
        batchX.setCategories(FXCollections.observableArrayList(dev.msw.pipeline.Pipeline.STAGES.stream()
                .map(dev.msw.pipeline.Stage::id).toList()));
        TableColumn<BatchRow, Number> row = new TableColumn<>("Row");
        row.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().row()));
        TableColumn<BatchRow, String> allowed = new TableColumn<>("Outcome");
        allowed.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().result().allowed() ? "allowed"
                : "blocked at " + c.getValue().result().failedStage().map(StageResult::id).orElse("?")));
        TableColumn<BatchRow, String> prediction = new TableColumn<>("Output");
        prediction.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().result().output() != null
                ? c.getValue().result().output() : ""));
        TableColumn<BatchRow, String> reason = new TableColumn<>("Reason");
        reason.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().result().failedStage()
                .map(StageResult::reason).orElse("")));
        row.setPrefWidth(50);
        allowed.setPrefWidth(130);
        prediction.setPrefWidth(140);
        reason.setPrefWidth(400);
        batchTable.getColumns().setAll(List.of(row, allowed, prediction, reason));
        batchTable.setId("console-batch-table");
        batchPath.setId("console-batch-path");
        runBatchButton.setId("console-run-batch");
        runBatchButton.disableProperty().bind(vm.busyProperty().or(batchPath.textProperty().isEmpty()));
        runBatchButton.setOnAction(e -> vm.runBatch(Path.of(batchPath.getText().trim())));
        browseBatchButton.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.setTitle("Rows to run");
            fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV or JSON Lines", "*.csv", "*.jsonl"));
            java.io.File f = fc.showOpenDialog(context.window());
            if (f != null) {
                batchPath.setText(f.getPath());
            }
        });
        vm.batchSummaryProperty().addListener((o, was, s) -> showBatch(s));
    }

    private void showBatch(BatchSummary s) {
        batchChart.getData().clear();
        if (s == null) {
            batchTable.getItems().clear();
            return;
        }
        for (dev.msw.pipeline.StageStatus st : dev.msw.pipeline.StageStatus.values()) {
            XYChart.Series<String, Number> series = new XYChart.Series<>();
            series.setName(st.label());
            for (Map<String, Object> row : s.stages()) {
                series.getData().add(new XYChart.Data<>((String) row.get("id"), (Integer) row.get(st.label())));
            }
            batchChart.getData().add(series);
        }
        List<BatchRow> rows = new java.util.ArrayList<>();
        for (int i = 0; i < vm.batchResults().size(); i++) {
            rows.add(new BatchRow(i + 1, vm.batchResults().get(i)));
        }
        batchTable.getItems().setAll(rows);
    }

    private void initProbe() {
        epsilonSpinner.setValueFactory(new SpinnerValueFactory.DoubleSpinnerValueFactory(0.005, 0.5, 0.05, 0.01));
        trialsSpinner.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(2, 200, 20, 2));
        TableColumn<RobustnessProbe.FeatureSensitivity, String> feature = new TableColumn<>("Feature");
        feature.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().feature()));
        TableColumn<RobustnessProbe.FeatureSensitivity, String> flips = new TableColumn<>("Class flips");
        flips.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().flips() + " of " + c.getValue().trials()
                + String.format(Locale.ROOT, " (%.0f%%)", c.getValue().flipRate() * 100)));
        TableColumn<RobustnessProbe.FeatureSensitivity, String> smallest = new TableColumn<>("Smallest flip");
        smallest.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(Double.isNaN(c.getValue().smallestFlip()) ? "none"
                : String.format(Locale.ROOT, "±%.1f%% of span", c.getValue().smallestFlip() * 100)));
        feature.setPrefWidth(130);
        flips.setPrefWidth(140);
        smallest.setPrefWidth(180);
        probeTable.getColumns().setAll(List.of(feature, flips, smallest));
        probeTable.setId("console-probe-table");
        runProbeButton.setId("console-run-probe");
        runProbeButton.setOnAction(e -> vm.runProbe(epsilonSpinner.getValue(), trialsSpinner.getValue()));
        vm.probeProperty().addListener((o, was, r) -> {
            if (r == null) {
                probeTable.getItems().clear();
                probeSummary.setText("");
                return;
            }
            probeTable.getItems().setAll(r.features());
            probeSummary.setText(String.format(Locale.ROOT, "Baseline class: %s. The class flipped in %d of %d nudges "
                    + "(±%.1f%% of each feature's training span).", r.baseline(), r.totalFlips(), r.totalTrials(),
                    r.epsilon() * 100));
        });
    }

}
