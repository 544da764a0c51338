package dev.msw.cli.keys;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code msw key info NAME}: versions, creation times, current and minimum versions. */
@Command(name = "info", mixinStandardHelpOptions = true, description = "Show a key's versions, which is current and the minimum decryption version.")
public final class KeyInfoCommand implements Callable<Integer> {
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
        KeyInfoPrinter.print(spec.commandLine().getOut(), backend.open().info(name), json);
        return 0;
    }
}
