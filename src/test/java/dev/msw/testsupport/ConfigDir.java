package dev.msw.testsupport;

import java.nio.file.Path;

/** Points the workbench's config folder ({@code msw.config.dir}) at a test's own folder and puts it back. */
public final class ConfigDir {
    public static final String PROPERTY = "msw.config.dir";

    private ConfigDir() {
    }

    /** Uses {@code dir} as the config folder; returns the previous setting for {@link #restore}. */
    public static String point(Path dir) {
        String previous = System.getProperty(PROPERTY);
        System.setProperty(PROPERTY, dir.toString());
        return previous;
    }

    /** Puts back what {@link #point} returned (clearing the property when it was unset). */
    public static void restore(String previous) {
        if (previous == null) {
            System.clearProperty(PROPERTY);
        } else {
            System.setProperty(PROPERTY, previous);
        }
    }
}
