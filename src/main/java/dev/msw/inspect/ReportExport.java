package dev.msw.inspect;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.msw.core.Version;
import dev.msw.inspect.pickle.PickleAnalysis;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.owasp.encoder.Encode;

/** Renders an {@link InspectionReport} as JSON (our own schema), SARIF 2.1.0 for code-scanning dashboards, or HTML. */
public final class ReportExport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportExport() {
    }

    public static ObjectNode toJson(InspectionReport report) {
        ObjectNode root = JSON.createObjectNode();
        root.put("tool", "msw inspect " + Version.product());
        root.put("started", report.started().toString());
        root.put("millis", report.millis());
        root.put("strict", report.strict());
        ObjectNode counts = root.putObject("counts");
        for (Severity s : Severity.values()) {
            counts.put(s.label(), report.count(s));
        }
        root.put("worst", report.worst() == null ? "none" : report.worst().label());
        ArrayNode files = root.putArray("files");
        report.files().forEach(f -> files.add(artifact(f)));
        return root;
    }

    private static ObjectNode artifact(ArtifactReport a) {
        ObjectNode o = JSON.createObjectNode();
        o.put("name", a.name());
        o.put("format", a.format());
        o.put("size", a.size());
        if (a.sha256() != null) {
            o.put("sha256", a.sha256());
        }
        o.put("worst", a.worst() == null ? "none" : a.worst().label());
        ObjectNode facts = o.putObject("facts");
        a.facts().forEach(facts::put);
        ArrayNode fs = o.putArray("findings");
        for (Finding f : a.findings()) {
            ObjectNode n = fs.addObject();
            n.put("severity", f.severity().label());
            n.put("rule", f.rule());
            n.put("subject", f.subject());
            n.put("offset", f.offset());
            n.put("occurrences", f.occurrences());
            n.put("why", f.why());
        }
        PickleAnalysis p = a.pickle();
        if (p != null) {
            ArrayNode imports = o.putArray("imports");
            for (PickleAnalysis.ImportRecord i : p.imports()) {
                ObjectNode n = imports.addObject();
                n.put("callable", i.callable());
                n.put("verdict", i.verdict());
                n.put("firstOffset", i.firstOffset());
                n.put("count", i.count());
            }
            ArrayNode calls = o.putArray("calls");
            for (PickleAnalysis.CallRecord c : p.calls()) {
                calls.addObject().put("callee", c.callee()).put("opcode", c.opcode()).put("offset", c.offset());
            }
            o.put("callCount", p.callCount());
        }
        ArrayNode members = o.putArray("members");
        a.members().forEach(m -> members.add(artifact(m)));
        return o;
    }

    public static String json(InspectionReport report) throws IOException {
        return JSON.writeValueAsString(toJson(report));
    }

    /** SARIF 2.1.0: one result per finding, located at the file (or member) with the byte offset as a region. */
    public static String sarif(InspectionReport report) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "msw inspect");
        driver.put("version", Version.product());
        driver.put("informationUri", "https://github.com/msw/msw/blob/main/docs/inspect.md");
        ArrayNode rules = driver.putArray("rules");
        java.util.Set<String> seen = new java.util.LinkedHashSet<>();
        ArrayNode results = run.putArray("results");
        forEach(report.files(), a -> {
            for (Finding f : a.findings()) {
                if (seen.add(f.rule())) {
                    ObjectNode rule = rules.addObject();
                    rule.put("id", f.rule());
                    rule.putObject("shortDescription").put("text", f.rule().replace('-', ' '));
                }
                ObjectNode res = results.addObject();
                res.put("ruleId", f.rule());
                res.put("level", switch (f.severity()) {
                    case CRITICAL -> "error";
                    case WARNING -> "warning";
                    case INFO -> "note";
                });
                res.putObject("message").put("text", (f.subject().isEmpty() ? "" : f.subject() + ": ") + f.why());
                String[] fileAndMember = splitMember(a.name());
                ObjectNode phys = res.putArray("locations").addObject().putObject("physicalLocation");
                phys.putObject("artifactLocation").put("uri", Path.of(fileAndMember[0]).toUri().toString());
                if (f.offset() >= 0 && fileAndMember[1] == null) {
                    phys.putObject("region").put("byteOffset", f.offset()).put("byteLength", 1);
                }
                ObjectNode props = res.putObject("properties");
                props.put("severity", f.severity().label());
                if (fileAndMember[1] != null) {
                    props.put("member", fileAndMember[1]);
                    if (f.offset() >= 0) {
                        props.put("memberOffset", f.offset());
                    }
                }
                if (f.occurrences() > 1) {
                    props.put("occurrences", f.occurrences());
                }
                res.putObject("partialFingerprints").put("mswFinding/v1",
                        Integer.toHexString((a.name() + f.rule() + f.subject()).hashCode()));
            }
        });
        return JSON.writeValueAsString(root);
    }

    /** A self-contained HTML page (no scripts), every value escaped. */
    public static String html(InspectionReport report) {
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>msw inspect report</title><style>")
                .append("body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;width:100%}")
                .append("td,th{border:1px solid #ccc;padding:4px;text-align:left;vertical-align:top}")
                .append(".critical{background:#fdd}.warning{background:#ffd}.info{background:#eef}")
                .append("code{font-size:90%}</style></head><body>");
        sb.append("<h1>Model inspection report</h1><p>").append(Encode.forHtml(report.started().toString()))
                .append(" · ").append(report.files().size()).append(" files · critical ").append(report.count(Severity.CRITICAL))
                .append(" · warning ").append(report.count(Severity.WARNING)).append(" · info ").append(report.count(Severity.INFO))
                .append(report.strict() ? " · strict" : "").append("</p>");
        forEach(report.files(), a -> {
            sb.append("<h2>").append(Encode.forHtml(a.name())).append("</h2><p>").append(Encode.forHtml(a.format()))
                    .append(" · ").append(a.size()).append(" bytes");
            if (a.sha256() != null) {
                sb.append(" · sha256 <code>").append(a.sha256()).append("</code>");
            }
            sb.append("</p>");
            if (!a.facts().isEmpty()) {
                sb.append("<p>");
                for (Map.Entry<String, String> e : a.facts().entrySet()) {
                    sb.append(Encode.forHtml(e.getKey())).append(": ").append(Encode.forHtml(e.getValue())).append("; ");
                }
                sb.append("</p>");
            }
            if (!a.findings().isEmpty()) {
                sb.append("<table><tr><th>Severity</th><th>Rule</th><th>Subject</th><th>Offset</th><th>Why</th></tr>");
                for (Finding f : a.findings()) {
                    sb.append("<tr class=\"").append(f.severity().label()).append("\"><td>").append(f.severity().label())
                            .append("</td><td>").append(Encode.forHtml(f.rule())).append("</td><td><code>")
                            .append(Encode.forHtml(f.subject())).append("</code></td><td>")
                            .append(f.offset() >= 0 ? Long.toString(f.offset()) : "").append("</td><td>")
                            .append(Encode.forHtml(f.why())).append(f.occurrences() > 1 ? " (×" + f.occurrences() + ")" : "")
                            .append("</td></tr>");
                }
                sb.append("</table>");
            }
        });
        sb.append("</body></html>\n");
        return sb.toString();
    }

    public static void write(Path path, String content) throws IOException {
        try (dev.msw.core.AtomicOutput out = dev.msw.core.AtomicOutput.create(path, true)) {
            out.stream().write(content.getBytes(StandardCharsets.UTF_8));
            out.commit();
        }
    }

    private static String[] splitMember(String name) {
        // members are "file:member"; a Windows drive letter "C:" is not a member separator
        int from = name.length() > 2 && name.charAt(1) == ':' ? 2 : 0;
        int i = name.indexOf(':', from);
        return i < 0 ? new String[] {name, null} : new String[] {name.substring(0, i), name.substring(i + 1)};
    }

    private static void forEach(List<ArtifactReport> list, Consumer<ArtifactReport> c) {
        for (ArtifactReport a : list) {
            c.accept(a);
            forEach(a.members(), c);
        }
    }
}
