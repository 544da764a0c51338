package dev.msw.cli.signing;

import dev.msw.cli.JsonOutput;
import dev.msw.cli.MswCommand;
import dev.msw.cli.ProgressLine;
import dev.msw.core.CancellationToken;
import dev.msw.signing.ArtifactVerifier;
import dev.msw.signing.FileCheck;
import dev.msw.signing.FileStatus;
import dev.msw.signing.VerificationReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code msw verify}: checks a file or model folder against its signature and prints a per-file report. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Verify a file or model folder against a signature (openssl-style or OpenSSF model-signing, "
                + "detected from the signature file). Lists every file as ok / changed / missing / extra / unsigned; "
                + "exit code 1 when verification fails."},
        footer = {"", "Examples:", "  msw verify model.onnx --pubkey public.pem --signature model.onnx.sig",
                "  msw verify my-model/ --pubkey public.pem --signature my-model.sig --json",
                "  msw verify my-model/ --certificate-chain ca.pem --signature my-model.sig"})
public final class VerifyCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE|MODEL", description = "The file or model folder to check.")
    Path target;

    @Option(names = {"-p", "--pubkey", "--public-key"}, paramLabel = "PUBLIC.pem", description = "The signer's public key (PEM).")
    Path pubkey;

    @Option(names = {"-s", "--signature"}, paramLabel = "SIG", description = "Signature file (default: TARGET.sig).")
    Path signature;

    @Option(names = "--certificate-chain", paramLabel = "CA.pem", description = "CA certificates to trust for certificate-signed models (repeatable).")
    List<Path> chain = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT", description = "openssl or oms (default: detected from the signature).")
    String format;

    @Option(names = {"--ignore-path", "--ignore-paths"}, paramLabel = "PATH", description = "Leave PATH out of the check (repeatable).")
    List<String> ignore = new ArrayList<>();

    @Option(names = {"--ignore-unsigned-files", "--ignore_unsigned_files"}, description = "Report files the signature does not list as 'unsigned' instead of failing.")
    boolean ignoreUnsigned;

    @Option(names = "--allow-symlinks", description = "Hash the targets of symbolic links instead of refusing them.")
    boolean allowSymlinks;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Override
    public Integer call() {
        if (pubkey == null && chain.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Missing the signer: pass --pubkey PUBLIC.pem (or --certificate-chain CA.pem for certificate-signed models)");
        }
        ProgressLine progress = new ProgressLine(spec.commandLine().getErr(), true);
        VerificationReport report = ArtifactVerifier.verify(new ArtifactVerifier.Request(target, signature, pubkey, chain,
                SigningOptions.format(spec, format), ignore, ignoreUnsigned, allowSymlinks), progress, new CancellationToken());
        progress.finish();
        if (json) {
            JsonOutput.print(spec.commandLine().getOut(), report);
        } else {
            print(spec.commandLine().getOut(), report);
        }
        return report.verified() ? MswCommand.EXIT_OK : MswCommand.EXIT_FAILED;
    }

    static void print(PrintWriter out, VerificationReport r) {
        out.println(r.summary());
        out.println("  target:      " + r.target());
        out.println("  signature:   " + r.signature() + " (" + ("oms".equals(r.format()) ? "OpenSSF model signing" : "openssl-compatible") + ")");
        out.println("  algorithm:   " + r.algorithm());
        out.println("  key:         " + r.keyDescription() + ", fingerprint SHA256:" + r.keyFingerprint());
        if (r.signerSubject() != null) {
            out.println("  certificate: " + r.signerSubject());
        }
        if (!r.files().isEmpty()) {
            out.println();
            out.printf("  %-9s %s%n", "STATUS", "FILE");
            for (FileCheck f : r.files()) {
                out.printf("  %-9s %s%n", f.status().label(), f.path());
            }
            out.println();
            StringBuilder counts = new StringBuilder("  ");
            for (FileStatus s : FileStatus.values()) {
                long n = r.count(s);
                if (n > 0) {
                    counts.append(n).append(' ').append(s.label()).append("  ");
                }
            }
            out.println(counts.toString().stripTrailing());
        }
        out.flush();
    }
}
