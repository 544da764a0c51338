package dev.msw.cli.keys;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code msw key create NAME [--backend local|vault]}. */
@Command(name = "create", mixinStandardHelpOptions = true, description = "Create a key (version 1).")
public final class KeyCreateCommand implements Callable<Integer> {
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
        KeyInfoPrinter.print(spec.commandLine().getOut(), backend.open().create(name), json);
        return 0;
    }
}
