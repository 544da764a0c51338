package dev.msw.secrets.local;

import dev.msw.secrets.SecretsException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Go-style durations as Vault's {@code delete_version_after} takes them: "0s", "30m", "24h", "1h30m". */
final class GoDuration {
    private GoDuration() {
    }

    private static final Pattern DURATION_PART = Pattern.compile("(\\d+)(h|m|s)");

    static Duration parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty() || t.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = DURATION_PART.matcher(t);
        Duration d = Duration.ZERO;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                break;
            }
            long n = Long.parseLong(m.group(1));
            d = d.plus(switch (m.group(2)) {
                case "h" -> Duration.ofHours(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofSeconds(n);
            });
            end = m.end();
        }
        if (end != t.length()) {
            throw new SecretsException("\"" + text + "\" is not a duration", null, "write it like 30m, 24h or 1h30m");
        }
        return d;
    }

}
