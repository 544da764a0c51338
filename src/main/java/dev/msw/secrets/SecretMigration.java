package dev.msw.secrets;

import dev.msw.audit.Audit;
import dev.msw.core.CancellationToken;
import dev.msw.core.ProgressListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Copies the latest active version of every secret in the given environments from one store to another (local →
 * Vault or back). Deleted and destroyed secrets are skipped; existing targets get a new version. Custom metadata
 * and settings are copied where the target allows it.
 */
public final class SecretMigration {
    /** What was copied and what was skipped (paths only, never values). */
    public record Report(List<String> copied, List<String> skipped) {
    }

    private SecretMigration() {
    }

    /** Every secret path (relative to the environment) under an environment, depth first. */
    public static List<String> allPaths(SecretStore store, String env, CancellationToken cancel) {
        List<String> out = new ArrayList<>();
        walk(store, env, "", out, cancel);
        return out;
    }

    private static void walk(SecretStore store, String env, String folder, List<String> out, CancellationToken cancel) {
        for (SecretEntry e : store.list(env, folder)) {
            cancel.throwIfCancelled();
            if (e.folder()) {
                walk(store, env, folder + e.name() + "/", out, cancel);
            } else {
                out.add(folder + e.name());
            }
        }
    }

    public static Report copy(SecretStore from, SecretStore to, List<String> envs, boolean dryRun,
            ProgressListener progress, CancellationToken cancel) {
        List<String> copied = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<String[]> todo = new ArrayList<>();
        for (String env : envs) {
            to.environments().require(env);
            for (String p : allPaths(from, env, cancel)) {
                todo.add(new String[] {env, p});
            }
        }
        int done = 0;
        for (String[] item : todo) {
            cancel.throwIfCancelled();
            String env = item[0];
            String p = item[1];
            progress.progress(done++, todo.size(), env + "/" + p);
            SecretVersion v = from.read(env, p, 0);
            if (!v.info().state().equals("active")) {
                skipped.add(env + "/" + p + " (" + v.info().state() + ")");
                continue;
            }
            if (!dryRun) {
                to.write(env, p, v.data(), null);
                try {
                    SecretMetadata m = from.metadata(env, p);
                    if (!m.customMetadata().isEmpty()) {
                        to.writeMetadata(env, p, new MetadataSettings(null, null, null, m.customMetadata()));
                    }
                } catch (AccessDeniedException e) {
                    // metadata is optional for a copy; the value arrived
                }
            }
            copied.add(env + "/" + p);
        }
        progress.progress(todo.size(), todo.size(), "done");
        Audit.record("secret-migrate", from.kind() + "->" + to.kind(), dryRun ? "dry-run" : "success",
                Map.of("copied", String.valueOf(copied.size()), "skipped", String.valueOf(skipped.size())));
        return new Report(copied, skipped);
    }
}
