package dev.msw.app.vault;

import dev.msw.secrets.SecretOperation;
import dev.msw.secrets.VersionInfo;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** The History pane: versions with their state; view, diff (values masked), delete, undelete, destroy. */
public final class HistoryPane {
    @FXML private TableView<VersionInfo> historyTable;
    @FXML private Button viewVersionButton;
    @FXML private Button diffButton;
    @FXML private Button deleteVersionsButton;
    @FXML private Button undeleteButton;
    @FXML private Button destroyButton;
    @FXML private ListView<String> diffList;

    private PaneContext c;

    void bind(PaneContext context) {
        this.c = context;
        VaultViewModel vm = c.vm();
        TableColumn<VersionInfo, String> v = new TableColumn<>("Version");
        v.setCellValueFactory(r -> new ReadOnlyStringWrapper(String.valueOf(r.getValue().version())));
        TableColumn<VersionInfo, String> state = new TableColumn<>("State");
        state.setCellValueFactory(r -> new ReadOnlyStringWrapper(r.getValue().state()));
        TableColumn<VersionInfo, String> created = new TableColumn<>("Created");
        created.setCellValueFactory(r -> new ReadOnlyStringWrapper(String.valueOf(r.getValue().created())));
        TableColumn<VersionInfo, String> deleted = new TableColumn<>("Deleted");
        deleted.setCellValueFactory(r -> new ReadOnlyStringWrapper(r.getValue().deleted() == null ? ""
                : r.getValue().deleted().toString()));
        historyTable.getColumns().setAll(List.of(v, state, created, deleted));
        historyTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        historyTable.setItems(vm.history());
        historyTable.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        var none = Bindings.isEmpty(historyTable.getSelectionModel().getSelectedItems());
        viewVersionButton.disableProperty().bind(none);
        diffButton.disableProperty().bind(Bindings.size(historyTable.getSelectionModel().getSelectedItems()).isNotEqualTo(2));
        deleteVersionsButton.disableProperty().bind(none.or(vm.allowedProperty(SecretOperation.SOFT_DELETE).not()));
        undeleteButton.disableProperty().bind(none.or(vm.allowedProperty(SecretOperation.UNDELETE).not()));
        destroyButton.disableProperty().bind(none.or(vm.allowedProperty(SecretOperation.DESTROY).not()));
    }

    private List<Integer> selectedVersions() {
        return historyTable.getSelectionModel().getSelectedItems().stream().map(VersionInfo::version).sorted().toList();
    }

    @FXML
    private void viewVersion() {
        List<Integer> vs = selectedVersions();
        if (!vs.isEmpty()) {
            c.vm().readVersion(vs.get(vs.size() - 1));
            c.showSecretPane().run();
        }
    }

    @FXML
    private void diff() {
        List<Integer> vs = selectedVersions();
        if (vs.size() == 2) {
            c.vm().diff(vs.get(0), vs.get(1), lines -> {
                diffList.getItems().setAll("Version " + vs.get(0) + " → " + vs.get(1) + " (values masked):");
                diffList.getItems().addAll(lines);
            });
        }
    }

    @FXML
    private void deleteVersions() {
        if (Confirmations.confirm(c.app().window(), c.vm(), "Delete versions " + selectedVersions() + " of")) {
            c.vm().softDelete(selectedVersions());
        }
    }

    @FXML
    private void undelete() {
        c.vm().undelete(selectedVersions());
    }

    @FXML
    private void destroy() {
        if (Confirmations.confirm(c.app().window(), c.vm(), "Permanently DESTROY versions " + selectedVersions() + " of")) {
            c.vm().destroy(selectedVersions());
        }
    }
}
