package dev.msw.cli.secrets;

import dev.msw.secrets.SecretStore;
import dev.msw.secrets.SecretsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "put", mixinStandardHelpOptions = true,
        description = "Write a new version of a secret from key=value pairs (key=@FILE reads the value from a file).")
final class SecretsPutCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    @Mixin
    StoreOptions store;
    @Parameters(index = "0", paramLabel = "ENV")
    String env;
    @Parameters(index = "1", paramLabel = "PATH")
    String path;
    @Parameters(index = "2..*", arity = "1..*", paramLabel = "KEY=VALUE")
    List<String> pairs;
    @Option(names = "--cas", paramLabel = "N", description = "Check-and-set: write only if the current version is N (0: only if new).")
    Integer cas;

    @Override
    public Integer call() {
        Map<String, String> data = new LinkedHashMap<>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "\"" + pair.replaceAll("=.*", "=…") + "\" is not KEY=VALUE");
            }
            String key = pair.substring(0, eq);
            String value = pair.substring(eq + 1);
            if (value.startsWith("@")) {
                try {
                    value = Files.readString(Path.of(value.substring(1)));
                } catch (IOException e) {
                    throw new SecretsException("Cannot read the value of " + key + " from " + value.substring(1),
                            e.getMessage(), "check the path");
                }
            }
            data.put(key, value);
        }
        try (SecretStore st = store.open()) {
            int v = st.write(env, path, data, cas);
            spec.commandLine().getOut().println("Saved " + env + "/" + path + " version " + v + " (" + data.size()
                    + " keys) in " + st.describe());
            return 0;
        }
    }
}
