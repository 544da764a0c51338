package dev.msw.app.signing;

import dev.msw.app.shell.ErrorDialogs;
import dev.msw.app.task.RunningTask;
import dev.msw.app.task.TaskRunner;
import dev.msw.core.CancelledException;
import dev.msw.signing.ArtifactSigner;
import dev.msw.signing.ArtifactVerifier;
import dev.msw.signing.FileCheck;
import dev.msw.signing.FileStatus;
import dev.msw.signing.KeyPairWriter;
import dev.msw.signing.KeyType;
import dev.msw.signing.SignatureFormat;
import dev.msw.signing.VerificationReport;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
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
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * State and commands of the Signing tab: generate a key pair, sign a file or folder, verify it and show the
 * per-file report (filterable by text and status). Plain properties, no controls, so it is tested without a
 * toolkit through {@link dev.msw.app.task.ImmediateTaskRunner}.
 */
public final class SigningViewModel {
    /** Status filter choices of the report table. */
    public enum Filter {
        ALL("All files"), PROBLEMS("Problems only"), OK("ok"), CHANGED("changed"), MISSING("missing"), EXTRA("extra"),
        UNSIGNED("unsigned");

        private final String label;

        Filter(String label) {
            this.label = label;
        }

        boolean accepts(FileStatus s) {
            return switch (this) {
                case ALL -> true;
                case PROBLEMS -> s != FileStatus.OK;
                default -> s.name().equals(name());
            };
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** Format choices for signing. */
    public enum FormatChoice {
        AUTO("Automatic: openssl for a file, OMS for a folder", null),
        OPENSSL("openssl-compatible (one file)", SignatureFormat.OPENSSL),
        OMS("OpenSSF model signing (OMS)", SignatureFormat.OMS);

        private final String label;
        private final SignatureFormat format;

        FormatChoice(String label, SignatureFormat format) {
            this.label = label;
            this.format = format;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private final TaskRunner tasks;
    private final Consumer<String> status;

    // properties: key generation
    private final ObjectProperty<KeyType> keyType = new SimpleObjectProperty<>(KeyType.EC_P256);
    private final StringProperty newPrivateKey = new SimpleStringProperty("");
    private final StringProperty newPublicKey = new SimpleStringProperty("");
    private final StringProperty newPassphrase = new SimpleStringProperty("");
    // properties: signing
    private final StringProperty signTarget = new SimpleStringProperty("");
    private final StringProperty signKey = new SimpleStringProperty("");
    private final StringProperty signPassphrase = new SimpleStringProperty("");
    private final StringProperty signOutput = new SimpleStringProperty("");
    private final ObjectProperty<FormatChoice> signFormat = new SimpleObjectProperty<>(FormatChoice.AUTO);
    private final StringProperty signCertificate = new SimpleStringProperty("");
    private final BooleanProperty signOverwrite = new SimpleBooleanProperty(false);
    // properties: verification
    private final StringProperty verifyTarget = new SimpleStringProperty("");
    private final StringProperty verifySignature = new SimpleStringProperty("");
    private final StringProperty verifyPublicKey = new SimpleStringProperty("");
    private final StringProperty verifyTrustChain = new SimpleStringProperty("");
    private final BooleanProperty ignoreUnsigned = new SimpleBooleanProperty(false);
    private final ReadOnlyObjectWrapper<VerificationReport> report = new ReadOnlyObjectWrapper<>();
    private final ObservableList<FileCheck> reportRows = FXCollections.observableArrayList();
    private final FilteredList<FileCheck> visibleRows = new FilteredList<>(reportRows, r -> true);
    private final StringProperty filterText = new SimpleStringProperty("");
    private final ObjectProperty<Filter> statusFilter = new SimpleObjectProperty<>(Filter.ALL);
    // properties: feedback
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper messageIsError = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<RunningTask> currentTask = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);

    public SigningViewModel(TaskRunner tasks, Consumer<String> status) {
        this.tasks = tasks;
        this.status = status;
        filterText.addListener(o -> refilter());
        statusFilter.addListener(o -> refilter());
        newPrivateKey.addListener((o, was, now) -> {
            if (now != null && now.endsWith(".pem") && (newPublicKey.get().isBlank()
                    || newPublicKey.get().equals(publicFor(was)))) {
                newPublicKey.set(publicFor(now));
            }
        });
    }

    private static String publicFor(String priv) {
        return priv == null || !priv.endsWith(".pem") ? "" : priv.substring(0, priv.length() - 4) + ".pub.pem";
    }

    // --- properties ---

    public ObjectProperty<KeyType> keyTypeProperty() {
        return keyType;
    }

    public StringProperty newPrivateKeyProperty() {
        return newPrivateKey;
    }

    public StringProperty newPublicKeyProperty() {
        return newPublicKey;
    }

    public StringProperty newPassphraseProperty() {
        return newPassphrase;
    }

    public StringProperty signTargetProperty() {
        return signTarget;
    }

    public StringProperty signKeyProperty() {
        return signKey;
    }

    public StringProperty signPassphraseProperty() {
        return signPassphrase;
    }

    public StringProperty signOutputProperty() {
        return signOutput;
    }

    public ObjectProperty<FormatChoice> signFormatProperty() {
        return signFormat;
    }

    /** Optional signing certificate: signs with the OpenSSF model-signing certificate method. */
    public StringProperty signCertificateProperty() {
        return signCertificate;
    }

    public BooleanProperty signOverwriteProperty() {
        return signOverwrite;
    }

    public StringProperty verifyTargetProperty() {
        return verifyTarget;
    }

    public StringProperty verifySignatureProperty() {
        return verifySignature;
    }

    public StringProperty verifyPublicKeyProperty() {
        return verifyPublicKey;
    }

    public StringProperty verifyTrustChainProperty() {
        return verifyTrustChain;
    }

    public BooleanProperty ignoreUnsignedProperty() {
        return ignoreUnsigned;
    }

    public ReadOnlyObjectProperty<VerificationReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    /** The report's rows after the text and status filters. */
    public ObservableList<FileCheck> visibleRows() {
        return visibleRows;
    }

    public StringProperty filterTextProperty() {
        return filterText;
    }

    public ObjectProperty<Filter> statusFilterProperty() {
        return statusFilter;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty messageIsErrorProperty() {
        return messageIsError.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<RunningTask> currentTaskProperty() {
        return currentTask.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public BooleanBinding canGenerate() {
        return Bindings.createBooleanBinding(() -> !busy.get() && !newPrivateKey.get().isBlank()
                && !newPublicKey.get().isBlank(), busy, newPrivateKey, newPublicKey);
    }

    public BooleanBinding canSign() {
        return Bindings.createBooleanBinding(() -> !busy.get() && !signTarget.get().isBlank() && !signKey.get().isBlank(),
                busy, signTarget, signKey);
    }

    public BooleanBinding canVerify() {
        return Bindings.createBooleanBinding(() -> !busy.get() && !verifyTarget.get().isBlank()
                && !verifySignature.get().isBlank()
                && !(verifyPublicKey.get().isBlank() && verifyTrustChain.get().isBlank()),
                busy, verifyTarget, verifySignature, verifyPublicKey, verifyTrustChain);
    }

    // --- commands ---

    public void generateKeys() {
        KeyType type = keyType.get();
        Path priv = Path.of(newPrivateKey.get().trim());
        Path pub = Path.of(newPublicKey.get().trim());
        char[] pass = newPassphrase.get().isEmpty() ? null : newPassphrase.get().toCharArray();
        start("Generating " + type.displayName() + " key pair",
                (p, c) -> KeyPairWriter.generate(type, priv, pub, pass, false),
                k -> {
                    info("Created " + type.displayName() + " key pair " + k.privateKey().getFileName() + " / "
                            + k.publicKey().getFileName() + " — fingerprint SHA256:" + k.fingerprint());
                    if (signKey.get().isBlank()) {
                        signKey.set(k.privateKey().toString());
                    }
                    if (verifyPublicKey.get().isBlank()) {
                        verifyPublicKey.set(k.publicKey().toString());
                    }
                    newPassphrase.set("");
                });
    }

    public void sign() {
        Path target = Path.of(signTarget.get().trim());
        Path out = signOutput.get().isBlank() ? null : Path.of(signOutput.get().trim());
        char[] pass = signPassphrase.get().isEmpty() ? null : signPassphrase.get().toCharArray();
        Path cert = signCertificate.get().isBlank() ? null : Path.of(signCertificate.get().trim());
        SignatureFormat format = cert != null && signFormat.get() == FormatChoice.AUTO ? SignatureFormat.OMS : signFormat.get().format;
        if (cert != null && format == SignatureFormat.OPENSSL) {
            error("A certificate can only be embedded in an OpenSSF model signature: choose that format, or clear the certificate");
            return;
        }
        ArtifactSigner.Request req = new ArtifactSigner.Request(target, Path.of(signKey.get().trim()), pass, out,
                format, cert, List.of(), List.of(), false, signOverwrite.get());
        start("Signing " + target.getFileName(), (p, c) -> ArtifactSigner.sign(req, p, c), r -> {
            info("Signed " + target.getFileName() + " (" + r.files() + (r.files() == 1 ? " file" : " files") + ", "
                    + r.keyDescription() + ", fingerprint SHA256:" + r.keyFingerprint() + ") → " + r.signature());
            verifyTarget.set(target.toString());
            verifySignature.set(r.signature());
        });
    }

    public void verify() {
        Path target = Path.of(verifyTarget.get().trim());
        Path pub = verifyPublicKey.get().isBlank() ? null : Path.of(verifyPublicKey.get().trim());
        List<Path> chain = verifyTrustChain.get().isBlank() ? List.of() : List.of(Path.of(verifyTrustChain.get().trim()));
        ArtifactVerifier.Request req = new ArtifactVerifier.Request(target, Path.of(verifySignature.get().trim()), pub, chain,
                null, List.of(), ignoreUnsigned.get(), false);
        start("Verifying " + target.getFileName(), (p, c) -> ArtifactVerifier.verify(req, p, c), r -> {
            report.set(r);
            reportRows.setAll(r.files());
            if (r.verified()) {
                info(r.summary());
            } else {
                error(r.summary());
            }
        });
    }

    /**
     * A signature file dropped on the tab: fill in the signature, guess the signed file or folder from its name
     * ({@code model.onnx.sig} → {@code model.onnx}) and verify at once when a key is known.
     *
     * @return true when a {@code .sig} file was among the dropped files
     */
    public boolean acceptDroppedFiles(List<File> files) {
        for (File f : files) {
            if (f.getName().toLowerCase(Locale.ROOT).endsWith(".sig")) {
                verifySignature.set(f.getAbsolutePath());
                String base = f.getName().substring(0, f.getName().length() - 4);
                Path guess = f.toPath().toAbsolutePath().resolveSibling(base);
                if (Files.exists(guess)) {
                    verifyTarget.set(guess.toString());
                }
                if (canVerify().get()) {
                    verify();
                } else {
                    info("Signature " + f.getName() + " loaded: choose the signed file or folder and the public key, then Verify");
                }
                return true;
            }
        }
        return false;
    }

    private void refilter() {
        String text = filterText.get() == null ? "" : filterText.get().trim().toLowerCase(Locale.ROOT);
        Filter f = statusFilter.get() == null ? Filter.ALL : statusFilter.get();
        visibleRows.setPredicate(r -> f.accepts(r.status()) && (text.isEmpty() || r.path().toLowerCase(Locale.ROOT).contains(text)));
    }

    private <T> void start(String title, dev.msw.app.task.BackgroundWork<T> work, Consumer<T> onSuccess) {
        busy.set(true);
        info(title + "…");
        RunningTask t = tasks.run(title, work, r -> {
            busy.set(false);
            onSuccess.accept(r);
        }, e -> {
            busy.set(false);
            if (e instanceof CancelledException) {
                info(title + " cancelled; nothing was written.");
            } else {
                error(forThisWindow(ErrorDialogs.describe(e)));
            }
        });
        currentTask.set(t);
    }

    /** The core speaks the command line's language about replacing files; say what to do here instead. */
    static String forThisWindow(String message) {
        if (message.startsWith("Refusing to overwrite")) {
            return message.replace("or pass --force to replace it", "or tick \u201cReplace an existing signature file\u201d "
                    + "(key files are never replaced from here)");
        }
        return message;
    }

    private void info(String m) {
        messageIsError.set(false);
        message.set(m);
        status.accept(m);
    }

    private void error(String m) {
        messageIsError.set(true);
        message.set(m);
        status.accept(m);
    }
}
