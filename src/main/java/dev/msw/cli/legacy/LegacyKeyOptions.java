package dev.msw.cli.legacy;

import dev.msw.crypto.legacy.LegacyReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The legacy AES key: {@code --key-hex HEX}, or {@code --key-hex-file FILE} to keep it out of the process list. */
public final class LegacyKeyOptions {
    @Option(names = "--key-hex", paramLabel = "HEX", description = "The 32-byte AES key as 64 hex digits.")
    String hex;

    @Option(names = "--key-hex-file", paramLabel = "FILE", description = "Read the hex key from the first line of FILE.")
    Path file;

    byte[] key(CommandLine cl) throws IOException {
        if ((hex == null) == (file == null)) {
            throw new CommandLine.ParameterException(cl, "Give the legacy key with exactly one of --key-hex HEX or --key-hex-file FILE");
        }
        String h = hex != null ? hex : Files.readAllLines(file).stream().findFirst().orElse("");
        return LegacyReader.parseKeyHex(h);
    }
}
