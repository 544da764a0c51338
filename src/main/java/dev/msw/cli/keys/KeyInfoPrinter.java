package dev.msw.cli.keys;

import dev.msw.cli.JsonOutput;
import dev.msw.keys.KeyInfo;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Prints a {@link KeyInfo} for people or as JSON. */
public final class KeyInfoPrinter {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private KeyInfoPrinter() {
    }

    public static Map<String, Object> json(KeyInfo k) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", k.name());
        m.put("backend", k.backend());
        m.put("latestVersion", k.latestVersion());
        m.put("minDecryptionVersion", k.minDecryptionVersion());
        m.put("minEncryptionVersion", k.minEncryptionVersion());
        List<Map<String, Object>> versions = k.versions().stream().map(v -> {
            Map<String, Object> vm = new LinkedHashMap<>();
            vm.put("version", v.version());
            vm.put("created", v.created().toString());
            vm.put("current", v.version() == k.latestVersion());
            vm.put("canDecrypt", k.canDecrypt(v.version()));
            return vm;
        }).toList();
        m.put("versions", versions);
        return m;
    }

    public static void print(PrintWriter out, KeyInfo k, boolean json) {
        if (json) {
            JsonOutput.print(out, json(k));
            return;
        }
        out.printf("Key %s (%s): current version %d, minimum decryption version %d%s%n", k.name(), k.backend(),
                k.latestVersion(), Math.max(1, k.minDecryptionVersion()),
                k.backend().equals("vault") ? ", minimum encryption version " + k.minEncryptionVersion() : "");
        for (KeyInfo.Version v : k.versions()) {
            out.printf("  v%-4d created %s%s%s%n", v.version(), TIME.format(v.created()),
                    v.version() == k.latestVersion() ? "  current" : "", k.canDecrypt(v.version()) ? "" : "  (no longer decrypts)");
        }
        out.flush();
    }
}
