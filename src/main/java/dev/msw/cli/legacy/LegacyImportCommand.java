package dev.msw.cli.legacy;

import dev.msw.cli.ProgressLine;
import dev.msw.cli.artifacts.KeyringOptions;
import dev.msw.core.CancellationToken;
import dev.msw.core.Sizes;
import dev.msw.crypto.Recipient;
import dev.msw.crypto.legacy.LegacyContent;
import dev.msw.crypto.legacy.LegacyImporter;
import dev.msw.keys.LocalKeyring;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code msw legacy import IN --key-hex HEX -o OUT [--key NAME] [--to-safetensors]}. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Migrate a legacy file into the authenticated msw format (for keyring keys), optionally",
            "converting a dict of numeric lists to safetensors. Files whose pickle constructs objects are refused."},
        footer = {"", "Examples:", "  msw legacy import old.bin --key-hex-file key.hex -o model.pkl.msw --key team",
            "  msw legacy import old.bin --key-hex-file key.hex -o model.safetensors --to-safetensors"})
public final class LegacyImportCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "IN", description = "The legacy file.")
    Path input;

    @Mixin
    LegacyKeyOptions keyOptions;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "The file to write.")
    Path output;

    @Option(names = "--key", paramLabel = "NAME", description = "Encrypt the result for keyring key NAME (repeatable).")
    List<String> keys = new ArrayList<>();

    @Option(names = "--to-safetensors", description = "Convert a dict of numeric lists to safetensors instead of keeping the pickle.")
    boolean toSafetensors;

    @Option(names = "--force", description = "Replace the output file if it exists.")
    boolean force;

    @Mixin
    KeyringOptions keyring;

    @Override
    public Integer call() throws Exception {
        byte[] key = keyOptions.key(spec.commandLine());
        if (keys.isEmpty() && !toSafetensors) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Name a keyring key with --key NAME, or pass --to-safetensors for an unencrypted safetensors file");
        }
        List<Recipient> recipients = new ArrayList<>();
        if (!keys.isEmpty()) {
            LocalKeyring ring = keyring.open();
            for (String k : keys) {
                recipients.add(ring.recipient(k));
            }
            ring.close();
        }
        PrintWriter err = spec.commandLine().getErr();
        err.println("msw: warning: " + input + " is " + LegacyContent.UNAUTHENTICATED_WARNING + ".");
        err.flush();
        ProgressLine line = new ProgressLine(err, true);
        LegacyImporter.Result r;
        try {
            r = LegacyImporter.importFile(input, key, output, recipients, toSafetensors, force, line, new CancellationToken());
        } finally {
            Arrays.fill(key, (byte) 0);
            line.finish();
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("Imported " + input + " -> " + r.destination() + " (" + r.format() + ", " + Sizes.human(r.bytes())
                + (r.encrypted() ? ", encrypted for " + String.join(", ", recipients.stream().map(Recipient::describe).toList())
                        : ", not encrypted") + ")");
        out.flush();
        return 0;
    }
}
