package dev.msw.cli.secrets;

import dev.msw.cli.JsonOutput;
import dev.msw.secrets.SecretMetadata;
import dev.msw.secrets.SecretStore;
import dev.msw.secrets.VersionInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "history", mixinStandardHelpOptions = true, description = "Versions of a secret with their state, and its metadata.")
final class SecretsHistoryCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    @Mixin
    StoreOptions store;
    @Parameters(index = "0", paramLabel = "ENV")
    String env;
    @Parameters(index = "1", paramLabel = "PATH")
    String path;
    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
        try (SecretStore st = store.open()) {
            SecretMetadata m = st.metadata(env, path);
            var out = spec.commandLine().getOut();
            if (json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("current_version", m.currentVersion());
                doc.put("max_versions", m.maxVersions());
                doc.put("cas_required", m.casRequired());
                doc.put("delete_version_after", m.deleteVersionAfter());
                doc.put("custom_metadata", m.customMetadata());
                List<Map<String, Object>> vs = new ArrayList<>();
                for (VersionInfo v : m.versions()) {
                    Map<String, Object> e = new LinkedHashMap<>();
                    e.put("version", v.version());
                    e.put("created", String.valueOf(v.created()));
                    e.put("deleted", v.deleted() == null ? null : v.deleted().toString());
                    e.put("destroyed", v.destroyed());
                    e.put("state", v.state());
                    vs.add(e);
                }
                doc.put("versions", vs);
                JsonOutput.print(out, doc);
                return 0;
            }
            out.printf("%-8s %-10s %-32s %s%n", "version", "state", "created", "deleted");
            for (VersionInfo v : m.versions()) {
                out.printf("%-8d %-10s %-32s %s%n", v.version(), v.state(), v.created(),
                        v.deleted() == null ? "" : v.deleted());
            }
            out.println("max versions: " + (m.maxVersions() == 0 ? "default" : m.maxVersions()) + ", cas required: "
                    + m.casRequired() + ", delete after: " + m.deleteVersionAfter() + ", custom: " + m.customMetadata());
            return 0;
        }
    }
}
