package dev.msw.cli.legacy;

import dev.msw.audit.Audit;
import dev.msw.cli.JsonOutput;
import dev.msw.crypto.legacy.LegacyContent;
import dev.msw.crypto.legacy.LegacyReader;
import dev.msw.crypto.legacy.ValueTree;
import dev.msw.inspect.Finding;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code msw legacy show IN --key-hex HEX}: the findings, then the plain data as a tree. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Decrypt a legacy file in memory and show what its pickle holds, without unpickling it.",
        footer = {"", "Exit codes: 0 plain data only, 1 refused content (findings) or wrong key, 2 usage error."})
public final class LegacyShowCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "IN", description = "The legacy file.")
    Path input;

    @Mixin
    LegacyKeyOptions keyOptions;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        byte[] key = keyOptions.key(spec.commandLine());
        LegacyContent c;
        try {
            c = LegacyReader.read(input, key);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
        PrintWriter err = spec.commandLine().getErr();
        err.println("msw: warning: " + input + " is " + LegacyContent.UNAUTHENTICATED_WARNING + ".");
        err.flush();
        Audit.record("legacy-show", input.toString(), c.plain() ? "plain" : "refused",
                Map.of("findings", Integer.toString(c.findings().size())));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", input.toString());
            m.put("warning", LegacyContent.UNAUTHENTICATED_WARNING);
            m.put("plain", c.plain());
            m.put("pickleBytes", c.pickle().length);
            m.put("findings", c.findings().stream().map(LegacyShowCommand::finding).toList());
            if (c.plain()) {
                m.put("tree", ValueTree.of(null, c.value()).render());
            }
            JsonOutput.print(out, m);
        } else {
            out.println(input + ": legacy AES-256-CBC file, " + c.pickle().length + " bytes of pickle ("
                    + (c.plain() ? "plain data only" : "REFUSED: constructs objects or calls functions") + ")");
            for (Finding f : c.findings()) {
                out.printf("  %-8s %s %s%s: %s%n", f.severity().label(), f.rule(), f.subject(),
                        f.offset() >= 0 ? " @" + f.offset() : "", f.why());
            }
            if (c.plain()) {
                out.print(ValueTree.of(null, c.value()).render());
            }
            out.flush();
        }
        return c.plain() ? 0 : 1;
    }

    private static Map<String, Object> finding(Finding f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("severity", f.severity().label());
        m.put("rule", f.rule());
        m.put("subject", f.subject());
        m.put("offset", f.offset());
        m.put("why", f.why());
        return m;
    }

}
