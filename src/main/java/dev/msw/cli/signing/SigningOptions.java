package dev.msw.cli.signing;

import dev.msw.signing.SignatureFormat;
import java.util.Locale;
import picocli.CommandLine;

/** Parsing shared by the signing verbs. */
final class SigningOptions {
    private SigningOptions() {
    }

    /** null for "auto"; a usage error for anything but openssl / oms. */
    static SignatureFormat format(CommandLine.Model.CommandSpec spec, String value) {
        if (value == null || value.equalsIgnoreCase("auto")) {
            return null;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "openssl" -> SignatureFormat.OPENSSL;
            case "oms", "model-signing" -> SignatureFormat.OMS;
            default -> throw new CommandLine.ParameterException(spec.commandLine(),
                    "Unknown --format '" + value + "': use openssl or oms");
        };
    }
}
