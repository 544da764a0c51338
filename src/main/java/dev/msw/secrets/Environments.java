package dev.msw.secrets;

import java.util.List;
import java.util.Locale;

/**
 * The environments of a KV v2 mount: each is a top-level folder ({@code development/}, {@code testing/},
 * {@code production/} by default). Paths inside an environment are relative to its folder; this class builds the
 * full logical path ({@code production/db}) and the API paths ({@code secret/data/production/db}).
 */
public record Environments(String mount, List<String> names) {
    public static final List<String> DEFAULT_NAMES = List.of("development", "testing", "production");

    public Environments {
        mount = trim(mount);
        if (mount.isEmpty()) {
            throw new IllegalArgumentException("the KV v2 mount path is empty");
        }
        names = names.stream().map(Environments::trim).filter(s -> !s.isEmpty()).distinct().toList();
        if (names.isEmpty()) {
            throw new IllegalArgumentException("at least one environment is needed");
        }
    }

    public static Environments standard() {
        return new Environments("secret", DEFAULT_NAMES);
    }

    public Environments withMount(String newMount) {
        return new Environments(newMount, names);
    }

    /** Production-like environments get the red colour and the typed confirmation. */
    public static boolean isProduction(String env) {
        String e = env.toLowerCase(Locale.ROOT);
        return e.startsWith("prod") || e.equals("live");
    }

    /** Fails with a message listing the known environments if {@code env} is not one of them. */
    public String require(String env) {
        String e = trim(env == null ? "" : env);
        if (!names.contains(e)) {
            throw new SecretsException("Unknown environment \"" + env + "\"", "this store has " + names,
                    "use one of them, or add the environment in the connection settings");
        }
        return e;
    }

    /** {@code production/db} for env production and path {@code db} (path may be empty for the folder). */
    public String logicalPath(String env, String path) {
        String p = cleanPath(path);
        return require(env) + "/" + p;
    }

    /** {@code secret/data/production/db}. */
    public String apiPath(String section, String env, String path) {
        return mount + "/" + section + "/" + logicalPath(env, path);
    }

    /** Rejects '..', empty segments and control characters so a path never escapes its environment. */
    public static String cleanPath(String path) {
        String p = path == null ? "" : path.strip();
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        for (String seg : p.split("/", -1)) {
            if (seg.equals("..") || seg.equals(".")) {
                throw new SecretsException("The secret path \"" + path + "\" is not allowed",
                        "'.' and '..' segments could leave the environment", "name the secret by its plain path");
            }
        }
        if (p.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new SecretsException("The secret path contains control characters", null, "retype the path");
        }
        if (p.contains("//")) {
            throw new SecretsException("The secret path \"" + path + "\" has an empty segment", null,
                    "remove the doubled '/'");
        }
        return p;
    }

    private static String trim(String s) {
        String t = s == null ? "" : s.strip();
        while (t.startsWith("/")) {
            t = t.substring(1);
        }
        while (t.endsWith("/")) {
            t = t.substring(0, t.length() - 1);
        }
        return t;
    }
}
