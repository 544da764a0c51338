package dev.msw.app.keys;

import atlantafx.base.theme.Styles;
import dev.msw.app.shell.AppContext;
import dev.msw.backup.BackupRepository.StoredBackup;
import dev.msw.core.Sizes;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Controller of fxml/keys-backups.fxml: backup jobs, their history, run, verify and restore. */
public final class BackupsView {
    @FXML private TableView<BackupsViewModel.JobRow> jobsTable;
    @FXML private TableColumn<BackupsViewModel.JobRow, String> jobNameColumn;
    @FXML private TableColumn<BackupsViewModel.JobRow, String> jobSourcesColumn;
    @FXML private TableColumn<BackupsViewModel.JobRow, String> jobDestColumn;
    @FXML private TableColumn<BackupsViewModel.JobRow, String> jobScheduleColumn;
    @FXML private TableColumn<BackupsViewModel.JobRow, String> jobRetentionColumn;
    @FXML private TableColumn<BackupsViewModel.JobRow, String> jobLastColumn;
    @FXML private TableColumn<BackupsViewModel.JobRow, String> jobNextColumn;
    @FXML private Button newJobButton;
    @FXML private Button runJobButton;
    @FXML private Button removeJobButton;
    @FXML private TableView<StoredBackup> historyTable;
    @FXML private TableColumn<StoredBackup, String> backupIdColumn;
    @FXML private TableColumn<StoredBackup, String> backupCreatedColumn;
    @FXML private TableColumn<StoredBackup, String> backupFilesColumn;
    @FXML private TableColumn<StoredBackup, String> backupSizeColumn;
    @FXML private TableColumn<StoredBackup, String> backupSignedColumn;
    @FXML private TableColumn<StoredBackup, String> backupPlainColumn;
    @FXML private ListView<String> reportList;
    @FXML private Button verifyButton;
    @FXML private Button restoreButton;

    private BackupsViewModel backups;
    private AppContext context;
    private Supplier<Path> suggestedSource;

    void bind(BackupsViewModel model, AppContext ctx, Supplier<Path> suggestedSource) {
        this.backups = model;
        this.context = ctx;
        this.suggestedSource = suggestedSource;
        for (TableView<?> t : List.of(jobsTable, historyTable)) {
            t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        }
        jobsTable.setItems(backups.jobs());
        TableColumns.text(jobNameColumn, BackupsViewModel.JobRow::name);
        TableColumns.text(jobSourcesColumn, BackupsViewModel.JobRow::sources);
        TableColumns.text(jobDestColumn, r -> r.job().destination().toString());
        TableColumns.text(jobScheduleColumn, r -> r.job().schedule().toString());
        TableColumns.text(jobRetentionColumn, r -> r.job().retention().toString());
        TableColumns.text(jobLastColumn, BackupsViewModel.JobRow::lastRun);
        TableColumns.text(jobNextColumn, BackupsViewModel.JobRow::nextRun);
        jobsTable.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null) {
                backups.selectedJobProperty().set(now);
            }
        });
        backups.selectedJobProperty().addListener((o, was, now) -> jobsTable.getSelectionModel().select(now));
        historyTable.setItems(backups.history());
        TableColumns.text(backupIdColumn, StoredBackup::id);
        TableColumns.text(backupCreatedColumn, b -> BackupsViewModel.TIME.format(b.manifest().created()));
        TableColumns.text(backupFilesColumn, b -> Integer.toString(b.manifest().files().size()));
        TableColumns.text(backupSizeColumn, b -> Sizes.human(b.manifest().totalBytes()));
        TableColumns.text(backupSignedColumn, b -> b.signed() ? "yes" : "no");
        TableColumns.text(backupPlainColumn, b -> Long.toString(b.manifest().unprotectedFiles()));
        reportList.setItems(backups.report());
        var busy = backups.feedback().busyProperty();
        var noJob = jobsTable.getSelectionModel().selectedItemProperty().isNull();
        runJobButton.disableProperty().bind(noJob.or(busy));
        removeJobButton.disableProperty().bind(noJob.or(busy));
        var noBackup = historyTable.getSelectionModel().selectedItemProperty().isNull().or(busy);
        verifyButton.disableProperty().bind(noBackup);
        restoreButton.disableProperty().bind(noBackup);
        newJobButton.setGraphic(new FontIcon(Feather.PLUS));
        runJobButton.setGraphic(new FontIcon(Feather.PLAY));
        runJobButton.getStyleClass().add(Styles.ACCENT);
        verifyButton.setGraphic(new FontIcon(Feather.CHECK_CIRCLE));
        restoreButton.setGraphic(new FontIcon(Feather.ROTATE_CCW));
        removeJobButton.getStyleClass().add(Styles.DANGER);
        backups.history().addListener((javafx.collections.ListChangeListener<StoredBackup>) c -> {
            if (!backups.history().isEmpty() && historyTable.getSelectionModel().isEmpty()) {
                historyTable.getSelectionModel().select(0);
            }
        });
    }

    @FXML
    private void newJob() {
        NewJobDialog.show(context.window(), suggestedSource.get()).ifPresent(a -> {
            if (a.destination() == null) {
                backups.feedback().failed(new dev.msw.core.UserFacingException("The job has no destination",
                        "a backup job needs a folder to write to", "enter or browse to a destination folder"));
                return;
            }
            backups.addJob(a.name(), a.sources(), a.destination(), a.schedule(), a.keepLast(), a.keepDaily(), a.keepWeekly(),
                    a.signingKey());
        });
    }

    @FXML
    private void runJob() {
        backups.runNow(jobsTable.getSelectionModel().getSelectedItem());
    }

    @FXML
    private void removeJob() {
        BackupsViewModel.JobRow r = jobsTable.getSelectionModel().getSelectedItem();
        if (TableColumns.confirm(context.window(), "Remove backup job " + r.name(), "The job '" + r.name() + "' stops running. Its backups stay in "
                + r.job().destination() + ".", "Remove job")) {
            backups.removeJob(r);
        }
    }

    @FXML
    private void verifyBackup() {
        backups.verify(historyTable.getSelectionModel().getSelectedItem());
    }

    @FXML
    private void restoreBackup() {
        StoredBackup b = historyTable.getSelectionModel().getSelectedItem();
        RestoreDialog.show(context.window(), b).ifPresent(a -> backups.restore(b, a.target(), a.only()));
    }
}
