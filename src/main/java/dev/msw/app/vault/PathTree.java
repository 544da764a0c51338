package dev.msw.app.vault;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.control.TreeItem;

/** Builds a folder tree from flat secret paths; leaves remember their full path. */
final class PathTree {
    private final Map<TreeItem<String>, String> leaves = new HashMap<>();

    TreeItem<String> build(List<String> paths) {
        leaves.clear();
        TreeItem<String> root = new TreeItem<>("/");
        for (String p : paths) {
            TreeItem<String> node = root;
            String[] parts = p.split("/");
            for (int i = 0; i < parts.length; i++) {
                boolean leaf = i == parts.length - 1;
                String label = leaf ? parts[i] : parts[i] + "/";
                TreeItem<String> child = node.getChildren().stream().filter(c -> c.getValue().equals(label))
                        .findFirst().orElse(null);
                if (child == null) {
                    child = new TreeItem<>(label);
                    child.setExpanded(true);
                    node.getChildren().add(child);
                }
                if (leaf) {
                    leaves.put(child, p);
                }
                node = child;
            }
        }
        return root;
    }

    /** The secret path of a leaf, or null for folders. */
    String pathOf(TreeItem<String> item) {
        return leaves.get(item);
    }

    TreeItem<String> itemOf(String path) {
        return leaves.entrySet().stream().filter(e -> e.getValue().equals(path)).map(Map.Entry::getKey).findFirst()
                .orElse(null);
    }
}
