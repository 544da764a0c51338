package dev.msw.cli.legacy;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code msw legacy show|import}: files written by the reference AES-CBC + pickle snippet. */
@Command(name = "legacy", mixinStandardHelpOptions = true,
        description = {"Read and migrate legacy AES-CBC + pickle files safely.",
            "Format: iv(16) ‖ AES-256-CBC(pickle ‖ zero padding); the pickle is parsed, never unpickled."},
        subcommands = {LegacyShowCommand.class, LegacyImportCommand.class})
public final class LegacyCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: show or import");
    }
}
