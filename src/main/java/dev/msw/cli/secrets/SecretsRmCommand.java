package dev.msw.cli.secrets;

import dev.msw.secrets.Environments;
import dev.msw.secrets.SecretStore;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "rm", mixinStandardHelpOptions = true,
        description = {"Delete a secret: soft-delete the latest version (undoable) by default,",
                "--versions to soft-delete given versions, --destroy to erase their data for good,",
                "--all to remove the secret with every version and its metadata.",
                "In a production environment pass --confirm ENV/PATH as well."})
final class SecretsRmCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    @Mixin
    StoreOptions store;
    @Parameters(index = "0", paramLabel = "ENV")
    String env;
    @Parameters(index = "1", paramLabel = "PATH")
    String path;
    @Option(names = "--versions", split = ",", paramLabel = "N", description = "Versions to delete or destroy.")
    List<Integer> versions = List.of();
    @Option(names = "--destroy", description = "Destroy (permanently) instead of soft delete.")
    boolean destroy;
    @Option(names = "--all", description = "Delete every version and the metadata.")
    boolean all;
    @Option(names = "--confirm", paramLabel = "ENV/PATH", description = "Required in production: the environment and path again.")
    String confirm;

    @Override
    public Integer call() {
        if (destroy && all) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--destroy and --all exclude each other");
        }
        String target = env + "/" + Environments.cleanPath(path);
        if (Environments.isProduction(env) && !target.equals(confirm)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "deleting in production needs --confirm "
                    + target + " (type the environment and path to show you mean it)");
        }
        try (SecretStore st = store.open()) {
            var out = spec.commandLine().getOut();
            if (all) {
                st.deleteAll(env, path);
                out.println("Deleted " + target + " with all its versions and metadata");
            } else if (destroy) {
                st.destroy(env, path, versions);
                out.println("Destroyed " + (versions.isEmpty() ? "the latest version" : "versions " + versions)
                        + " of " + target);
            } else {
                st.softDelete(env, path, versions);
                out.println("Deleted " + (versions.isEmpty() ? "the latest version" : "versions " + versions)
                        + " of " + target + " (undelete is possible)");
            }
            return 0;
        }
    }
}
