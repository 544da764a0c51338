package dev.msw.signing;

import dev.msw.audit.Audit;
import dev.msw.core.CancellationToken;
import dev.msw.core.ProgressListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Verifies a file or model folder against a signature of either format (detected from the signature file) and
 * returns a {@link VerificationReport} listing every file. A failed verification is a report, not an
 * exception; exceptions mean the inputs could not be used (missing key, unreadable signature). Every
 * verification is recorded in the audit log.
 */
public final class ArtifactVerifier {
    private ArtifactVerifier() {
    }

    /**
     * @param signature   null means {@code <target>.sig}
     * @param publicKey   the signer's public key (PEM), or null with {@code trustChain} for certificate bundles
     * @param trustChain  CA certificates to trust for certificate-method bundles
     * @param format      null detects it from the signature file
     */
    public record Request(Path target, Path signature, Path publicKey, List<Path> trustChain, SignatureFormat format,
            List<String> ignorePaths, boolean ignoreUnsignedFiles, boolean allowSymlinks) {
    }

    public static VerificationReport verify(Request r, ProgressListener progress, CancellationToken cancel) {
        Path sig = r.signature() != null ? r.signature() : ArtifactSigner.defaultSignaturePath(r.target());
        try {
            if (!Files.exists(sig)) {
                throw new SigningException("The signature " + sig + " does not exist", "no file at that path",
                        "pass the signature file with --signature");
            }
            if (!Files.exists(r.target())) {
                throw new SigningException("Cannot verify " + r.target(), "no file or folder at that path", "check the path");
            }
            SignatureFormat format = r.format() != null ? r.format() : SignatureFormat.detect(sig);
            PublicKey key = r.publicKey() != null ? PemKeys.readPublicKey(r.publicKey()) : null;
            VerificationReport report;
            if (format == SignatureFormat.OPENSSL) {
                report = verifyRaw(r.target(), sig, key, progress, cancel);
            } else {
                List<X509Certificate> anchors = new ArrayList<>();
                if (r.trustChain() != null) {
                    for (Path p : r.trustChain()) {
                        anchors.addAll(PemKeys.readCertificates(p));
                    }
                }
                EarlyDigests.abandonAll();   // the bundle hashes its files itself
                report = ModelSignatures.verify(new ModelSignatures.VerifyRequest(r.target(), sig, key, anchors,
                        ArtifactSigner.resolveIgnores(r.target(), r.ignorePaths()), r.ignoreUnsignedFiles(),
                        r.allowSymlinks()), progress, cancel);
            }
            Audit.record("signing.verify", r.target().toString(), report.verified() ? "verified" : "failed",
                    Map.of("format", report.format(), "fingerprint", String.valueOf(report.keyFingerprint()),
                            "signature", sig.toString(), "summary", report.summary()));
            return report;
        } catch (RuntimeException e) {
            Audit.record("signing.verify", r.target().toString(), "error", Map.of("signature", sig.toString(),
                    "error", String.valueOf(e.getMessage())));
            throw e;
        }
    }

    private static VerificationReport verifyRaw(Path file, Path sig, PublicKey key, ProgressListener progress,
            CancellationToken cancel) {
        if (key == null) {
            throw new SigningException("Cannot verify " + file + " without a public key",
                    "an openssl-style signature names no signer", "pass the signer's public key with --pubkey");
        }
        if (!Files.isRegularFile(file)) {
            throw new SigningException("Cannot check an openssl signature against the folder " + file,
                    "openssl-style signatures cover one file", "give the signed file, or a model-signing (.sig JSON) signature");
        }
        byte[] signature;
        try {
            signature = Files.readAllBytes(sig);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        boolean ok = RawSignatures.verify(file, key, signature, progress, cancel);
        String name = file.getFileName().toString();
        FileCheck check = new FileCheck(name, ok ? FileStatus.OK : FileStatus.CHANGED, null, null);
        String summary = ok ? "Verified: " + name + " is exactly the file that was signed"
                : "Verification failed: " + name + " does not match the signature (the file or the signature was "
                        + "changed, or another key signed it)";
        return new VerificationReport(file.toString(), sig.toString(), "openssl", ok, ok, summary,
                RawSignatures.algorithm(key), KeyFingerprint.of(key), KeyFingerprint.describe(key), null, name,
                List.of(check));
    }
}
