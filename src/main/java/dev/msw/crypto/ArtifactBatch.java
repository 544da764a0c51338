package dev.msw.crypto;

import dev.msw.audit.Audit;
import dev.msw.core.AtomicOutput;
import dev.msw.core.CancellationToken;
import dev.msw.core.CancelledException;
import dev.msw.core.ProgressListener;
import dev.msw.core.UserFacingException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Encrypts or decrypts a file or a whole folder tree (what the CLI and the Artifacts tab run), with one
 * progress bar over all bytes and an audit record per file. Folders keep their layout: {@code DIR/a/b.onnx}
 * becomes {@code OUT/a/b.onnx.msw}, and back. All destinations are checked before the first byte is written,
 * so an existing output refuses the whole run unless {@code overwrite}.
 */
public final class ArtifactBatch {
    public static final String EXTENSION = ".msw";

    /** One file to process. */
    public record Item(Path source, Path destination) {
    }

    /** One file done. */
    public record Outcome(Path source, Path destination, CryptoResult result) {
    }

    private final ArtifactEncryptor encryptor;
    private final ArtifactDecryptor decryptor;

    public ArtifactBatch() {
        this(new ArtifactEncryptor(), new ArtifactDecryptor());
    }

    public ArtifactBatch(ArtifactEncryptor encryptor, ArtifactDecryptor decryptor) {
        this.encryptor = encryptor;
        this.decryptor = decryptor;
    }

    /**
     * Starts the AES-GCM JIT warm-up now (it otherwise starts when the first chunk is sealed or opened), so
     * that a caller can overlap it with unlocking keys: a command-line run of a large file then waits for
     * it less, or not at all. Idempotent and cheap.
     */
    public static void startCipherWarmup() {
        ChunkCipher.startWarmupNow();
    }

    // ---- planning ----

    /**
     * A file maps to {@code output} (or into it, as {@code name.msw}, when {@code output} is an existing folder);
     * a folder maps each regular file below it to {@code output/rel.msw}.
     */
    public static List<Item> planEncrypt(Path input, Path output) throws IOException {
        if (!Files.isDirectory(input)) {
            return List.of(new Item(input, Files.isDirectory(output)
                    ? output.resolve(input.getFileName().toString() + EXTENSION) : output));
        }
        requireNotInside(input, output);
        List<Item> items = new ArrayList<>();
        for (Path f : filesUnder(input)) {
            Path rel = input.relativize(f);
            items.add(new Item(f, output.resolve(rel.toString() + EXTENSION)));
        }
        return items;
    }

    /**
     * A file maps to {@code output} (or into it when it is an existing folder, dropping {@code .msw}); a folder
     * maps each encrypted file below it (recognised by its signature,
     * not its name) to {@code output/rel} without the {@code .msw} extension. Other files are not listed.
     */
    public static List<Item> planDecrypt(Path input, Path output) throws IOException {
        if (!Files.isDirectory(input)) {
            return List.of(new Item(input, Files.isDirectory(output) ? output.resolve(withoutExtension(input)) : output));
        }
        requireNotInside(input, output);
        List<Item> items = new ArrayList<>();
        for (Path f : filesUnder(input)) {
            if (ArtifactHeader.hasMagic(f)) {
                String rel = input.relativize(f).toString();
                if (rel.endsWith(EXTENSION) && rel.length() > EXTENSION.length()) {
                    rel = rel.substring(0, rel.length() - EXTENSION.length());
                }
                items.add(new Item(f, output.resolve(rel)));
            }
        }
        return items;
    }

    private static String withoutExtension(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(EXTENSION) && name.length() > EXTENSION.length()
                ? name.substring(0, name.length() - EXTENSION.length()) : name + ".decrypted";
    }

