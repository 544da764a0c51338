package dev.msw.crypto.legacy;

import dev.msw.inspect.pickle.PyValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A plain pickle value as a tree a person can read: containers with their sizes, leaves with their values. */
public record ValueTree(String label, List<ValueTree> children) {
    private static final int MAX_CHILDREN = 200;

    public static ValueTree of(String key, PyValue v) {
        String prefix = key == null ? "" : key + ": ";
        if (v instanceof PyValue.Dict d) {
            List<ValueTree> kids = new ArrayList<>();
            for (int i = 0; i < d.keys().size() && i < MAX_CHILDREN; i++) {
                kids.add(of(leaf(d.keys().get(i)), d.values().get(i)));
            }
            more(kids, d.size());
            return new ValueTree(prefix + "dict (" + d.size() + " items)", kids);
        }
        if (v instanceof PyValue.Seq s) {
            List<ValueTree> kids = new ArrayList<>();
            for (int i = 0; i < s.items().size() && i < MAX_CHILDREN; i++) {
                kids.add(of("[" + i + "]", s.items().get(i)));
            }
            more(kids, s.size());
            return new ValueTree(prefix + s.kind().name().toLowerCase(Locale.ROOT) + " (" + s.size() + " items)", kids);
        }
        return new ValueTree(prefix + leaf(v), List.of());
    }

    private static void more(List<ValueTree> kids, long total) {
        if (total > MAX_CHILDREN) {
            kids.add(new ValueTree("… " + (total - MAX_CHILDREN) + " more", List.of()));
        }
    }

    static String leaf(PyValue v) {
        if (v instanceof PyValue.Str s) {
            return "'" + s.value().replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'";
        } else if (v instanceof PyValue.Int i) {
            return i.toString();
        } else if (v instanceof PyValue.Float f) {
            return Double.toString(f.value());
        } else if (v instanceof PyValue.Bool b) {
            return b.value() ? "True" : "False";
        } else if (v instanceof PyValue.Bytes b) {
            return "bytes (" + b.length() + ")";
        } else if (v instanceof PyValue.None) {
            return "None";
        }
        return v.getClass().getSimpleName();
    }

    /** Indented text, one node per line. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        render(sb, "", "");
        return sb.toString();
    }

    private void render(StringBuilder sb, String lead, String childLead) {
        sb.append(lead).append(label).append('\n');
        for (int i = 0; i < children.size(); i++) {
            boolean last = i == children.size() - 1;
            children.get(i).render(sb, childLead + (last ? "└─ " : "├─ "), childLead + (last ? "   " : "│  "));
        }
    }
}
