package dev.msw.app.vault;

import dev.msw.secrets.AccessMatrix;
import dev.msw.secrets.Environments;
import dev.msw.secrets.SecretOperation;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;

/** Fills a grid with the role × environment × operation matrix: yes/no per cell, red where it differs from the plan. */
final class MatrixGrid {
    private MatrixGrid() {
    }

    static void fill(GridPane grid, AccessMatrix m) {
        grid.getChildren().clear();
        if (m == null) {
            return;
        }
        grid.add(head("role"), 0, 0);
        grid.add(head("environment"), 1, 0);
        int col = 2;
        for (SecretOperation op : m.operations()) {
            grid.add(head(AccessMatrix.shortName(op)), col++, 0);
        }
        int row = 1;
        for (String role : m.roles()) {
            for (String env : m.environments()) {
                grid.add(new Label(role), 0, row);
                Label e = new Label(env);
                e.getStyleClass().addAll("env-banner", Environments.isProduction(env) ? "env-production"
                        : "env-" + env);
                grid.add(e, 1, row);
                col = 2;
                for (SecretOperation op : m.operations()) {
                    AccessMatrix.Cell c = m.cell(role, env, op);
                    Label l = new Label((c.actual() ? "yes" : "no") + (c.agrees() ? "" : " (!)"));
                    l.getStyleClass().add(!c.agrees() ? "matrix-mismatch" : c.actual() ? "matrix-yes" : "matrix-no");
                    grid.add(l, col++, row);
                }
                row++;
            }
        }
    }

    private static Label head(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("matrix-head");
        return l;
    }
}
