package dev.msw.cli.keys;

import dev.msw.cli.ProgressLine;
import dev.msw.core.CancellationToken;
import dev.msw.core.UserFacingException;
import dev.msw.keys.ArtifactFolders;
import dev.msw.keys.KeyBackend;
import dev.msw.keys.KeyInfo;
import dev.msw.keys.MinimumVersionGuard;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code msw key set-min-decryption NAME N}: refuses while artifacts would become unreadable. */
@Command(name = "set-min-decryption", mixinStandardHelpOptions = true,
        description = {"Stop versions below N from decrypting.",
                "First takes inventory of --check folders (default: the remembered artifact folders, see 'msw inventory --remember') and refuses, listing the files, while any would become unreadable."})
public final class KeySetMinDecryptionCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    KeyBackendOptions backend;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Parameters(index = "1", paramLabel = "N")
    int version;

    @Option(names = "--check", paramLabel = "DIR", description = "Artifact folder to check first (repeatable).")
    List<Path> check;

    @Option(names = "--no-check", description = "Skip the inventory check (files still on older versions will no longer open).")
    boolean noCheck;

    @Option(names = "--json", description = "Print the key as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        KeyBackend b = backend.open();
        KeyInfo k;
        if (noCheck) {
            k = b.setMinDecryptionVersion(name, version);
        } else {
            List<Path> folders = check != null ? check : ArtifactFolders.standard().list();
            if (folders.isEmpty()) {
                throw new UserFacingException("Refusing to set the minimum decryption version of '" + name + "' unchecked",
                        "no artifact folders are known, so files that would become unreadable cannot be found",
                        "give the folders with --check DIR (or remember them with 'msw inventory DIR --remember'); --no-check skips the check");
            }
            ProgressLine progress = new ProgressLine(spec.commandLine().getErr(), false);
            k = MinimumVersionGuard.raise(b, name, version, folders, progress, CancellationToken.NONE);
            progress.finish();
        }
        KeyInfoPrinter.print(spec.commandLine().getOut(), k, json);
        return 0;
    }
}
