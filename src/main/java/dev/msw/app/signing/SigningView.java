package dev.msw.app.signing;

import dev.msw.app.shell.AppContext;
import dev.msw.app.widgets.ProgressPanel;
import dev.msw.signing.FileCheck;
import dev.msw.signing.FileStatus;
import dev.msw.signing.KeyType;
import dev.msw.signing.VerificationReport;
import java.io.File;
import java.io.IOException;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Thin FXML controller of the Signing tab: binds controls to {@link SigningViewModel} and opens file choosers. */
public final class SigningView {
    @FXML
    private BorderPane root;
    @FXML
    private ComboBox<KeyType> keyType;
    @FXML
    private TextField newPrivateKey;
    @FXML
    private TextField newPublicKey;
    @FXML
    private PasswordField newPassphrase;
    @FXML
    private Button generateButton;
    @FXML
    private TextField signTarget;
    @FXML
    private TextField signKey;
    @FXML
    private PasswordField signPassphrase;
    @FXML
    private TextField signOutput;
    @FXML
    private ComboBox<SigningViewModel.FormatChoice> signFormat;
    @FXML
    private TextField signCertificate;
    @FXML
    private Button signButton;
    @FXML
    private CheckBox signOverwrite;
    @FXML
    private TextField verifyTarget;
    @FXML
    private TextField verifySignature;
    @FXML
    private TextField verifyPublicKey;
    @FXML
    private TextField verifyTrustChain;
    @FXML
    private CheckBox ignoreUnsigned;
    @FXML
    private Button verifyButton;
    @FXML
    private Label reportSummary;
    @FXML
    private Label reportKey;
    @FXML
    private Label reportFingerprint;
    @FXML
    private Label reportAlgorithm;
    @FXML
    private Label reportSigner;
    @FXML
    private Label reportCounts;
    @FXML
    private javafx.scene.layout.GridPane reportDetails;
    @FXML
    private TextField filterText;
    @FXML
    private ComboBox<SigningViewModel.Filter> statusFilter;
    @FXML
    private TableView<FileCheck> reportTable;
    @FXML
    private TableColumn<FileCheck, FileStatus> statusColumn;
    @FXML
    private TableColumn<FileCheck, String> pathColumn;
    @FXML
    private TableColumn<FileCheck, String> signedColumn;
    @FXML
    private TableColumn<FileCheck, String> actualColumn;
    @FXML
    private ProgressPanel progress;
    @FXML
    private Label message;

    private SigningViewModel vm;
    private AppContext context;

    /** Loads {@code fxml/signing.fxml} and binds it to a new view model. */
    public static SigningView load(AppContext context) {
        FXMLLoader loader = new FXMLLoader(SigningView.class.getResource("/fxml/signing.fxml"));
        try {
            loader.load();
        } catch (IOException e) {
            throw new IllegalStateException("the Signing tab layout fxml/signing.fxml is missing or broken", e);
        }
        SigningView view = loader.getController();
        view.bind(context, new SigningViewModel(context.tasks(), context::status));
        return view;
    }

    public BorderPane root() {
        return root;
    }

    public SigningViewModel viewModel() {
        return vm;
    }

