package dev.msw.cli.keys;

import dev.msw.core.UserFacingException;
import dev.msw.keys.transit.VaultTransitBackend;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code msw key set-min-encryption NAME N --backend vault}: Transit's min_encryption_version. */
@Command(name = "set-min-encryption", mixinStandardHelpOptions = true,
        description = "Vault Transit only: the oldest version new encryptions may use (0 = always the latest).")
public final class KeySetMinEncryptionCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    KeyBackendOptions backend;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Parameters(index = "1", paramLabel = "N")
    int version;

    @Option(names = "--json", description = "Print the key as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (!(backend.open() instanceof VaultTransitBackend vault)) {
            throw new UserFacingException("Local keys have no minimum encryption version",
                    "new files always use the current version of a local key", "use --backend vault for Transit keys");
        }
        KeyInfoPrinter.print(spec.commandLine().getOut(), vault.setMinEncryptionVersion(name, version), json);
        return 0;
    }
}
