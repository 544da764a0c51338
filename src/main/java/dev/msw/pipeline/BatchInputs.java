package dev.msw.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.msw.core.UserFacingException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads many requests for a batch run: JSON Lines (one request per line, blank lines ignored) or CSV with a
 * header row naming the fields (numbers become JSON numbers, everything else strings). Each request is
 * returned as JSON text, unparsed beyond what CSV needs, so the stages see exactly what the file holds.
 */
public final class BatchInputs {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BatchInputs() {
    }

    public static List<String> read(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return name.endsWith(".csv") ? csv(r, file) : jsonLines(r);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UserFacingException("Cannot read the batch file " + file, "it does not exist", "check the path", e);
        } catch (IOException e) {
            throw new UserFacingException("Cannot read the batch file " + file, e.getMessage(),
                    "check that it is UTF-8 JSON Lines (.jsonl) or CSV (.csv)", e);
        }
    }

    static List<String> jsonLines(BufferedReader r) throws IOException {
        List<String> out = new ArrayList<>();
        String line;
        while ((line = r.readLine()) != null) {
            if (!line.isBlank()) {
                out.add(line);
            }
        }
        return out;
    }

    static List<String> csv(BufferedReader r, Path file) throws IOException {
        String headerLine = r.readLine();
        if (headerLine == null) {
            return List.of();
        }
        List<String> header = splitCsv(headerLine.replace("\uFEFF", ""));
        List<String> out = new ArrayList<>();
        String line;
        int lineNo = 1;
        while ((line = r.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            List<String> cells = splitCsv(line);
            if (cells.size() != header.size()) {
                throw new UserFacingException("Cannot read the batch file " + file, "line " + lineNo + " has "
                        + cells.size() + " cells but the header names " + header.size() + " fields",
                        "fix the line (quote cells that contain commas)");
            }
            ObjectNode o = JSON.createObjectNode();
            for (int i = 0; i < header.size(); i++) {
                String c = cells.get(i);
                if (c.matches("-?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
                    o.put(header.get(i), Double.parseDouble(c));
                } else {
                    o.put(header.get(i), c);
                }
            }
            out.add(o.toString());
        }
        return out;
    }

    /** RFC 4180 cells of one line (quoted cells may hold commas and doubled quotes). */
    static List<String> splitCsv(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cur.toString().trim());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        cells.add(cur.toString().trim());
        return cells;
    }
}
