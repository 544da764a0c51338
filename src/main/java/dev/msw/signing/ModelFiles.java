package dev.msw.signing;

import dev.msw.core.CancellationToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The files of a model as OpenSSF model-signing's "files" serialization sees them: every regular file under the
 * model folder (or the model file itself, named "."), minus ignored paths (an ignored folder ignores all below
 * it), as relative POSIX names sorted path component by path component. Symbolic links are refused unless
 * allowed.
 */
public final class ModelFiles {
    /** What model_signing ignores at the root of every model folder by default. */
    public static final List<String> GIT_PATHS = List.of(".git", ".gitattributes", ".github", ".gitignore");

    /** Orders names as Python's {@code sorted()} orders {@code PurePosixPath}s: component by component. */
    public static final Comparator<String> PATH_ORDER = (a, b) -> {
        String[] x = a.split("/");
        String[] y = b.split("/");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = compareCodePoints(x[i], y[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    };

    private final Path model;
    private final boolean singleFile;
    private final List<String> files;
    private final List<String> ignorePaths;

    private ModelFiles(Path model, boolean singleFile, List<String> files, List<String> ignorePaths) {
        this.model = model;
        this.singleFile = singleFile;
        this.files = files;
        this.ignorePaths = ignorePaths;
    }

    /**
     * Lists a model's files. {@code ignorePaths} are relative to the model folder (POSIX separators); the git
     * paths are added for folders.
     */
    public static ModelFiles scan(Path model, Set<String> ignorePaths, boolean allowSymlinks, CancellationToken cancel) {
        if (!Files.exists(model, LinkOption.NOFOLLOW_LINKS)) {
            throw new SigningException("The model " + model + " does not exist", "no file or folder at that path",
                    "check the path");
        }
        if (!allowSymlinks && Files.isSymbolicLink(model)) {
            throw symlink(model);
        }
        if (Files.isRegularFile(model)) {
            return new ModelFiles(model, true, List.of("."), List.of());
        }
        if (!Files.isDirectory(model)) {
            throw special(model);
        }
        Set<String> ignored = new TreeSet<>(PATH_ORDER);
        ignored.addAll(GIT_PATHS);
        for (String p : ignorePaths) {
            ignored.add(normalize(p));
        }
        List<String> found = new ArrayList<>();
        try {
            Set<FileVisitOption> opts = allowSymlinks ? EnumSet.of(FileVisitOption.FOLLOW_LINKS) : EnumSet.noneOf(FileVisitOption.class);
            Files.walkFileTree(model, opts, Integer.MAX_VALUE, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    cancel.throwIfCancelled();
                    if (!dir.equals(model) && isIgnored(relative(model, dir), ignored)) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    String rel = relative(model, file);
                    if (isIgnored(rel, ignored)) {
                        return FileVisitResult.CONTINUE;
                    }
                    if (attrs.isSymbolicLink()) {
                        throw symlink(file);
                    }
                    if (!attrs.isRegularFile()) {
                        throw special(file);
                    }
                    found.add(rel);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                    throw exc;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        found.sort(PATH_ORDER);
        return new ModelFiles(model, false, List.copyOf(found), List.copyOf(new LinkedHashSet<>(ignored)));
    }

    static boolean isIgnored(String rel, Set<String> ignored) {
        for (String i : ignored) {
            if (rel.equals(i) || rel.startsWith(i + "/")) {
                return true;
            }
        }
        return false;
    }

    /** "a/./b/" → "a/b"; backslashes become slashes. */
    public static String normalize(String p) {
        String s = p.replace('\\', '/');
        List<String> parts = new ArrayList<>();
        for (String c : s.split("/")) {
            if (!c.isEmpty() && !c.equals(".")) {
                parts.add(c);
            }
        }
        return String.join("/", parts);
    }

    static String relative(Path root, Path p) {
        Path r = root.relativize(p);
        List<String> parts = new ArrayList<>();
        for (Path c : r) {
            parts.add(c.toString());
        }
        return String.join("/", parts);
    }

    /**
     * The model-relative name of {@code path} when it lies inside {@code model} (as model_signing resolves
     * --ignore-paths and the signature file), else null.
     */
    public static String insideModel(Path model, Path path) {
        Path root = model.toAbsolutePath().normalize();
        Path p = path.toAbsolutePath().normalize();
        if (!p.startsWith(root) || p.equals(root)) {
            return null;
        }
        return relative(root, p);
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    private static SigningException symlink(Path p) {
        return new SigningException("Cannot sign or verify " + p, "it is a symbolic link, and links are refused by default",
                "replace the link with the file, ignore it with --ignore-path, or pass --allow-symlinks");
    }

    private static SigningException special(Path p) {
        return new SigningException("Cannot hash " + p, "it is neither a regular file nor a folder",
                "remove it from the model folder or ignore it with --ignore-path");
    }

    public Path model() {
        return model;
    }

    public boolean singleFile() {
        return singleFile;
    }

    /** Relative names in signing order. */
    public List<String> files() {
        return files;
    }

    /** Ignored paths to record in the signature (empty for a single file). */
    public List<String> ignorePaths() {
        return ignorePaths;
    }

    /** The subject name model_signing records: the folder's or file's own name. */
    public String modelName() {
        Path n = model.toAbsolutePath().normalize().getFileName();
        return n == null ? "" : n.toString();
    }
}
