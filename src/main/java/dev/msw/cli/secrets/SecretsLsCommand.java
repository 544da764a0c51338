package dev.msw.cli.secrets;

import dev.msw.cli.JsonOutput;
import dev.msw.secrets.SecretEntry;
import dev.msw.secrets.SecretStore;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "ls", mixinStandardHelpOptions = true, description = "List folders and secrets of an environment.")
final class SecretsLsCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    @Mixin
    StoreOptions store;
    @Parameters(index = "0", paramLabel = "ENV", description = "Environment (development, testing, production…).")
    String env;
    @Parameters(index = "1", arity = "0..1", paramLabel = "PATH", description = "Folder inside the environment.")
    String path = "";
    @Option(names = "--search", paramLabel = "TEXT", description = "Find secrets whose path contains TEXT (whole environment).")
    String search;
    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
        try (SecretStore st = store.open()) {
            var out = spec.commandLine().getOut();
            if (search != null) {
                List<String> found = dev.msw.secrets.SecretSearch.byName(st, env, search, 1000,
                        dev.msw.core.CancellationToken.NONE);
                if (json) {
                    JsonOutput.print(out, found);
                } else {
                    found.forEach(out::println);
                }
                return 0;
            }
            List<SecretEntry> entries = st.list(env, path);
            if (json) {
                JsonOutput.print(out, entries.stream().map(e -> e.folder() ? e.name() + "/" : e.name()).toList());
            } else {
                entries.forEach(e -> out.println(e.folder() ? e.name() + "/" : e.name()));
            }
            return 0;
        }
    }
}
