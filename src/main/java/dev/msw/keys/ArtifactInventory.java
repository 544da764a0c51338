package dev.msw.keys;

import dev.msw.core.CancellationToken;
import dev.msw.core.ProgressListener;
import dev.msw.crypto.ArtifactException;
import dev.msw.crypto.ArtifactHeader;
import dev.msw.crypto.Stanza;
import dev.msw.crypto.StanzaDescriptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Which key and version protects each encrypted artifact under some folders, read from headers only (no key
 * needed). It is what makes raising a minimum decryption version safe: {@link #wouldBecomeUnreadable} lists
 * the files that no remaining version could open.
 */
public final class ArtifactInventory {
    /** One stanza as the inventory sees it; {@code version} is -1 for types without versions (passphrase). */
    public record KeyRef(String type, String key, int version, String description) {
        public String keyId() {
            return type + ":" + key;
        }
    }

    /** One file: its stanzas, or why it could not be read. */
    public record Item(Path file, long size, List<KeyRef> keys, String problem) {
        public boolean encrypted() {
            return problem == null;
        }

        /** Versions of {@code type}/{@code key} protecting this file. */
        public List<Integer> versionsOf(String type, String key) {
            return keys.stream().filter(k -> k.type().equals(type) && k.key().equals(key)).map(KeyRef::version).toList();
        }
    }

    private final List<Item> items;
    private final List<Path> plain;
    private final int temporaryFiles;

    private ArtifactInventory(List<Item> items, List<Path> plain, int temporaryFiles) {
        this.items = List.copyOf(items);
        this.plain = List.copyOf(plain);
        this.temporaryFiles = temporaryFiles;
    }

    /** Scans files and folders (recursively); unencrypted files are listed separately. */
    public static ArtifactInventory scan(List<Path> roots, ProgressListener progress, CancellationToken cancel)
            throws IOException {
        List<Path> files = new ArrayList<>();
        int temps = 0;
        for (Path root : roots) {
            if (Files.isRegularFile(root)) {
                files.add(root);
                continue;
            }
            if (!Files.isDirectory(root)) {
                throw new KeyringException("Cannot take inventory of " + root, "it does not exist", "check the path");
            }
            try (Stream<Path> s = Files.walk(root)) {
                for (Path p : s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList()) {
                    if (isTemporary(p)) {
                        temps++;
                    } else {
                        files.add(p);
                    }
                }
            }
        }
        List<Item> items = new ArrayList<>();
        List<Path> plain = new ArrayList<>();
        int i = 0;
        for (Path f : files) {
            cancel.throwIfCancelled();
            progress.progress(i++, files.size(), f.getFileName().toString());
            if (!ArtifactHeader.hasMagic(f)) {
                plain.add(f);
                continue;
            }
            try {
                ArtifactHeader h = ArtifactHeader.read(f);
                items.add(new Item(f, Files.size(f), h.stanzas().stream().map(ArtifactInventory::ref).toList(), null));
            } catch (ArtifactException e) {
                items.add(new Item(f, Files.size(f), List.of(), e.getMessage()));
            }
        }
        progress.progress(files.size(), files.size(), "inventory complete");
        return new ArtifactInventory(items, plain, temps);
    }

    /** Temporary files that {@code AtomicOutput} leaves behind when a process is killed mid-write. */
    public static boolean isTemporary(Path p) {
        String n = p.getFileName().toString();
        return n.startsWith(".") && (n.endsWith(".part") || n.endsWith(InPlaceHeaderUpdate.JOURNAL_SUFFIX));
    }

    static KeyRef ref(Stanza s) {
        int version;
        try {
            version = Integer.parseInt(StanzaDescriptions.keyVersion(s));
        } catch (NumberFormatException e) {
            version = -1;
        }
        return new KeyRef(s.type(), StanzaDescriptions.keyName(s), version, StanzaDescriptions.describe(s));
    }

    public List<Item> items() {
        return items;
    }

    public List<Path> unencrypted() {
        return plain;
    }

    /** Leftover temporary files of interrupted writes (never complete files; safe to delete). */
    public int temporaryFiles() {
        return temporaryFiles;
    }

    /** For each key ("type:name"): version → number of files that carry a stanza for it. */
    public Map<String, Map<Integer, Integer>> versionCounts() {
        Map<String, Map<Integer, Integer>> m = new TreeMap<>();
        for (Item it : items) {
            for (KeyRef k : it.keys()) {
                if (!k.key().isEmpty()) {
                    m.computeIfAbsent(k.keyId(), x -> new TreeMap<>()).merge(k.version(), 1, Integer::sum);
                }
            }
        }
        return m;
    }

    /**
     * Files protected by {@code type}/{@code key} whose every stanza of that key is below {@code minVersion}:
     * raising the minimum decryption version to it would lock them out of that key.
     */
    public List<Item> wouldBecomeUnreadable(String type, String key, int minVersion) {
        return items.stream().filter(it -> {
            List<Integer> v = it.versionsOf(type, key);
            return !v.isEmpty() && v.stream().allMatch(x -> x < minVersion);
        }).toList();
    }

    /** Files with a stanza of {@code type}/{@code key} below {@code latest}: what a rewrap would touch. */
    public List<Item> behind(String type, String key, int latest) {
        return items.stream().filter(it -> it.versionsOf(type, key).stream().anyMatch(x -> x < latest)).toList();
    }
}
