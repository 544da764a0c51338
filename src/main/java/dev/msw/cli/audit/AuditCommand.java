package dev.msw.cli.audit;

import picocli.CommandLine.Command;

/** {@code msw audit}: show and verify the hash-chained audit log. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Show and verify the tamper-evident audit log.", "The log is audit.jsonl in the config folder."},
        subcommands = {AuditShowCommand.class, AuditVerifyCommand.class})
public final class AuditCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing command: use 'show' or 'verify'");
    }
}
