package dev.msw.core;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Where the workbench keeps per-user state (keyring, audit log, preferences). {@code MSW_CONFIG_DIR} (or the
 * system property {@code msw.config.dir}) overrides the OS default, which tests use to stay isolated.
 */
public final class AppPaths {
    private AppPaths() {
    }

    public static Path configDir() {
        String override = System.getProperty("msw.config.dir");
        if (override == null || override.isBlank()) {
            override = System.getenv("MSW_CONFIG_DIR");
        }
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        Path home = Path.of(System.getProperty("user.home"));
        if (os.contains("win")) {
            String appData = System.getenv("APPDATA");
            return (appData != null ? Path.of(appData) : home.resolve("AppData/Roaming")).resolve("msw");
        }
        if (os.contains("mac")) {
            return home.resolve("Library/Application Support/msw");
        }
        String xdg = System.getenv("XDG_CONFIG_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".config")).resolve("msw");
    }
}
