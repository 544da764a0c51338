package dev.msw.cli.secrets;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code msw policy …}: Vault ACL policies, evaluated, linted and verified. */
@Command(name = "policy", mixinStandardHelpOptions = true,
        description = "Vault/OpenBao ACL policies: evaluate a path (and say which rule decided), lint, show the live access matrix, set up environment roles.",
        subcommands = {PolicyCheckCommand.class, PolicyLintCommand.class, PolicyMatrixCommand.class,
                PolicySetupEnvironmentsCommand.class})
public final class PolicyCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: check, lint, matrix or setup-environments");
    }
}
