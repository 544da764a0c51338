package dev.msw.inspect;

import dev.msw.core.CancellationToken;
import dev.msw.core.ProgressListener;
import dev.msw.inspect.formats.ArchiveFormats;
import dev.msw.inspect.formats.CompressedFormats;
import dev.msw.inspect.formats.GgufFormat;
import dev.msw.inspect.formats.KerasFormat;
import dev.msw.inspect.formats.NumpyFormat;
import dev.msw.inspect.formats.OnnxFormat;
import dev.msw.inspect.formats.PickleFormat;
import dev.msw.inspect.formats.SafetensorsFormat;
import dev.msw.inspect.pickle.CallablePolicy;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Inspects files and folders without loading anything: each file (and each member of an archive or compressed
 * wrapper, recursively) is recognised by content, never by its name, and handed to the scanner of its format.
 * Tensor data is skipped, so memory stays bounded on multi-gigabyte files. Nothing is ever unpickled or executed.
 */
public final class ArtifactInspector implements ScanContext {
    private static final int HEAD = 4096;
    private final ScanLimits limits;
    private final CallablePolicy policy;
    private CancellationToken cancel = CancellationToken.NONE;

    public ArtifactInspector(ScanLimits limits, boolean strict) {
        this.limits = limits;
        this.policy = new CallablePolicy(strict);
    }

    @Override
    public CallablePolicy policy() {
        return policy;
    }

    @Override
    public ScanLimits limits() {
        return limits;
    }

    @Override
    public CancellationToken cancel() {
        return cancel;
    }

