package dev.msw.secrets.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small reader for the HCL subset that Vault policies use: {@code key = value} attributes, blocks with string
 * labels ({@code path "x" { … }}), strings, numbers, booleans, lists and objects, and {@code #}, {@code //} and
 * {@code /* *\/} comments. Every error names the line. Values come back as String, Double, Boolean, List, or
 * {@link Block} for objects and blocks.
 */
final class HclReader {
    /** A block or object: its labels (empty for an object) and its entries in source order. */
    record Block(List<String> labels, List<Entry> entries, int line) {
    }

    /** One attribute or nested block; {@code value} is a {@link Block} for nested blocks. */
    record Entry(String key, Object value, int line) {
    }

    private final String policy;
    private final String text;
    private int pos;
    private int line = 1;

    private HclReader(String policy, String text) {
        this.policy = policy;
        this.text = text;
    }

    /** Reads a whole policy file into its top-level entries. */
    static List<Entry> read(String policy, String text) {
        HclReader r = new HclReader(policy, text);
        List<Entry> entries = r.body(false);
        return entries;
    }

    private List<Entry> body(boolean nested) {
        List<Entry> entries = new ArrayList<>();
        while (true) {
            skipSpace();
            if (pos >= text.length()) {
                if (nested) {
                    throw error("a '}' is missing at the end of the file");
                }
                return entries;
            }
            char c = text.charAt(pos);
            if (c == '}') {
                if (!nested) {
                    throw error("unexpected '}'");
                }
                pos++;
                return entries;
            }
            if (c == ',') {
                pos++;
                continue;
            }
            int keyLine = line;
            String key = c == '"' ? string() : identifier();
            skipSpace();
            List<String> labels = new ArrayList<>();
            while (pos < text.length() && text.charAt(pos) == '"') {
                labels.add(string());
                skipSpace();
            }
            if (pos >= text.length()) {
                throw error("'=' or '{' expected after \"" + key + "\"");
            }
            c = text.charAt(pos);
            if (c == '=' || c == ':') {
                if (!labels.isEmpty()) {
                    throw error("'{' expected after the label of \"" + key + "\"");
                }
                pos++;
                entries.add(new Entry(key, value(), keyLine));
            } else if (c == '{') {
                pos++;
                int blockLine = line;
                entries.add(new Entry(key, new Block(labels, body(true), blockLine), keyLine));
            } else {
                throw error("'=' or '{' expected after \"" + key + "\", found '" + c + "'");
            }
        }
    }

    private Object value() {
        skipSpace();
        if (pos >= text.length()) {
            throw error("a value is missing at the end of the file");
        }
        char c = text.charAt(pos);
        if (c == '"') {
            return string();
        }
        if (c == '[') {
            pos++;
            List<Object> list = new ArrayList<>();
            while (true) {
                skipSpace();
                if (pos >= text.length()) {
                    throw error("a ']' is missing");
                }
                if (text.charAt(pos) == ']') {
                    pos++;
                    return list;
                }
                list.add(value());
                skipSpace();
                if (pos < text.length() && text.charAt(pos) == ',') {
                    pos++;
                } else if (pos < text.length() && text.charAt(pos) != ']') {
                    throw error("',' or ']' expected in a list");
                }
            }
        }
        if (c == '{') {
            pos++;
            int l = line;
            return new Block(List.of(), body(true), l);
        }
        if (c == '-' || Character.isDigit(c)) {
            int start = pos++;
            while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
                pos++;
            }
            try {
                return Double.parseDouble(text.substring(start, pos));
            } catch (NumberFormatException e) {
                throw error("a number was expected: " + text.substring(start, pos));
            }
        }
        if (c == '<' && text.startsWith("<<", pos)) {
            return heredoc();
        }
        String word = identifier();
        if (word.equals("true") || word.equals("false")) {
            return Boolean.parseBoolean(word);
        }
        throw error("a value was expected, found " + word + " (strings need double quotes)");
    }

    private String heredoc() {
        pos += 2;
        if (pos < text.length() && text.charAt(pos) == '-') {
            pos++;
        }
        String marker = identifier();
        int nl = text.indexOf('\n', pos);
        if (nl < 0) {
            throw error("the heredoc <<" + marker + " has no body");
        }
        pos = nl + 1;
        line++;
        StringBuilder sb = new StringBuilder();
        while (pos < text.length()) {
            int end = text.indexOf('\n', pos);
            String l = end < 0 ? text.substring(pos) : text.substring(pos, end);
            pos = end < 0 ? text.length() : end + 1;
            line++;
            if (l.strip().equals(marker)) {
                return sb.toString();
            }
            sb.append(l).append('\n');
        }
        throw error("the heredoc <<" + marker + " is not closed");
    }

    private String identifier() {
        int start = pos;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.') {
                pos++;
            } else {
                break;
            }
        }
        if (start == pos) {
            throw error("unexpected character '" + text.charAt(pos) + "'");
        }
        return text.substring(start, pos);
    }

    private String string() {
        int startLine = line;
        pos++; // opening quote
        StringBuilder sb = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c == '\n') {
                throw new PolicyException(policy, startLine, "a string is not closed before the end of the line");
            }
            if (c == '\\' && pos < text.length()) {
                char e = text.charAt(pos++);
                switch (e) {
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case '"', '\\', '/' -> sb.append(e);
                    case 'u' -> {
                        if (pos + 4 > text.length()) {
                            throw error("a \\u escape needs four hex digits");
                        }
                        sb.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                        pos += 4;
                    }
                    default -> throw error("unknown escape \\" + e + " in a string");
                }
            } else {
                sb.append(c);
            }
        }
        throw new PolicyException(policy, startLine, "a string is not closed");
    }

    private void skipSpace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\n') {
                line++;
                pos++;
            } else if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '#' || (c == '/' && text.startsWith("//", pos))) {
                while (pos < text.length() && text.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (c == '/' && text.startsWith("/*", pos)) {
                int end = text.indexOf("*/", pos + 2);
                if (end < 0) {
                    throw error("a /* comment is not closed");
                }
                for (int i = pos; i < end; i++) {
                    if (text.charAt(i) == '\n') {
                        line++;
                    }
                }
                pos = end + 2;
            } else {
                return;
            }
        }
    }

    private PolicyException error(String why) {
        return new PolicyException(policy, line, why);
    }

    /** Converts an object value to a plain map (used for JSON-style nesting checks). */
    static Map<String, Object> asMap(Block b) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Entry e : b.entries()) {
            m.put(e.key(), e.value());
        }
        return m;
    }
}
