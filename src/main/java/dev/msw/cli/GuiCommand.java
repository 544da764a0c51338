package dev.msw.cli;

import picocli.CommandLine.Command;

/** {@code msw gui}: opens the desktop app (the same as running msw with no arguments). */
@Command(name = "gui", mixinStandardHelpOptions = true, description = "Open the desktop app.")
final class GuiCommand implements Runnable {
    @Override
    public void run() {
        dev.msw.Launcher.main(new String[0]);
    }
}
