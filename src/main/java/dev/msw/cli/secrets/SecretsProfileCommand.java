package dev.msw.cli.secrets;

import dev.msw.secrets.vault.ConnectionProfiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "profile", mixinStandardHelpOptions = true,
        description = {"Saved Vault connections (address, namespace, CA, auth method, user, mount, environments).",
                "Tokens, passwords and secret ids are never saved."})
final class SecretsProfileCommand {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Command(name = "ls", mixinStandardHelpOptions = true, description = "List the saved profiles.")
    int ls() {
        var out = spec.commandLine().getOut();
        ConnectionProfiles.standard().all().forEach((name, p) -> out.println(name + "  " + p.address() + "  auth="
                + p.auth() + (p.user() == null ? "" : " user=" + p.user()) + "  mount=" + p.mount()));
        return 0;
    }

    @Command(name = "save", mixinStandardHelpOptions = true, description = "Save the given connection options under NAME.")
    int save(@Parameters(paramLabel = "NAME") String name, @Mixin StoreOptions options) {
        ConnectionProfiles.Profile p = options.toProfile();
        if (p.address() == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--address is needed (or VAULT_ADDR)");
        }
        ConnectionProfiles.standard().save(name, p);
        spec.commandLine().getOut().println("Saved profile " + name + " (" + p.address() + "); no credentials are stored.");
        return 0;
    }
}
