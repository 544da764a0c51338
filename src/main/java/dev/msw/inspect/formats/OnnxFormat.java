package dev.msw.inspect.formats;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import dev.msw.inspect.ArtifactReport;
import dev.msw.inspect.ScanContext;
import dev.msw.inspect.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * ONNX models, parsed field by field from the protobuf wire format (no generated classes): opset imports vs
 * node domains, non-standard operator domains, initializer sizes vs shapes, external data locations (in
 * initializers, sparse initializers, Constant attributes, If/Loop/Scan subgraphs and model functions), graph
 * nesting depth and the 2 GB protobuf limit. Raw tensor bytes are skipped.
 */
public final class OnnxFormat {
    static final long PROTOBUF_LIMIT = (2L << 30) - 1;
    private static final Set<String> STANDARD_DOMAINS = Set.of("", "ai.onnx", "ai.onnx.ml", "com.microsoft",
            "ai.onnx.preview.training", "ai.onnx.training", "com.microsoft.nchwc", "com.ms.internal.nhwc",
            "com.microsoft.experimental", "org.pytorch.aten", "com.microsoft.dml");
    private static final Set<String> EXTERNAL_KEYS = Set.of("location", "offset", "length", "checksum", "basepath");
    private static final int[] ELEMENT_BYTES = {0, 4, 1, 1, 2, 2, 4, 8, 0, 1, 2, 8, 4, 8, 8, 16, 2, 1, 1, 1, 1, 0, 0, 0,
        1, 0};

    private final ArtifactReport r;
    private final Path model;
    private final int maxDepth;
    private final Map<String, Long> opsets = new LinkedHashMap<>();
    private final Set<String> nodeDomains = new LinkedHashSet<>();
    private final Set<String> functionDomains = new LinkedHashSet<>();
    private long nodes;
    private long initializers;
    private int deepest;
    private boolean sawGraph;

    private OnnxFormat(ArtifactReport r, Path model, int maxDepth) {
        this.r = r;
        this.model = model;
        this.maxDepth = maxDepth;
    }

    /**
     * @param file the model's own path when it is a file on disk (external data is checked against its folder)
     */
    public static void scan(ArtifactReport r, InputStream in, long size, Path file, ScanContext ctx) throws IOException {
        OnnxFormat o = new OnnxFormat(r, file, ctx.limits().maxNesting());
        r.format("onnx");
        if (size > PROTOBUF_LIMIT) {
            r.add(Severity.WARNING, "onnx-2gb-limit", size + " bytes", -1, "larger than the 2 GB protobuf limit:"
                    + " ONNX loaders refuse it (weights belong in external data files); only the first 2 GB were read");
        }
        CodedInputStream c = CodedInputStream.newInstance(in, 1 << 16);
        c.setSizeLimit(Integer.MAX_VALUE);
        c.setRecursionLimit(1000);
        try {
            o.model(c);
        } catch (IOException | RuntimeException e) {
            if (!o.sawGraph) {
                r.format("unknown");
                r.add(Severity.INFO, "unrecognised-format", "", 0,
                        "no known model format matched the content (not ONNX either), so it was not analysed");
                return;
            }
            r.add(Severity.CRITICAL, "onnx-malformed", String.valueOf(e.getMessage()), c.getTotalBytesRead(),
                    "the protobuf is malformed after this point; ONNX loaders will reject or misread it");
        }
        if (!o.sawGraph) {
            r.format("unknown");
            r.add(Severity.INFO, "unrecognised-format", "", 0, "a protobuf without an ONNX graph; not analysed");
            return;
        }
        o.finish();
    }

    private void finish() {
        r.fact("opsets", opsets.toString());
        r.fact("nodes", nodes);
        r.fact("initializers", initializers);
        r.fact("graph depth", deepest);
        for (String d : nodeDomains) {
            if (!opsets.containsKey(d) && !functionDomains.contains(d) && !(d.equals("ai.onnx") && opsets.containsKey(""))) {
                r.add(Severity.WARNING, "onnx-domain-not-imported", d.isEmpty() ? "(default)" : d, -1,
                        "nodes use this operator domain but the model does not import an opset for it");
            }
            if (!STANDARD_DOMAINS.contains(d) && !functionDomains.contains(d)) {
                r.add(Severity.WARNING, "onnx-custom-domain", d, -1, "a non-standard operator domain: running the model"
                        + " requires loading a custom operator library (native code) that implements it");
            }
        }
    }

