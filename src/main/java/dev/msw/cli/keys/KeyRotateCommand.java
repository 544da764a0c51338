package dev.msw.cli.keys;

import dev.msw.keys.KeyInfo;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code msw key rotate NAME}: a new current version; old files still open until they are rewrapped. */
@Command(name = "rotate", mixinStandardHelpOptions = true,
        description = {"Add a new version of the key and make it current.",
                "Existing artifacts keep opening with their old version; move them forward with 'msw rewrap PATH… --key NAME'."})
public final class KeyRotateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    KeyBackendOptions backend;

    @Parameters(paramLabel = "NAME")
    String name;

    @Option(names = "--json", description = "Print the key as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        KeyInfo k = backend.open().rotate(name);
        KeyInfoPrinter.print(spec.commandLine().getOut(), k, json);
        if (!json) {
            spec.commandLine().getOut().printf("Rotated %s to v%d. Next: msw rewrap DIR --key %s%s%n", name, k.latestVersion(), name,
                    backend.isVault() ? " --backend vault" : "");
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
