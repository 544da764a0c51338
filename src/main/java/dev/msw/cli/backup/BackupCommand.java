package dev.msw.cli.backup;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code msw backup}: run, list, verify and restore backups; manage saved jobs. */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = {"Verified backups of encrypted artifacts, keyring and secret store.",
                "Content-addressed (unchanged files are not copied again), signed manifests, retention, restore."},
        subcommands = {BackupRunCommand.class, BackupListCommand.class, BackupShowCommand.class, BackupVerifyCommand.class,
                BackupRestoreCommand.class, BackupJobCommand.class})
public final class BackupCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "Missing command: use run, list, show, verify, restore or job");
    }
}
