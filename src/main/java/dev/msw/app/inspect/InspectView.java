package dev.msw.app.inspect;

import dev.msw.app.artifacts.LegacyImportDialog;
import dev.msw.app.shell.AppContext;
import dev.msw.app.shell.ErrorDialogs;
import dev.msw.app.task.RunningTask;
import dev.msw.app.widgets.ProgressPanel;
import dev.msw.core.Sizes;
import dev.msw.inspect.ArtifactReport;
import dev.msw.inspect.Finding;
import dev.msw.inspect.InspectionReport;
import dev.msw.inspect.pickle.PickleAnalysis;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;

/** Thin controller of fxml/inspect.fxml: binds the view model, builds the tree and the findings table. */
public final class InspectView {
    @FXML private VBox root;
    @FXML private Button addFilesButton;
    @FXML private Button scanButton;
    @FXML private Button exportJsonButton;
    @FXML private Button exportSarifButton;
    @FXML private Button exportHtmlButton;
    @FXML private CheckBox strictBox;
    @FXML private Label pathsLabel;
    @FXML private Label summaryLabel;
    @FXML private Label errorLabel;
    @FXML private TreeView<ArtifactReport> tree;
    @FXML private Label treeHint;
    @FXML private Label detailTitle;
    @FXML private Label detailMeta;
    @FXML private Label detailFacts;
    @FXML private TableView<Finding> findingsTable;
    @FXML private ListView<String> importsList;
    @FXML private VBox progressHolder;

    private final ProgressPanel progress = new ProgressPanel();
    private AppContext context;
    private InspectViewModel model;

    public static InspectView load(AppContext context, InspectViewModel model) {
        URL url = InspectView.class.getResource("/fxml/inspect.fxml");
        FXMLLoader loader = new FXMLLoader(url);
        try {
            loader.load();
        } catch (IOException e) {
            throw new IllegalStateException("the Inspect tab layout fxml/inspect.fxml is missing or broken", e);
        }
        InspectView view = loader.getController();
        view.context = context;
        view.model = model;
        view.bind();
        return view;
    }

    public VBox root() {
        return root;
    }

    public InspectViewModel model() {
        return model;
    }

    private void bind() {
        root.setId("inspect-root");
        root.getProperties().put(InspectView.class, this);
        URL css = InspectView.class.getResource("/styles/inspect.css");
        if (css != null) {
            root.getStylesheets().add(css.toExternalForm());
        }
        progressHolder.getChildren().add(progress);
        strictBox.selectedProperty().bindBidirectional(model.strictProperty());
        scanButton.disableProperty().bind(model.scanDisabled());
        scanButton.getStyleClass().add(atlantafx.base.theme.Styles.ACCENT);
        for (Button b : List.of(exportJsonButton, exportSarifButton, exportHtmlButton)) {
            b.disableProperty().bind(model.exportDisabled());
        }
        summaryLabel.textProperty().bind(model.summaryProperty());
        model.summaryProperty().addListener((o, was, now) -> context.status(now));
        errorLabel.textProperty().bind(model.errorProperty());
        errorLabel.visibleProperty().bind(model.errorProperty().isNotEmpty());
        errorLabel.managedProperty().bind(errorLabel.visibleProperty());
        model.paths().addListener((javafx.collections.ListChangeListener<Path>) c -> pathsLabel.setText(
                model.paths().isEmpty() ? "No files chosen yet."
                        : "To scan: " + model.paths().stream().map(Path::toString).collect(Collectors.joining(", "))));
        pathsLabel.setText("No files chosen yet.");
        addFilesButton.setGraphic(new org.kordamp.ikonli.javafx.FontIcon(org.kordamp.ikonli.feather.Feather.FILE_PLUS));
        scanButton.setGraphic(new org.kordamp.ikonli.javafx.FontIcon(org.kordamp.ikonli.feather.Feather.SEARCH));
        setUpTree();
        setUpTable();
        model.reportProperty().addListener((o, was, now) -> showReport(now));
        model.selectedProperty().addListener((o, was, now) -> showDetails(now));
        setUpDragAndDrop();
        treeHint.setMaxWidth(320);
        showDetails(null);
    }

