package dev.msw.cli.keys;

import dev.msw.cli.JsonOutput;
import dev.msw.cli.ProgressLine;
import dev.msw.core.CancellationToken;
import dev.msw.core.Sizes;
import dev.msw.core.UserFacingException;
import dev.msw.keys.ArtifactFolders;
import dev.msw.keys.ArtifactInventory;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code msw inventory [PATH…]}: which key and version protects each artifact (headers only, no key needed). */
@Command(name = "inventory", mixinStandardHelpOptions = true,
        description = {"Show which key and version protects each artifact.",
                "Reads headers only, under PATH… (default: the remembered artifact folders)."})
public final class InventoryCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "PATH")
    List<Path> paths;

    @Option(names = "--remember", description = "Remember PATH… as artifact folders (used by the GUI and by set-min-decryption).")
    boolean remember;

    @Option(names = "--json", description = "Print the inventory as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        ArtifactFolders folders = ArtifactFolders.standard();
        List<Path> roots = paths != null ? paths : folders.list();
        if (roots.isEmpty()) {
            throw new UserFacingException("Nothing to take inventory of", "no PATH was given and no artifact folder is remembered",
                    "run 'msw inventory DIR --remember'");
        }
        ProgressLine progress = new ProgressLine(spec.commandLine().getErr(), false);
        ArtifactInventory inv = ArtifactInventory.scan(roots, progress, CancellationToken.NONE);
        progress.finish();
        if (remember && paths != null) {
            for (Path p : paths) {
                folders.add(p);
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("artifacts", inv.items().stream().map(i -> {
                Map<String, Object> im = new LinkedHashMap<>();
                im.put("file", i.file().toString());
                im.put("size", i.size());
                im.put("stanzas", i.keys().stream().map(k -> Map.of("type", k.type(), "key", k.key(), "version", k.version())).toList());
                if (i.problem() != null) {
                    im.put("problem", i.problem());
                }
                return im;
            }).toList());
            m.put("versions", inv.versionCounts());
            m.put("notEncrypted", inv.unencrypted().stream().map(Path::toString).toList());
            JsonOutput.print(out, m);
            return 0;
        }
        for (ArtifactInventory.Item i : inv.items()) {
            out.printf("%-60s %9s  %s%n", i.file(), Sizes.human(i.size()), i.problem() != null ? "UNREADABLE HEADER: " + i.problem()
                    : i.keys().stream().map(ArtifactInventory.KeyRef::description).collect(Collectors.joining(", ")));
        }
        inv.versionCounts().forEach((key, versions) -> out.println(key + ": " + versions.entrySet().stream()
                .map(e -> "v" + e.getKey() + " × " + e.getValue()).collect(Collectors.joining(", "))));
        if (!inv.unencrypted().isEmpty()) {
            out.println(inv.unencrypted().size() + " file(s) not encrypted, e.g. " + inv.unencrypted().get(0));
        }
        out.flush();
        return 0;
    }
}
