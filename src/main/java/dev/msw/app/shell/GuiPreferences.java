package dev.msw.app.shell;

import dev.msw.core.AppPaths;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** Window size, position and theme, remembered in {@code gui.properties} in the config folder. */
public final class GuiPreferences {
    private final Path file;
    private final Properties props = new Properties();

    public GuiPreferences(Path file) {
        this.file = file;
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                props.load(in);
            } catch (IOException | IllegalArgumentException e) {
                // unreadable preferences are not worth failing over: start with defaults
                props.clear();
            }
        }
    }

    public static GuiPreferences load() {
        return new GuiPreferences(AppPaths.configDir().resolve("gui.properties"));
    }

    public double getDouble(String key, double def) {
        try {
            return Double.parseDouble(props.getProperty(key, Double.toString(def)));
        } catch (NumberFormatException e) {
            return def;
        }
    }

    public boolean getBoolean(String key, boolean def) {
        return Boolean.parseBoolean(props.getProperty(key, Boolean.toString(def)));
    }

    public String get(String key, String def) {
        return props.getProperty(key, def);
    }

    public void put(String key, Object value) {
        props.setProperty(key, String.valueOf(value));
    }

    public void save() {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                props.store(out, "Model Security Workbench window settings");
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // losing the window size is harmless; the app keeps running
        }
    }
}
