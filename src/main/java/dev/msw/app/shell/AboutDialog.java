package dev.msw.app.shell;

import dev.msw.core.Version;
import java.util.LinkedHashMap;
import java.util.Map;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/** Help → About: product and component versions, so a bug report can say exactly what ran. */
public final class AboutDialog {
    private AboutDialog() {
    }

    public static Map<String, String> versions() {
        Map<String, String> m = new LinkedHashMap<>(Version.components());
        m.put("JavaFX", System.getProperty("javafx.runtime.version", "unknown"));
        m.put("AtlantaFX", Version.packageVersion("atlantafx.base.theme.PrimerLight"));
        return m;
    }

    public static Alert show(Window owner) {
        Alert a = new Alert(Alert.AlertType.INFORMATION, "", ButtonType.OK);
        a.initOwner(owner);
        a.setTitle("About Model Security Workbench");
        a.setHeaderText("Model Security Workbench " + Version.product());
        GridPane grid = new GridPane();
        grid.setId("about-versions");
        grid.setHgap(16);
        grid.setVgap(4);
        int row = 0;
        for (Map.Entry<String, String> e : versions().entrySet()) {
            grid.addRow(row++, new Label(e.getKey()), new Label(e.getValue()));
        }
        a.getDialogPane().setContent(grid);
        a.show();
        return a;
    }
}
