package dev.msw.app.keys;

import dev.msw.audit.AuditLog.AuditEntry;
import java.util.List;
import java.util.stream.Collectors;
import javafx.beans.value.ObservableValue;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Controller of fxml/keys-audit.fxml: the audit log with live filters and the chain check. */
public final class AuditView {
    @FXML private TextField auditSince;
    @FXML private ComboBox<String> auditAction;
    @FXML private ComboBox<String> auditOutcome;
    @FXML private TextField auditText;
    @FXML private Button auditVerify;
    @FXML private Label auditSummary;
    @FXML private Label auditVerification;
    @FXML private TableView<AuditEntry> auditTable;
    @FXML private TableColumn<AuditEntry, String> seqColumn;
    @FXML private TableColumn<AuditEntry, String> timeColumn;
    @FXML private TableColumn<AuditEntry, String> userColumn;
    @FXML private TableColumn<AuditEntry, String> actionColumn;
    @FXML private TableColumn<AuditEntry, String> targetColumn;
    @FXML private TableColumn<AuditEntry, String> outcomeColumn;
    @FXML private TableColumn<AuditEntry, String> detailsColumn;

    private AuditViewModel audit;

    void bind(AuditViewModel a) {
        this.audit = a;
        auditTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        auditSince.textProperty().bindBidirectional(audit.sinceProperty());
        auditAction.getItems().setAll("", "key", "rewrap", "rekey", "backup", "encrypt", "decrypt", "sign", "verify", "secret", "policy");
        auditAction.valueProperty().bindBidirectional(audit.actionProperty());
        auditOutcome.getItems().setAll(AuditViewModel.OUTCOMES);
        auditOutcome.valueProperty().bindBidirectional(audit.outcomeProperty());
        auditText.textProperty().bindBidirectional(audit.textProperty());
        for (ObservableValue<String> p : List.of(audit.sinceProperty(), audit.actionProperty(), audit.outcomeProperty(),
                audit.textProperty())) {
            p.addListener((o, was, now) -> audit.refresh());
        }
        auditSummary.textProperty().bind(audit.summaryProperty());
        auditVerification.textProperty().bind(audit.verificationProperty());
        audit.intactProperty().addListener((o, was, now) -> {
            auditVerification.getStyleClass().removeAll("audit-intact", "audit-broken");
            auditVerification.getStyleClass().add(now ? "audit-intact" : "audit-broken");
        });
        auditVerification.getStyleClass().add("audit-intact");
        auditTable.setItems(audit.entries());
        TableColumns.text(seqColumn, e -> Long.toString(e.seq()));
        TableColumns.text(timeColumn, e -> BackupsViewModel.TIME.format(e.time()));
        TableColumns.text(userColumn, e -> e.user() + (e.identity() != null ? " (" + e.identity() + ")" : ""));
        TableColumns.text(actionColumn, AuditEntry::action);
        TableColumns.text(targetColumn, AuditEntry::target);
        TableColumns.text(outcomeColumn, AuditEntry::outcome);
        TableColumns.text(detailsColumn, e -> e.details().entrySet().stream().map(d -> d.getKey() + "=" + d.getValue())
                .collect(Collectors.joining("  ")));
        auditVerify.setGraphic(new FontIcon(Feather.SHIELD));
    }

    @FXML
    private void clearAuditFilters() {
        audit.clearFilters();
    }

    @FXML
    private void verifyAudit() {
        audit.verify();
        audit.refresh();
    }
}
