package dev.msw.cli.secrets;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code msw secrets …}: KV v2 secrets by environment, on the local store or a Vault/OpenBao server. */
@Command(name = "secrets", mixinStandardHelpOptions = true,
        description = "Secrets by environment (development, testing, production) on the local encrypted store or Vault/OpenBao.",
        subcommands = {SecretsLsCommand.class, SecretsGetCommand.class, SecretsPutCommand.class, SecretsRmCommand.class,
                SecretsHistoryCommand.class, SecretsMigrateCommand.class, SecretsProfileCommand.class},
        footer = {"", "Store: --store vault uses VAULT_ADDR/VAULT_TOKEN (BAO_* win); --store local uses the encrypted",
                "file secrets.msw and the keyring. Default: vault when VAULT_ADDR or BAO_ADDR is set."})
public final class SecretsCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: ls, get, put, rm, history or migrate");
    }
}
