package dev.msw;

import dev.msw.cli.MswCommand;

/**
 * Entry point for both shells: no arguments (or {@code gui}) opens the desktop app, anything else runs
 * the command line. It does not extend {@code javafx.application.Application}, so the JavaFX runtime
 * can live on the plain class path.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        if (args.length == 0 || (args.length == 1 && "gui".equals(args[0]))) {
            dev.msw.app.MswApp.launchApp(args);
            return;
        }
        if ("sign".equals(args[0]) || "verify".equals(args[0])) {
            // hashing a large file starts now, while the JVM warms up and picocli builds the command (~0.15 s)
            dev.msw.signing.EarlyDigests.startFor(args);
        }
        System.exit(MswCommand.run(args));
    }
}
