package dev.msw.app.keys;

import dev.msw.audit.AuditLog;
import dev.msw.audit.AuditLog.AuditEntry;
import dev.msw.audit.AuditQuery;
import dev.msw.core.UserFacingException;
import java.io.IOException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The audit log viewer: entries newest first, filters as typed, and the chain check. */
public final class AuditViewModel {
    public static final List<String> OUTCOMES = List.of("any outcome", "success", "failure", "denied");

    private final AuditLog log;

    // properties
    private final ObservableList<AuditEntry> entries = FXCollections.observableArrayList();
    private final StringProperty since = new SimpleStringProperty("");
    private final StringProperty action = new SimpleStringProperty("");
    private final StringProperty outcome = new SimpleStringProperty(OUTCOMES.get(0));
    private final StringProperty text = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper verification = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper intact = new ReadOnlyBooleanWrapper(true);

    public AuditViewModel(AuditLog log) {
        this.log = log;
    }

    public ObservableList<AuditEntry> entries() {
        return entries;
    }

    public StringProperty sinceProperty() {
        return since;
    }

    public StringProperty actionProperty() {
        return action;
    }

    public StringProperty outcomeProperty() {
        return outcome;
    }

    public StringProperty textProperty() {
        return text;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty verificationProperty() {
        return verification.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty intactProperty() {
        return intact.getReadOnlyProperty();
    }

    // commands

    /** Re-reads the log with the current filters; a bad "since" value is reported in the summary. */
    public void refresh() {
        try {
            String o = outcome.get();
            AuditQuery q = new AuditQuery(AuditQuery.parseSince(since.get(), Instant.now()), action.get(),
                    o == null || o.equals(OUTCOMES.get(0)) ? null : o, text.get());
            List<AuditEntry> all = log.read();
            List<AuditEntry> shown = q.apply(all).stream().sorted(Comparator.comparingLong(AuditEntry::seq).reversed()).toList();
            entries.setAll(shown);
            summary.set(shown.size() + " of " + all.size() + " entries · " + log.file());
        } catch (UserFacingException e) {
            summary.set(e.getMessage());
        } catch (IOException e) {
            summary.set("Cannot read the audit log " + log.file() + ": " + e.getMessage());
        }
    }

    /** Checks the hash chain and names the first broken entry. */
    public void verify() {
        try {
            AuditLog.AuditVerification v = log.verify();
            intact.set(v.intact());
            verification.set(v.intact() ? "Chain intact: " + v.message() : "Chain BROKEN: " + v.message());
        } catch (IOException e) {
            intact.set(false);
            verification.set("Cannot read the audit log: " + e.getMessage());
        }
    }

    public void clearFilters() {
        since.set("");
        action.set("");
        outcome.set(OUTCOMES.get(0));
        text.set("");
        refresh();
    }
}
