package dev.msw.cli.signing;

import dev.msw.cli.JsonOutput;
import dev.msw.cli.ProgressLine;
import dev.msw.core.CancellationToken;
import dev.msw.signing.ArtifactSigner;
import dev.msw.signing.PemKeys;
import dev.msw.signing.SignatureFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code msw sign}: signs a file (openssl-compatible) or a model folder (OpenSSF model signing). */
@Command(name = "sign", mixinStandardHelpOptions = true,
        description = {"Sign a file or a model folder.",
                "A file gets an openssl-compatible signature (openssl dgst -sha256 -verify reads it; Ed25519: "
                        + "openssl pkeyutl -verify -rawin); a folder gets an OpenSSF model-signing bundle "
                        + "(model_signing verify key reads it). --format oms signs a single file as a model."},
        footer = {"", "Examples:", "  msw sign model.onnx --key private.pem",
                "  msw sign my-model/ --key private.pem --signature my-model.sig",
                "  msw sign my-model/ --key leaf-key.pem --certificate leaf.pem \\",
                "      --certificate-chain intermediate.pem"})
public final class SignCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE|MODEL", description = "The file or model folder to sign.")
    Path target;

    @Option(names = {"-k", "--key"}, required = true, paramLabel = "PRIVATE.pem", description = "Private key (PEM).")
    Path key;

    @Option(names = "--passphrase-file", paramLabel = "FILE", description = "Passphrase of an encrypted key (first line of FILE).")
    Path passphraseFile;

    @Option(names = {"-o", "--signature", "--out"}, paramLabel = "SIG", description = "Signature file (default: TARGET.sig beside the target).")
    Path output;

    @Option(names = "--format", paramLabel = "FORMAT", description = "openssl (default for a file) or oms (default for a folder).")
    String format;

    @Option(names = "--certificate", paramLabel = "CERT.pem", description = "Signing certificate for the key (oms certificate method).")
    Path certificate;

    @Option(names = "--certificate-chain", paramLabel = "CERT.pem", description = "Intermediate certificates to embed after the signing certificate (repeatable).")
    List<Path> chain = new ArrayList<>();

    @Option(names = {"--ignore-path", "--ignore-paths"}, paramLabel = "PATH", description = "Leave PATH out of a model signature (repeatable).")
    List<String> ignore = new ArrayList<>();

    @Option(names = "--allow-symlinks", description = "Hash the targets of symbolic links instead of refusing them.")
    boolean allowSymlinks;

    @Option(names = "--force", description = "Replace an existing signature file.")
    boolean force;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() {
        SignatureFormat f = SigningOptions.format(spec, format);
        if (!chain.isEmpty() && certificate == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--certificate-chain needs --certificate");
        }
        if (certificate != null && f == SignatureFormat.OPENSSL) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--certificate works with --format oms only");
        }
        char[] pass = passphraseFile != null ? PemKeys.readPassphraseFile(passphraseFile) : null;
        ProgressLine progress = new ProgressLine(spec.commandLine().getErr(), true);
        ArtifactSigner.Result r = ArtifactSigner.sign(new ArtifactSigner.Request(target, key, pass, output, f, certificate,
                chain, ignore, allowSymlinks, force), progress, new CancellationToken());
        progress.finish();
        if (json) {
            JsonOutput.print(spec.commandLine().getOut(), r);
        } else {
            var out = spec.commandLine().getOut();
            out.println("Signed " + target + " (" + r.files() + (r.files() == 1 ? " file" : " files") + ", "
                    + ("oms".equals(r.format()) ? "OpenSSF model signing" : "openssl-compatible") + ")");
            out.println("  signature:   " + r.signature());
            out.println("  algorithm:   " + r.algorithm());
            out.println("  key:         " + r.keyDescription() + ", fingerprint SHA256:" + r.keyFingerprint());
            if (r.signerSubject() != null) {
                out.println("  certificate: " + r.signerSubject());
            }
            out.flush();
        }
        return 0;
    }
}
