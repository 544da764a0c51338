package dev.msw.app.shell;

import java.util.ArrayList;
import java.util.List;

/** The main window's tabs, in display order. Each area keeps its own block. */
public final class Tabs {
    private Tabs() {
    }

    public static List<WorkbenchTab> all() {
        List<WorkbenchTab> t = new ArrayList<>();
        // --- artifacts ---
        t.add(new dev.msw.app.artifacts.ArtifactsTab());

        // --- signing ---
        t.add(new dev.msw.app.signing.SigningTab());

        // --- vault ---
        t.add(new dev.msw.app.vault.VaultTab());

        // --- keys & backups ---
        t.add(new dev.msw.app.keys.KeysTab());

        // --- inspect ---
        t.add(new dev.msw.app.inspect.InspectTab());

        // --- console ---
        t.add(new dev.msw.app.console.ConsoleTab());

        // --- end ---
        return t;
    }
}