    private void bind(AppContext ctx, SigningViewModel model) {
        this.context = ctx;
        this.vm = model;
        var css = SigningView.class.getResource("/styles/signing.css");
        if (css != null) {
            root.getStylesheets().add(css.toExternalForm());
        }
        keyType.setItems(FXCollections.observableArrayList(KeyType.values()));
        keyType.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(KeyType t) {
                return t == null ? "" : t.displayName() + (t.supportsModelSigning() ? " · files and folders" : " · single files");
            }

            @Override
            public KeyType fromString(String s) {
                return null;
            }
        });
        keyType.valueProperty().bindBidirectional(vm.keyTypeProperty());
        newPrivateKey.textProperty().bindBidirectional(vm.newPrivateKeyProperty());
        newPublicKey.textProperty().bindBidirectional(vm.newPublicKeyProperty());
        newPassphrase.textProperty().bindBidirectional(vm.newPassphraseProperty());
        generateButton.disableProperty().bind(vm.canGenerate().not());
        generateButton.setGraphic(new FontIcon(Feather.KEY));
        generateButton.getStyleClass().add(atlantafx.base.theme.Styles.ACCENT);

        signTarget.textProperty().bindBidirectional(vm.signTargetProperty());
        signKey.textProperty().bindBidirectional(vm.signKeyProperty());
        signPassphrase.textProperty().bindBidirectional(vm.signPassphraseProperty());
        signOutput.textProperty().bindBidirectional(vm.signOutputProperty());
        signCertificate.textProperty().bindBidirectional(vm.signCertificateProperty());
        signFormat.setItems(FXCollections.observableArrayList(SigningViewModel.FormatChoice.values()));
        signFormat.valueProperty().bindBidirectional(vm.signFormatProperty());
        signButton.disableProperty().bind(vm.canSign().not());
        signOverwrite.selectedProperty().bindBidirectional(vm.signOverwriteProperty());
        signButton.setGraphic(new FontIcon(Feather.EDIT_3));
        signButton.getStyleClass().add(atlantafx.base.theme.Styles.ACCENT);

        verifyTarget.textProperty().bindBidirectional(vm.verifyTargetProperty());
        verifySignature.textProperty().bindBidirectional(vm.verifySignatureProperty());
        verifyPublicKey.textProperty().bindBidirectional(vm.verifyPublicKeyProperty());
        verifyTrustChain.textProperty().bindBidirectional(vm.verifyTrustChainProperty());
        ignoreUnsigned.selectedProperty().bindBidirectional(vm.ignoreUnsignedProperty());
        verifyButton.disableProperty().bind(vm.canVerify().not());
        verifyButton.setGraphic(new FontIcon(Feather.SHIELD));
        verifyButton.getStyleClass().add(atlantafx.base.theme.Styles.ACCENT);

        filterText.textProperty().bindBidirectional(vm.filterTextProperty());
        statusFilter.setItems(FXCollections.observableArrayList(SigningViewModel.Filter.values()));
        statusFilter.valueProperty().bindBidirectional(vm.statusFilterProperty());
        reportTable.setItems(vm.visibleRows());
        reportTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        statusColumn.setCellValueFactory(c -> new javafx.beans.property.ReadOnlyObjectWrapper<>(c.getValue().status()));
        statusColumn.setCellFactory(c -> new StatusCell());
        pathColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().path()));
        signedColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().signedSha256()));
        signedColumn.setCellFactory(c -> new DigestCell());
        actualColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().actualSha256()));
        actualColumn.setCellFactory(c -> new DigestCell());
        vm.reportProperty().addListener((o, was, now) -> showReport(now));
        reportDetails.visibleProperty().bind(vm.reportProperty().isNotNull());
        reportDetails.managedProperty().bind(reportDetails.visibleProperty());
        vm.visibleRows().addListener((javafx.collections.ListChangeListener<FileCheck>) ch -> updateCounts());

        message.textProperty().bind(vm.messageProperty());
        vm.messageIsErrorProperty().addListener((o, was, now) -> {
            message.getStyleClass().remove("error");
            if (now) {
                message.getStyleClass().add("error");
            }
        });
        vm.currentTaskProperty().addListener((o, was, now) -> {
            if (now != null) {
                progress.track(now, true);
            }
        });

        root.setOnDragOver(this::dragOver);
        root.setOnDragExited(e -> root.getStyleClass().remove("drop-target"));
        root.setOnDragDropped(e -> {
            boolean done = e.getDragboard().hasFiles() && vm.acceptDroppedFiles(e.getDragboard().getFiles());
            e.setDropCompleted(done);
            e.consume();
        });
    }

    private void dragOver(DragEvent e) {
        if (e.getDragboard().hasFiles() && e.getDragboard().getFiles().stream().anyMatch(f -> f.getName().endsWith(".sig"))) {
            e.acceptTransferModes(TransferMode.COPY);
            if (!root.getStyleClass().contains("drop-target")) {
                root.getStyleClass().add("drop-target");
            }
        }
        e.consume();
    }

    private void showReport(VerificationReport r) {
        reportSummary.getStyleClass().removeAll("verified", "failed");
        if (r == null) {
            reportSummary.setText("No verification yet");
            return;
        }
        reportSummary.setText(r.summary());
        reportSummary.getStyleClass().add(r.verified() ? "verified" : "failed");
        reportSummary.setGraphic(new FontIcon(r.verified() ? Feather.CHECK_CIRCLE : Feather.X_CIRCLE));
        reportKey.setText(r.keyDescription());
        reportFingerprint.setText("SHA256:" + r.keyFingerprint());
        reportAlgorithm.setText(r.algorithm() + ("oms".equals(r.format()) ? " · OpenSSF model signing" : " · openssl-compatible"));
        reportSigner.setText(r.signerSubject() != null ? r.signerSubject() : "no certificate (plain key pair)");
        updateCounts();
    }

    private void updateCounts() {
        VerificationReport r = vm.reportProperty().get();
        if (r == null) {
            reportCounts.setText("");
            return;
        }
        StringBuilder sb = new StringBuilder();
        for (FileStatus s : FileStatus.values()) {
            long n = r.count(s);
            if (n > 0) {
                sb.append(sb.length() > 0 ? " · " : "").append(n).append(' ').append(s.label());
            }
        }
        reportCounts.setText("showing " + vm.visibleRows().size() + " of " + r.files().size() + " · " + sb);
    }

    /** Coloured status with an icon. */
    private static final class StatusCell extends TableCell<FileCheck, FileStatus> {
        @Override
        protected void updateItem(FileStatus s, boolean empty) {
            super.updateItem(s, empty);
            getStyleClass().removeIf(c -> c.startsWith("status-"));
            if (empty || s == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            getStyleClass().addAll("status-cell", "status-" + s.label());
            setText(s.label());
            setGraphic(new FontIcon(switch (s) {
                case OK -> Feather.CHECK;
                case CHANGED -> Feather.EDIT;
                case MISSING -> Feather.MINUS_CIRCLE;
                case EXTRA -> Feather.PLUS_CIRCLE;
                case UNSIGNED -> Feather.HELP_CIRCLE;
            }));
        }
    }

    /** A digest shortened to 16 hex digits, the whole value in the tooltip. */
    private static final class DigestCell extends TableCell<FileCheck, String> {
        DigestCell() {
            getStyleClass().add("digest");
        }

        @Override
        protected void updateItem(String d, boolean empty) {
            super.updateItem(d, empty);
            if (empty || d == null) {
                setText(empty ? null : "—");
                setTooltip(null);
            } else {
                setText(d.substring(0, Math.min(16, d.length())) + "…");
                setTooltip(new Tooltip(d));
            }
        }
    }

    // --- file choosers ---

    private File save(String title, String initialName) {
        FileChooser fc = new FileChooser();
        fc.setTitle(title);
        fc.setInitialFileName(initialName);
        return fc.showSaveDialog(context.window());
    }

    private File open(String title) {
        FileChooser fc = new FileChooser();
        fc.setTitle(title);
        return fc.showOpenDialog(context.window());
    }

    private File folder(String title) {
        DirectoryChooser dc = new DirectoryChooser();
        dc.setTitle(title);
        return dc.showDialog(context.window());
    }

    private static void set(StringProperty p, File f) {
        if (f != null) {
            p.set(f.getAbsolutePath());
        }
    }

    @FXML
    private void browseNewPrivate() {
        set(vm.newPrivateKeyProperty(), save("Save the private key as", "private.pem"));
    }

    @FXML
    private void browseNewPublic() {
        set(vm.newPublicKeyProperty(), save("Save the public key as", "public.pem"));
    }

    @FXML
    private void browseSignFile() {
        set(vm.signTargetProperty(), open("File to sign"));
    }

    @FXML
    private void browseSignFolder() {
        set(vm.signTargetProperty(), folder("Model folder to sign"));
    }

    @FXML
    private void browseSignKey() {
        set(vm.signKeyProperty(), open("Private key (PEM)"));
    }

    @FXML
    private void browseSignOutput() {
        set(vm.signOutputProperty(), save("Save the signature as", "model.sig"));
    }

    @FXML
    private void browseSignCertificate() {
        set(vm.signCertificateProperty(), open("Signing certificate (PEM)"));
    }

    @FXML
    private void browseVerifyFile() {
        set(vm.verifyTargetProperty(), open("File to verify"));
    }

    @FXML
    private void browseVerifyFolder() {
        set(vm.verifyTargetProperty(), folder("Model folder to verify"));
    }

    @FXML
    private void browseVerifySignature() {
        set(vm.verifySignatureProperty(), open("Signature file"));
    }

    @FXML
    private void browseVerifyPublicKey() {
        set(vm.verifyPublicKeyProperty(), open("Signer's public key (PEM)"));
    }

    @FXML
    private void browseVerifyTrustChain() {
        set(vm.verifyTrustChainProperty(), open("CA certificate (PEM)"));
    }

    @FXML
    private void generate() {
        vm.generateKeys();
    }

    @FXML
    private void sign() {
        vm.sign();
    }

    @FXML
    private void verify() {
        vm.verify();
    }
}