    private static List<Path> filesUnder(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)).sorted().toList();
        }
    }

    private static void requireNotInside(Path input, Path output) {
        Path in = input.toAbsolutePath().normalize();
        Path out = output.toAbsolutePath().normalize();
        if (out.startsWith(in)) {
            throw new UserFacingException("Refusing to write into " + output, "it lies inside the input folder " + input,
                    "choose an output folder outside the input folder");
        }
    }

    // ---- running ----

    public List<Outcome> encrypt(List<Item> items, List<? extends Recipient> recipients, boolean overwrite,
            ProgressListener progress, CancellationToken cancel) throws IOException {
        requireDestinationsFree(items, overwrite);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("recipients", String.join(", ", recipients.stream().map(Recipient::describe).toList()));
        return run(items, progress, cancel, "encrypt", details, (item, p) -> encryptor.encrypt(item.source(),
                item.destination(), recipients, overwrite, p, cancel));
    }

    public List<Outcome> decrypt(List<Item> items, List<? extends Identity> identities, boolean overwrite,
            ProgressListener progress, CancellationToken cancel) throws IOException {
        requireDestinationsFree(items, overwrite);
        return run(items, progress, cancel, "decrypt", Map.of(), (item, p) -> decryptor.decrypt(item.source(),
                item.destination(), identities, overwrite, p, cancel));
    }

    /**
     * Decrypts one file to a stream that is not a regular file (standard output, {@code /dev/null}). Chunks
     * reach {@code out} as they authenticate; if this throws, what was written must be discarded.
     */
    public CryptoResult decryptToStream(Path source, OutputStream out, String outName, List<? extends Identity> identities,
            ProgressListener progress, CancellationToken cancel) throws IOException {
        FileChecks.requireRegularFile(source);
        List<Outcome> done = run(List.of(new Item(source, Path.of(outName))), progress, cancel, "decrypt", Map.of(),
                (item, p) -> decryptor.decrypt(source, out, identities, p, cancel));
        return done.get(0).result();
    }

    private interface FileJob {
        CryptoResult run(Item item, ProgressListener progress) throws IOException;
    }

    private List<Outcome> run(List<Item> items, ProgressListener progress, CancellationToken cancel, String action,
            Map<String, String> baseDetails, FileJob job) throws IOException {
        long total = 0;
        for (Item i : items) {
            total += Files.isRegularFile(i.source()) ? Files.size(i.source()) : 0;
        }
        final long grandTotal = total;
        long[] offset = {0};
        List<Outcome> done = new ArrayList<>();
        for (Item item : items) {
            cancel.throwIfCancelled();
            String label = item.source().getFileName() == null ? item.source().toString() : item.source().getFileName().toString();
            ProgressListener p = (d, t, m) -> progress.progress(offset[0] + d, grandTotal, label);
            p.progress(0, grandTotal, label);
            Map<String, String> details = new LinkedHashMap<>(baseDetails);
            details.put("output", item.destination().toString());
            try {
                CryptoResult r = job.run(item, p);
                if (r.openedWith() != null) {
                    details.put("opened-with", r.openedWith());
                }
                details.put("bytes", Long.toString(r.plaintextBytes()));
                Audit.record(action, item.source().toString(), "success", details);
                done.add(new Outcome(item.source(), item.destination(), r));
            } catch (IOException | RuntimeException e) {
                details.put("reason", e instanceof UserFacingException u ? u.what() + ": " + u.why() : String.valueOf(e));
                if (!done.isEmpty()) {
                    details.put("completed-before-failure", Integer.toString(done.size()));
                }
                Audit.record(action, item.source().toString(), e instanceof CancelledException ? "cancelled" : "failure",
                        details);
                throw e;
            }
            offset[0] += Files.size(item.source());
        }
        return done;
    }

    private static void requireDestinationsFree(List<Item> items, boolean overwrite) throws IOException {
        if (items.isEmpty()) {
            throw new UserFacingException("Nothing to do", "the input folder holds no files to process",
                    "check the folder (decrypting a folder picks files that start with the msw signature)");
        }
        if (overwrite) {
            return;
        }
        for (Item i : items) {
            if (Files.exists(i.destination())) {
                AtomicOutput.create(i.destination(), false).close();
            }
        }
    }
}
