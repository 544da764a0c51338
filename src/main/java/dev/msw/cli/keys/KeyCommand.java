package dev.msw.cli.keys;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code msw key}: key-encryption keys in the local keyring or Vault Transit. */
@Command(name = "key", mixinStandardHelpOptions = true,
        description = "Key-encryption keys (local keyring or Vault Transit): create, list, rotate, inspect, minimum versions.",
        subcommands = {KeyCreateCommand.class, KeyListCommand.class, KeyRotateCommand.class, KeyInfoCommand.class,
                KeySetMinDecryptionCommand.class, KeySetMinEncryptionCommand.class})
public final class KeyCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "Missing command: use create, list, rotate, info, set-min-decryption or set-min-encryption");
    }
}
