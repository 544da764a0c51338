package dev.msw.pipeline;

import dev.msw.core.CancellationToken;
import dev.msw.core.ProgressListener;
import dev.msw.crypto.ArtifactEncryptor;
import dev.msw.crypto.PassphraseRecipient;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes {@code sample-models/iris-classifier.onnx.msw}, the encrypted sample, for the demo passphrase
 * {@link SampleModels#DEMO_PASSPHRASE}. Run from the repository root after {@code mvn test-compile}:
 * {@code java -cp target/classes:target/test-classes:$(cat cp.txt) dev.msw.pipeline.EncryptSampleModel}.
 */
public final class EncryptSampleModel {
    private EncryptSampleModel() {
    }

    public static void main(String[] args) throws Exception {
        Path source = Path.of("sample-models", "iris-classifier.onnx");
        Path target = Path.of("sample-models", "iris-classifier.onnx" + ModelFiles.ENCRYPTED_SUFFIX);
        PassphraseRecipient recipient = new PassphraseRecipient(SampleModels.DEMO_PASSPHRASE.toCharArray());
        new ArtifactEncryptor().encrypt(source, target, List.of(recipient), true, ProgressListener.NONE,
                CancellationToken.NONE);
        recipient.destroy();
        System.out.println("wrote " + target);
    }
}
