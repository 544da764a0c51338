package dev.msw.secrets;

import dev.msw.core.CancellationToken;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * Finds secrets in one environment whose path contains a text (case-insensitive), walking the tree with LIST.
 * Folders the caller may not list are skipped, not fatal. Stops after {@code limit} results.
 */
public final class SecretSearch {
    private SecretSearch() {
    }

    public static List<String> byName(SecretStore store, String env, String text, int limit, CancellationToken cancel) {
        String needle = text.toLowerCase(Locale.ROOT);
        List<String> found = new ArrayList<>();
        Deque<String> folders = new ArrayDeque<>();
        folders.add("");
        while (!folders.isEmpty() && found.size() < limit) {
            if (cancel != null) {
                cancel.throwIfCancelled();
            }
            String folder = folders.poll();
            List<SecretEntry> entries;
            try {
                entries = store.list(env, folder);
            } catch (AccessDeniedException e) {
                continue;
            }
            for (SecretEntry e : entries) {
                String full = folder + e.name();
                if (e.folder()) {
                    folders.add(full + "/");
                } else if (full.toLowerCase(Locale.ROOT).contains(needle) && found.size() < limit) {
                    found.add(full);
                }
            }
        }
        return found;
    }
}
