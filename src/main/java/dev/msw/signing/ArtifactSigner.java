package dev.msw.signing;

import dev.msw.audit.Audit;
import dev.msw.core.AtomicOutput;
import dev.msw.core.CancellationToken;
import dev.msw.core.ProgressListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Signs a file or a model folder: an openssl-compatible raw signature (default for a file) or an OpenSSF
 * model-signing bundle (default for a folder). The signature file appears only when complete, and every
 * attempt is recorded in the audit log.
 */
public final class ArtifactSigner {
    private ArtifactSigner() {
    }

    /**
     * @param format       null picks the default for the target
     * @param output       null writes {@code <target>.sig}
     * @param certificate  a signing certificate for the OMS certificate method, or null
     * @param chain        further certificates to embed after the leaf (OMS certificate method)
     * @param ignorePaths  paths to leave out (OMS), absolute, relative to the working folder or to the model
     */
    public record Request(Path target, Path keyFile, char[] passphrase, Path output, SignatureFormat format,
            Path certificate, List<Path> chain, List<String> ignorePaths, boolean allowSymlinks, boolean overwrite) {
    }

    /** What was signed, with which key, and where the signature went. */
    public record Result(String signature, String format, String algorithm, String keyFingerprint, String keyDescription,
            int files, String signerSubject) {
    }

    public static Path defaultSignaturePath(Path target) {
        Path abs = target.toAbsolutePath().normalize();
        return abs.resolveSibling(abs.getFileName() + ".sig");
    }

    public static Result sign(Request r, ProgressListener progress, CancellationToken cancel) {
        Path out = r.output() != null ? r.output() : defaultSignaturePath(r.target());
        SignatureFormat format = r.format() != null ? r.format() : SignatureFormat.defaultFor(r.target());
        try {
            if (!Files.exists(r.target())) {
                throw new SigningException("Cannot sign " + r.target(), "no file or folder at that path", "check the path");
            }
            Result result;
            if (format == SignatureFormat.OPENSSL) {
                if (!Files.isRegularFile(r.target())) {
                    throw new SigningException("Cannot make an openssl signature of the folder " + r.target(),
                            "openssl-style signatures cover one file", "use --format oms to sign a whole model folder");
                }
                // the file is hashed while the key is read and decrypted (tens to hundreds of milliseconds)
                DigestAhead digest = RawSignatures.digestAhead(r.target(), progress, cancel);
                KeyPair key;
                try {
                    key = PemKeys.readPrivateKey(r.keyFile(), r.passphrase());
                } catch (RuntimeException e) {
                    digest.abandon();
                    throw e;
                }
                byte[] sig = RawSignatures.sign(r.target(), key.getPrivate(), digest, progress, cancel);
                write(out, sig, r.overwrite());
                result = new Result(out.toString(), format.label(), RawSignatures.algorithm(key.getPublic()),
                        KeyFingerprint.of(key.getPublic()), KeyFingerprint.describe(key.getPublic()), 1, null);
            } else {
                EarlyDigests.abandonAll();   // the bundle hashes its files itself
                KeyPair key = PemKeys.readPrivateKey(r.keyFile(), r.passphrase());
                List<X509Certificate> certs = new ArrayList<>();
                if (r.certificate() != null) {
                    certs.addAll(PemKeys.readCertificates(r.certificate()));
                    for (Path p : r.chain()) {
                        certs.addAll(PemKeys.readCertificates(p));
                    }
                }
                ModelSignatures.SignedModel signed = ModelSignatures.sign(new ModelSignatures.SignRequest(r.target(), out, key,
                        certs, resolveIgnores(r.target(), r.ignorePaths()), r.allowSymlinks()), progress, cancel);
                write(out, signed.bundleJson(), r.overwrite());
                result = new Result(out.toString(), format.label(), ModelSignatures.algorithm(key.getPublic()),
                        KeyFingerprint.of(key.getPublic()), KeyFingerprint.describe(key.getPublic()),
                        signed.files().files().size(), certs.isEmpty() ? null : CertificateChains.subject(certs.get(0)));
            }
            Audit.record("signing.sign", r.target().toString(), "success", Map.of("format", result.format(),
                    "fingerprint", result.keyFingerprint(), "signature", out.toString(), "files", Integer.toString(result.files())));
            return result;
        } catch (RuntimeException e) {
            Audit.record("signing.sign", r.target().toString(), "failure", Map.of("format", format.label(),
                    "error", String.valueOf(e.getMessage())));
            throw e;
        }
    }

    /**
     * Turns user-given ignore paths into model-relative names: a path that lies inside the model (absolute or
     * relative to the working folder, as model_signing resolves it) by its place there, any other relative path
     * as already relative to the model.
     */
    public static Set<String> resolveIgnores(Path model, List<String> given) {
        Set<String> out = new LinkedHashSet<>();
        if (given == null) {
            return out;
        }
        for (String g : given) {
            Path p = Path.of(g);
            String inside = ModelFiles.insideModel(model, p.toAbsolutePath());
            if (inside != null && (p.isAbsolute() || Files.exists(p))) {
                out.add(inside);
            } else if (!p.isAbsolute()) {
                out.add(ModelFiles.normalize(g));
            }
        }
        return out;
    }

    private static void write(Path out, byte[] bytes, boolean overwrite) {
        try (AtomicOutput o = AtomicOutput.create(out, overwrite)) {
            o.stream().write(bytes);
            if (Files.getFileStore(o.temporaryPath()).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(o.temporaryPath(),
                        java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            }
            o.commit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
