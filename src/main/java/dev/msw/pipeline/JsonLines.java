package dev.msw.pipeline;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Maps JSON Pointers ("/ranges/petal_length/min") to the line where that value starts in a JSON text, so
 * that errors found on the parsed tree can name the line a person has to fix.
 */
final class JsonLines {
    private final Map<String, Integer> lines = new HashMap<>();

    private JsonLines() {
    }

    /** Indexes {@code json}; on a syntax error the index holds what was read before it. */
    static JsonLines index(String json) {
        JsonLines index = new JsonLines();
        try (JsonParser p = new JsonFactory().createParser(json)) {
            Deque<Object> path = new ArrayDeque<>();   // String field names and int[] array counters
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.FIELD_NAME) {
                    path.removeLast();
                    path.addLast(p.currentName());
                    continue;
                }
                if (!path.isEmpty() && path.peekLast() instanceof int[] counter) {
                    if (t != JsonToken.END_ARRAY) {
                        counter[0]++;
                    }
                }
                if (t != JsonToken.END_ARRAY && t != JsonToken.END_OBJECT) {
                    index.lines.putIfAbsent(pointer(path), p.currentTokenLocation().getLineNr());
                }
                if (t == JsonToken.START_OBJECT) {
                    path.addLast("");
                } else if (t == JsonToken.START_ARRAY) {
                    path.addLast(new int[] {-1});
                } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    path.removeLast();
                }
            }
        } catch (IOException e) {
            // a syntax error is reported by the real parse; keep the lines seen so far
        }
        return index;
    }

    private static String pointer(Deque<Object> path) {
        StringBuilder sb = new StringBuilder();
        for (Object o : path) {
            sb.append('/');
            if (o instanceof int[] c) {
                sb.append(c[0]);
            } else {
                sb.append(((String) o).replace("~", "~0").replace("/", "~1"));
            }
        }
        return sb.toString();
    }

    /** The line of {@code pointer}, or of its nearest ancestor that was seen; 1 when nothing matches. */
    int lineOf(String pointer) {
        String p = pointer == null ? "" : pointer;
        while (true) {
            Integer l = lines.get(p);
            if (l != null) {
                return l;
            }
            int cut = p.lastIndexOf('/');
            if (cut < 0) {
                return 1;
            }
            p = p.substring(0, cut);
        }
    }
}