    /** Inspects every file under the given paths; progress counts files. */
    public InspectionReport inspect(List<Path> paths, ProgressListener progress, CancellationToken cancel)
            throws IOException {
        this.cancel = cancel;
        Instant start = Instant.now();
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p, new FileVisitOption[0])) {
                    s.filter(x -> !Files.isDirectory(x, LinkOption.NOFOLLOW_LINKS)).sorted().forEach(files::add);
                }
            } else {
                files.add(p);
            }
        }
        List<ArtifactReport> reports = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            cancel.throwIfCancelled();
            progress.progress(i, files.size(), files.get(i).getFileName().toString());
            reports.add(inspectFile(files.get(i)));
        }
        progress.progress(files.size(), files.size(), "done");
        return new InspectionReport(reports, policy.strict(), start, java.time.Duration.between(start, Instant.now()).toMillis());
    }

    /** Inspects one file. I/O errors become findings on the report, so one unreadable file never stops a folder. */
    public ArtifactReport inspectFile(Path file) throws IOException {
        ArtifactReport r = new ArtifactReport(file.toString());
        if (Files.isSymbolicLink(file)) {
            r.add(Severity.INFO, "symlink", file.toString(), -1, "a symbolic link to " + Files.readSymbolicLink(file)
                    + "; the target is scanned");
        }
        if (!Files.isRegularFile(file)) {
            r.add(Severity.WARNING, "not-a-file", file.toString(), -1, "missing, or not a regular file; nothing was scanned");
            return r;
        }
        r.size(Files.size(file));
        r.sha256(sha256(file));
        noteSignatures(r, file);
        byte[] head = new byte[HEAD];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, HEAD);
        }
        FormatSniffer.Kind kind = FormatSniffer.sniff(head, n, r.size());
        try {
            if (kind == FormatSniffer.Kind.ZIP) {
                ArchiveFormats.zipFile(r, file, this, 0);
                return r;
            }
            if (kind == FormatSniffer.Kind.SEVEN_Z) {
                ArchiveFormats.sevenZFile(r, file, this, 0);
                return r;
            }
            try (ScanInput in = new ScanInput(Files.newInputStream(file), Long.MAX_VALUE)) {
                dispatch(r, kind, new BufferedInputStream(in, 1 << 16), r.size(), 0, file);
            }
        } catch (dev.msw.core.CancelledException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            failed(r, e);
        }
        return r;
    }

    @Override
    public ArtifactReport scanMember(ArtifactReport parent, String name, InputStream raw, long size, int depth)
            throws IOException {
        cancel.throwIfCancelled();
        ArtifactReport r = new ArtifactReport(parent.name() + ":" + name);
        parent.addMember(r);
        if (depth > limits.maxNesting()) {
            r.add(Severity.WARNING, "limit-reached", "nesting", -1, "archives nested deeper than "
                    + limits.maxNesting() + " levels are not opened; this is not a malware verdict");
            return r;
        }
        MessageDigest md = sha256();
        ScanInput counted = new ScanInput(new DigestInputStream(raw, md), limits.maxDecompressed());
        try {
            BufferedInputStream in = new BufferedInputStream(counted, 1 << 16);
            in.mark(HEAD);
            byte[] head = in.readNBytes(HEAD);
            in.reset();
            FormatSniffer.Kind kind = FormatSniffer.sniff(head, head.length, size);
            dispatch(r, kind, in, size, depth, null);
            counted.drain();
            r.size(counted.count());
            r.sha256(HexFormat.of().formatHex(md.digest()));
        } catch (ScanInput.LimitExceeded e) {
            r.add(Severity.WARNING, "limit-reached", "decompressed size", counted.count(), "more than "
                    + limits.maxDecompressed() + " bytes came out of this member (a decompression bomb, or raise the"
                    + " limit); the rest was not scanned. This is not a malware verdict");
        } catch (dev.msw.core.CancelledException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            failed(r, e);
        }
        return r;
    }

    private void dispatch(ArtifactReport r, FormatSniffer.Kind kind, BufferedInputStream in, long size, int depth,
            Path file) throws IOException {
        switch (kind) {
            case MSW_CONTAINER -> dev.msw.inspect.formats.ContainerFormat.scan(r, in, size);
            case PICKLE -> PickleFormat.scan(r, in, this, true);
            case PICKLE_CANDIDATE -> PickleFormat.scan(r, in, this, false);
            case ZIP -> ArchiveFormats.zipStream(r, in, this, depth);
            case TAR -> ArchiveFormats.tarStream(r, in, this, depth);
            case SEVEN_Z -> ArchiveFormats.sevenZStream(r, in, this, depth);
            case GZIP, BZIP2, XZ, LZMA, ZLIB -> CompressedFormats.scan(r, kind, in, this, depth);
            case NPY -> NumpyFormat.scan(r, in, this);
            case SAFETENSORS -> SafetensorsFormat.scan(r, in, size);
            case GGUF -> GgufFormat.scan(r, in, size);
            case HDF5 -> KerasFormat.scanHdf5(r, in);
            case JSON -> KerasFormat.scanJson(r, in);
            case ONNX_CANDIDATE -> OnnxFormat.scan(r, in, size, file, this);
            default -> unknown(r, size, file != null);
        }
    }

    private static final java.util.regex.Pattern TORCH_STORAGE = java.util.regex.Pattern.compile(".*[:/]data/\\d+$");
    private static final java.util.regex.Pattern TORCH_META = java.util.regex.Pattern.compile(".*[:/](version|byteorder|\\.data/version|\\.format_version|\\.storage_alignment)$");

    /** Reports content no scanner recognised (PyTorch storages and metadata members are named, not flagged). */
    public static void unknown(ArtifactReport r, long size, boolean topLevel) {
        if (!topLevel && TORCH_STORAGE.matcher(r.name()).matches()) {
            r.format("tensor data (PyTorch storage, not read)");
            return;
        }
        if (!topLevel && TORCH_META.matcher(r.name()).matches() && size < 64) {
            r.format("PyTorch archive metadata");
            return;
        }
        r.format("unknown");
        String legacy = topLevel && size >= 32 && size % 16 == 0
                ? " Its size fits the legacy AES-CBC format (16-byte IV + whole blocks): if it is one, read it with"
                        + " 'msw legacy show FILE --key-hex HEX'."
                : "";
        r.add(Severity.INFO, "unrecognised-format", "", 0,
                "no known model format matched the content, so it was not analysed." + legacy);
    }

    /** Signature status we can see without keys: a detached signature or a model-signing bundle beside the file. */
    private static void noteSignatures(ArtifactReport r, Path file) {
        Path detached = file.resolveSibling(file.getFileName() + ".sig");
        Path dir = file.toAbsolutePath().getParent();
        if (Files.isRegularFile(detached)) {
            r.fact("signature", "detached signature " + detached.getFileName() + " beside it (not verified here)");
        } else if (dir != null && Files.isRegularFile(dir.resolve("model.sig")) && !file.getFileName().toString().equals("model.sig")) {
            r.fact("signature", "model-signing bundle model.sig in its folder (not verified here)");
        } else {
            r.fact("signature", "none found beside the file");
        }
    }

    private static void failed(ArtifactReport r, Exception e) {
        r.add(Severity.CRITICAL, "scan-failed", e.getClass().getSimpleName(), -1,
                "the scanner could not read this " + r.format() + " (" + e.getMessage()
                        + "); it is not known to be safe");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String sha256(Path file) throws IOException {
        MessageDigest md = sha256();
        byte[] buf = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            int k;
            while ((k = in.read(buf)) >= 0) {
                md.update(buf, 0, k);
                if (cancel.isCancelled()) {
                    cancel.throwIfCancelled();
                }
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
