package dev.msw.cli.secrets;

import dev.msw.cli.ProgressLine;
import dev.msw.core.CancellationToken;
import dev.msw.secrets.SecretMigration;
import dev.msw.secrets.SecretStore;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Copy the latest version of every secret from one store into the other (local -> vault or vault -> local).")
final class SecretsMigrateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    @Mixin
    StoreOptions store;
    @Option(names = "--from", required = true, description = "local or vault.")
    StoreOptions.Kind from;
    @Option(names = "--to", required = true, description = "local or vault.")
    StoreOptions.Kind to;
    @Option(names = "--env", split = ",", paramLabel = "ENV", description = "Environments to copy (default: all).")
    List<String> envs;
    @Option(names = "--dry-run", description = "List what would be copied, write nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        if (from == to) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--from and --to name the same store");
        }
        try (SecretStore source = store.open(from); SecretStore target = store.open(to)) {
            List<String> which = envs != null ? envs : source.environments().names();
            SecretMigration.Report r = SecretMigration.copy(source, target, which, dryRun,
                    new ProgressLine(spec.commandLine().getErr(), false), CancellationToken.NONE);
            var out = spec.commandLine().getOut();
            r.copied().forEach(p -> out.println((dryRun ? "would copy " : "copied ") + p));
            r.skipped().forEach(p -> out.println("skipped " + p));
            out.println((dryRun ? "Would copy " : "Copied ") + r.copied().size() + " secrets from " + source.describe()
                    + " to " + target.describe() + "; skipped " + r.skipped().size());
            return 0;
        }
    }
}