    private void model(CodedInputStream c) throws IOException {
        int tag;
        while ((tag = c.readTag()) != 0) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> r.fact("ir_version", c.readInt64());
                case 2 -> r.fact("producer", c.readString());
                case 8 -> {
                    int lim = c.pushLimit(c.readRawVarint32());
                    opset(c, opsets);
                    c.popLimit(lim);
                }
                case 7 -> {
                    sawGraph = true;
                    int lim = c.pushLimit(c.readRawVarint32());
                    graph(c, 1);
                    c.popLimit(lim);
                }
                case 25 -> {
                    int lim = c.pushLimit(c.readRawVarint32());
                    function(c);
                    c.popLimit(lim);
                }
                default -> c.skipField(tag);
            }
        }
    }

    private static void opset(CodedInputStream c, Map<String, Long> into) throws IOException {
        String domain = "";
        long version = 0;
        int tag;
        while ((tag = c.readTag()) != 0) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> domain = c.readString();
                case 2 -> version = c.readInt64();
                default -> c.skipField(tag);
            }
        }
        into.put(domain, version);
    }

    private void function(CodedInputStream c) throws IOException {
        int tag;
        String domain = "";
        while ((tag = c.readTag()) != 0) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 10 -> domain = c.readString();
                case 7 -> {
                    int lim = c.pushLimit(c.readRawVarint32());
                    node(c, 1, "function");
                    c.popLimit(lim);
                }
                default -> c.skipField(tag);
            }
        }
        functionDomains.add(domain);
    }

    private void graph(CodedInputStream c, int depth) throws IOException {
        deepest = Math.max(deepest, depth);
        if (depth > maxDepth) {
            r.add(Severity.WARNING, "limit-reached", "graph nesting", c.getTotalBytesRead(), "subgraphs nested deeper than "
                    + maxDepth + " levels are not followed; this is not a malware verdict");
            c.skipMessage();
            return;
        }
        int tag;
        while ((tag = c.readTag()) != 0) {
            int f = WireFormat.getTagFieldNumber(tag);
            if (f == 1 || f == 5 || f == 15) {
                int lim = c.pushLimit(c.readRawVarint32());
                if (f == 1) {
                    node(c, depth, "graph");
                } else if (f == 5) {
                    initializers++;
                    tensor(c, "initializer");
                } else {
                    sparse(c);
                }
                c.popLimit(lim);
            } else {
                c.skipField(tag);
            }
        }
    }

    private void sparse(CodedInputStream c) throws IOException {
        int tag;
        while ((tag = c.readTag()) != 0) {
            int f = WireFormat.getTagFieldNumber(tag);
            if (f == 1 || f == 2) {
                int lim = c.pushLimit(c.readRawVarint32());
                tensor(c, "sparse initializer");
                c.popLimit(lim);
            } else {
                c.skipField(tag);
            }
        }
    }

    private void node(CodedInputStream c, int depth, String where) throws IOException {
        nodes++;
        String domain = "";
        String op = "";
        int tag;
        while ((tag = c.readTag()) != 0) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 4 -> op = c.readString();
                case 7 -> domain = c.readString();
                case 5 -> {
                    int lim = c.pushLimit(c.readRawVarint32());
                    attribute(c, depth);
                    c.popLimit(lim);
                }
                default -> c.skipField(tag);
            }
        }
        nodeDomains.add(domain);
    }

    private void attribute(CodedInputStream c, int depth) throws IOException {
        int tag;
        while ((tag = c.readTag()) != 0) {
            int f = WireFormat.getTagFieldNumber(tag);
            if (f == 5 || f == 10) {
                int lim = c.pushLimit(c.readRawVarint32());
                tensor(c, "node attribute");
                c.popLimit(lim);
            } else if (f == 22 || f == 23) {
                int lim = c.pushLimit(c.readRawVarint32());
                sparse(c);
                c.popLimit(lim);
            } else if (f == 6 || f == 11) {
                int lim = c.pushLimit(c.readRawVarint32());
                graph(c, depth + 1);
                c.popLimit(lim);
            } else {
                c.skipField(tag);
            }
        }
    }

    private void tensor(CodedInputStream c, String where) throws IOException {
        long offsetInFile = c.getTotalBytesRead();
        String name = "";
        long elems = 1;
        int dims = 0;
        int type = 0;
        long raw = -1;
        long typedCount = 0;
        boolean external = false;
        Map<String, String> ext = new LinkedHashMap<>();
        int tag;
        while ((tag = c.readTag()) != 0) {
            int f = WireFormat.getTagFieldNumber(tag);
            int wt = WireFormat.getTagWireType(tag);
            switch (f) {
                case 1 -> {
                    if (wt == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                        int lim = c.pushLimit(c.readRawVarint32());
                        while (c.getBytesUntilLimit() > 0) {
                            elems = mul(elems, c.readInt64());
                            dims++;
                        }
                        c.popLimit(lim);
                    } else {
                        elems = mul(elems, c.readInt64());
                        dims++;
                    }
                }
                case 2 -> type = c.readInt32();
                case 8 -> name = c.readString();
                case 9 -> {
                    int len = c.readRawVarint32();
                    raw = len;
                    c.skipRawBytes(len);
                }
                case 4, 5, 7, 10, 11 -> typedCount += countRepeated(c, wt, f);
                case 6 -> {
                    typedCount++;
                    c.skipField(tag);
                }
                case 14 -> external = c.readEnum() == 1;
                case 13 -> {
                    int lim = c.pushLimit(c.readRawVarint32());
                    String k = null;
                    String v = "";
                    int t;
                    while ((t = c.readTag()) != 0) {
                        switch (WireFormat.getTagFieldNumber(t)) {
                            case 1 -> k = c.readString();
                            case 2 -> v = c.readString();
                            default -> c.skipField(t);
                        }
                    }
                    c.popLimit(lim);
                    if (k != null) {
                        ext.put(k, v);
                    }
                }
                default -> c.skipField(tag);
            }
        }
        String subject = where + " '" + name + "'";
        if (elems < 0) {
            r.add(Severity.WARNING, "onnx-shape", subject, offsetInFile, "negative or overflowing dimensions");
            return;
        }
        if (external || !ext.isEmpty()) {
            external(subject, ext, offsetInFile);
            return;
        }
        int width = type > 0 && type < ELEMENT_BYTES.length ? ELEMENT_BYTES[type] : 0;
        if (raw >= 0 && width > 0 && raw != elems * width) {
            r.add(Severity.WARNING, "onnx-initializer-size", subject, offsetInFile, "raw data holds " + raw
                    + " bytes but the shape needs " + elems * width + "; runtimes have read out of bounds on such models");
        } else if (raw < 0 && typedCount > 0 && type != 14 && type != 15 && typedCount != elems && type != 8) {
            r.add(Severity.WARNING, "onnx-initializer-size", subject, offsetInFile, "holds " + typedCount
                    + " values but the shape needs " + elems);
        }
    }

    private void external(String subject, Map<String, String> ext, long at) {
        for (String k : ext.keySet()) {
            if (!EXTERNAL_KEYS.contains(k)) {
                r.add(Severity.WARNING, "onnx-external-key", subject + " key " + k, at, "unknown external data key");
            }
        }
        String loc = ext.getOrDefault("location", "");
        if (loc.isEmpty()) {
            r.add(Severity.CRITICAL, "onnx-external-location", subject, at, "external data without a location");
            return;
        }
        if (loc.startsWith("/") || loc.startsWith("\\") || loc.matches("^[A-Za-z]:.*")) {
            r.add(Severity.CRITICAL, "onnx-external-location", subject + " -> " + loc, at,
                    "an absolute external data path: loading reads any file on the machine into the model");
            return;
        }
        if (loc.equals("..") || loc.contains("../") || loc.contains("..\\") || loc.endsWith("/..")) {
            r.add(Severity.CRITICAL, "onnx-external-location", subject + " -> " + loc, at,
                    "the external data path climbs out of the model folder ('..')");
            return;
        }
        long offset = parse(ext.get("offset"), 0);
        long length = parse(ext.get("length"), -1);
        if (offset < 0 || (ext.containsKey("length") && length < 0)) {
            r.add(Severity.CRITICAL, "onnx-external-range", subject, at, "invalid external data offset or length");
            return;
        }
        if (model == null) {
            r.add(Severity.INFO, "onnx-external-data", subject + " -> " + loc, at,
                    "weights live in an external file, not checked inside an archive");
            return;
        }
        Path dir = model.toAbsolutePath().getParent();
        Path target = dir.resolve(loc).normalize();
        if (!target.startsWith(dir)) {
            r.add(Severity.CRITICAL, "onnx-external-location", subject + " -> " + loc, at,
                    "the external data file lies outside the model folder");
            return;
        }
        for (Path p = target; p != null && p.startsWith(dir) && !p.equals(dir); p = p.getParent()) {
            if (Files.isSymbolicLink(p)) {
                r.add(Severity.CRITICAL, "onnx-external-symlink", subject + " -> " + loc, at,
                        "the external data path goes through a symbolic link, which can point anywhere");
                return;
            }
        }
        if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            r.add(Severity.WARNING, "onnx-external-missing", subject + " -> " + loc, at, "the external data file is missing");
            return;
        }
        try {
            long size = Files.size(target);
            if (offset > size || (length >= 0 && length > size - offset)) {
                r.add(Severity.CRITICAL, "onnx-external-range", subject + " -> " + loc, at, "offset " + offset
                        + " and length " + length + " reach beyond the end of the " + size + "-byte file");
            }
        } catch (IOException e) {
            r.add(Severity.WARNING, "onnx-external-missing", subject + " -> " + loc, at, "cannot read the external data file");
        }
    }

    private static long parse(String s, long dflt) {
        if (s == null) {
            return dflt;
        }
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static long countRepeated(CodedInputStream c, int wireType, int field) throws IOException {
        if (wireType != WireFormat.WIRETYPE_LENGTH_DELIMITED) {
            c.skipField((field << 3) | wireType);
            return 1;
        }
        int len = c.readRawVarint32();
        if (field == 4) {
            c.skipRawBytes(len);
            return len / 4;
        }
        if (field == 10) {
            c.skipRawBytes(len);
            return len / 8;
        }
        int lim = c.pushLimit(len);
        long n = 0;
        while (c.getBytesUntilLimit() > 0) {
            c.readRawVarint64();
            n++;
        }
        c.popLimit(lim);
        return n;
    }

    private static long mul(long a, long b) {
        if (a < 0 || b < 0) {
            return -1;
        }
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            return -1;
        }
    }
}