    private void setUpTree() {
        tree.setId("inspect-tree");
        tree.setCellFactory(t -> new TreeCell<>() {
            @Override
            protected void updateItem(ArtifactReport item, boolean empty) {
                super.updateItem(item, empty);
                if (empty || item == null) {
                    setText(null);
                    setGraphic(null);
                    return;
                }
                String name = item.name();
                TreeItem<ArtifactReport> parent = getTreeItem() == null ? null : getTreeItem().getParent();
                if (parent != null && parent.getValue() != null && name.startsWith(parent.getValue().name() + ":")) {
                    name = name.substring(parent.getValue().name().length() + 1);
                } else {
                    name = Path.of(name).getFileName() == null ? name : Path.of(name).getFileName().toString();
                }
                Label label = new Label(name + "  (" + item.format() + ")");
                HBox box = new HBox(6, new SeverityBadge(item.worst()), label);
                setText(null);
                setGraphic(box);
            }
        });
        tree.getSelectionModel().selectedItemProperty().addListener((o, was, now) ->
                model.selectedProperty().set(now == null ? null : now.getValue()));
    }

    private void setUpTable() {
        findingsTable.setId("inspect-findings");
        TableColumn<Finding, String> sev = new TableColumn<>("Severity");
        sev.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().severity().label()));
        sev.setCellFactory(col -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(String s, boolean empty) {
                super.updateItem(s, empty);
                setText(null);
                setGraphic(empty || s == null ? null : new SeverityBadge(dev.msw.inspect.Severity.valueOf(s.toUpperCase(java.util.Locale.ROOT))));
            }
        });
        sev.setPrefWidth(95);
        TableColumn<Finding, String> rule = new TableColumn<>("Rule");
        rule.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().rule()));
        rule.setPrefWidth(150);
        TableColumn<Finding, String> subject = new TableColumn<>("Callable / structure");
        subject.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().subject()));
        subject.setPrefWidth(220);
        TableColumn<Finding, Object> offset = new TableColumn<>("Offset");
        offset.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().offset() >= 0 ? c.getValue().offset() : ""));
        offset.setPrefWidth(80);
        offset.setMinWidth(75);
        TableColumn<Finding, String> why = new TableColumn<>("Why it matters");
        why.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().why()
                + (c.getValue().occurrences() > 1 ? " (×" + c.getValue().occurrences() + ")" : "")));
        why.setPrefWidth(420);
        why.setCellFactory(col -> new javafx.scene.control.TableCell<>() {
            private final javafx.scene.text.Text text = new javafx.scene.text.Text();

            {
                text.wrappingWidthProperty().bind(col.widthProperty().subtract(12));
                text.getStyleClass().add("text");
                setPrefHeight(USE_COMPUTED_SIZE);
            }

            @Override
            protected void updateItem(String s, boolean empty) {
                super.updateItem(s, empty);
                text.setText(empty || s == null ? "" : s);
                setGraphic(empty ? null : text);
                setTooltip(empty || s == null ? null : new javafx.scene.control.Tooltip(s));
            }
        });
        findingsTable.getColumns().setAll(List.of(sev, rule, subject, offset, why));
        findingsTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        findingsTable.setPlaceholder(new Label("No findings for this item."));
        importsList.setPlaceholder(new Label("Not a pickle, or nothing imported."));
    }

    private void setUpDragAndDrop() {
        root.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
                if (!root.getStyleClass().contains("drop-target")) {
                    root.getStyleClass().add("drop-target");
                }
            }
            e.consume();
        });
        root.setOnDragExited(e -> root.getStyleClass().remove("drop-target"));
        root.setOnDragDropped(e -> {
            boolean ok = e.getDragboard().hasFiles();
            if (ok) {
                addAndScan(e.getDragboard().getFiles().stream().map(File::toPath).toList());
            }
            e.setDropCompleted(ok);
            e.consume();
        });
    }

    /** Adds paths and starts a scan (what a drop does). */
    public void addAndScan(List<Path> paths) {
        model.add(paths);
        scan();
    }

    private void showReport(InspectionReport r) {
        TreeItem<ArtifactReport> top = new TreeItem<>();
        if (r != null) {
            for (ArtifactReport f : r.files()) {
                top.getChildren().add(item(f));
            }
        }
        tree.setRoot(top);
        treeHint.setVisible(top.getChildren().isEmpty());
        if (!top.getChildren().isEmpty()) {
            tree.getSelectionModel().select(top.getChildren().get(0));
        }
    }

    private static TreeItem<ArtifactReport> item(ArtifactReport a) {
        TreeItem<ArtifactReport> it = new TreeItem<>(a);
        for (ArtifactReport m : a.members()) {
            it.getChildren().add(item(m));
        }
        it.setExpanded(a.worst() != null && a.worst() != dev.msw.inspect.Severity.INFO);
        return it;
    }

    private void showDetails(ArtifactReport a) {
        if (a == null) {
            detailTitle.setText("Nothing selected");
            detailMeta.setText("Scan files, then pick one in the tree to see its format, hashes and findings.");
            detailFacts.setText("");
            findingsTable.getItems().clear();
            importsList.getItems().clear();
            return;
        }
        detailTitle.setText(a.name());
        detailMeta.setText(a.format() + " · " + (a.size() >= 0 ? Sizes.human(a.size()) + " (" + a.size() + " bytes)" : "size unknown")
                + (a.sha256() != null ? " · SHA-256 " + a.sha256() : ""));
        List<String> facts = new ArrayList<>();
        for (Map.Entry<String, String> e : a.facts().entrySet()) {
            facts.add(e.getKey() + ": " + e.getValue());
        }
        detailFacts.setText(String.join(" · ", facts));
        findingsTable.getItems().setAll(a.findings());
        List<String> lines = new ArrayList<>();
        PickleAnalysis p = a.pickle();
        if (p != null) {
            for (PickleAnalysis.ImportRecord i : p.imports()) {
                lines.add("import " + i.callable() + " — " + i.verdict() + " @" + i.firstOffset()
                        + (i.count() > 1 ? " (×" + i.count() + ")" : ""));
            }
            for (PickleAnalysis.CallRecord c : p.calls()) {
                lines.add("call " + c.callee() + " via " + c.opcode() + " @" + c.offset());
            }
            if (p.callCount() > p.calls().size()) {
                lines.add("… " + (p.callCount() - p.calls().size()) + " more calls");
            }
        }
        importsList.getItems().setAll(lines);
    }

    @FXML
    void addFiles() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Files to inspect");
        List<File> files = fc.showOpenMultipleDialog(context.window());
        if (files != null) {
            model.add(files.stream().map(File::toPath).toList());
        }
    }

    @FXML
    void addFolder() {
        DirectoryChooser dc = new DirectoryChooser();
        dc.setTitle("Folder to inspect");
        File dir = dc.showDialog(context.window());
        if (dir != null) {
            model.add(List.of(dir.toPath()));
        }
    }

    @FXML
    void clear() {
        model.clear();
        showReport(null);
    }

    @FXML
    void scan() {
        RunningTask t = model.scan(context.tasks());
        progress.track(t, false);
    }

    @FXML
    void exportJson() {
        export(InspectViewModel.ExportFormat.JSON);
    }

    @FXML
    void exportSarif() {
        export(InspectViewModel.ExportFormat.SARIF);
    }

    @FXML
    void exportHtml() {
        export(InspectViewModel.ExportFormat.HTML);
    }

    private void export(InspectViewModel.ExportFormat f) {
        FileChooser fc = new FileChooser();
        fc.setTitle("Export the report as " + f.name());
        fc.setInitialFileName("inspect-report." + f.extension());
        File out = fc.showSaveDialog(context.window());
        if (out == null) {
            return;
        }
        try {
            model.export(f, out.toPath());
            context.status("Report exported to " + out);
        } catch (IOException | RuntimeException e) {
            ErrorDialogs.show(context.window(), "Export failed", e);
        }
    }

    @FXML
    void openLegacy() {
        new LegacyImportDialog(context).show();
    }
}
