package dev.msw.cli.secrets;

import dev.msw.cli.JsonOutput;
import dev.msw.secrets.SecretStore;
import dev.msw.secrets.SecretVersion;
import dev.msw.secrets.SecretsException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "get", mixinStandardHelpOptions = true, description = "Print a secret (latest or a given version).")
final class SecretsGetCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    @Mixin
    StoreOptions store;
    @Parameters(index = "0", paramLabel = "ENV")
    String env;
    @Parameters(index = "1", paramLabel = "PATH")
    String path;
    @Option(names = "--version", paramLabel = "N", description = "Version to read (default: latest).")
    int version;
    @Option(names = "--field", paramLabel = "F", description = "Print only this key's value (no newline decoration).")
    String field;
    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
        try (SecretStore st = store.open()) {
            SecretVersion v = st.read(env, path, version);
            var out = spec.commandLine().getOut();
            if (!v.info().state().equals("active")) {
                throw new SecretsException("Version " + v.info().version() + " of " + env + "/" + v.path() + " is "
                        + v.info().state(), "it holds no data", v.info().state().equals("deleted")
                        ? "undelete it in the GUI, or read an older version (--version N)" : "read another version");
            }
            if (field != null) {
                String value = v.data().get(field);
                if (value == null) {
                    throw new SecretsException("No field \"" + field + "\" in " + env + "/" + v.path(),
                            "its keys are " + v.data().keySet(), "use one of them");
                }
                out.println(value);
                return 0;
            }
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("environment", env);
                m.put("path", v.path());
                m.put("version", v.info().version());
                m.put("created", String.valueOf(v.info().created()));
                m.put("data", v.data());
                JsonOutput.print(out, m);
                return 0;
            }
            out.println("# " + env + "/" + v.path() + "  version " + v.info().version() + "  created "
                    + v.info().created());
            v.data().forEach((k, val) -> out.println(k + "=" + val));
            return 0;
        }
    }
}
