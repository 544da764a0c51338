package dev.msw.cli.keys;

import dev.msw.cli.JsonOutput;
import dev.msw.keys.KeyBackend;
import dev.msw.keys.KeyInfo;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code msw key list}: every key with its current and minimum versions. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List keys with their current and minimum decryption versions.")
public final class KeyListCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    KeyBackendOptions backend;

    @Option(names = "--json", description = "Print the keys as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        KeyBackend b = backend.open();
        List<KeyInfo> keys = new ArrayList<>();
        for (String n : b.keyNames()) {
            keys.add(b.info(n));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            JsonOutput.print(out, keys.stream().map(KeyInfoPrinter::json).toList());
            return 0;
        }
        if (keys.isEmpty()) {
            out.println("No keys yet. Create one with 'msw key create NAME" + (backend.isVault() ? " --backend vault" : "") + "'.");
        }
        for (KeyInfo k : keys) {
            out.printf("%-24s %-6s current v%d, %d version(s), decrypts from v%d%n", k.name(), k.backend(), k.latestVersion(),
                    k.versions().size(), Math.max(1, k.minDecryptionVersion()));
        }
        out.flush();
        return 0;
    }
}
