package dev.msw.app.vault;

import dev.msw.secrets.MetadataSettings;
import dev.msw.secrets.SecretMetadata;
import dev.msw.secrets.SecretOperation;
import java.util.LinkedHashMap;
import java.util.Map;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;

/** The Metadata pane: max versions, check-and-set required, delete-after and custom metadata. */
public final class MetadataPane {
    @FXML private TextField maxVersionsField;
    @FXML private CheckBox casRequiredBox;
    @FXML private TextField deleteAfterField;
    @FXML private TextArea customArea;
    @FXML private Label metadataInfo;
    @FXML private Button saveMetadataButton;

    private PaneContext c;

    void bind(PaneContext context) {
        this.c = context;
        c.vm().metadataProperty().addListener((o, a, m) -> show(m));
        saveMetadataButton.disableProperty().bind(c.vm().metadataProperty().isNull()
                .or(c.vm().allowedProperty(SecretOperation.WRITE_METADATA).not()));
    }

    private void show(SecretMetadata m) {
        if (m == null) {
            maxVersionsField.clear();
            casRequiredBox.setSelected(false);
            deleteAfterField.clear();
            customArea.clear();
            metadataInfo.setText("");
            return;
        }
        maxVersionsField.setText(String.valueOf(m.maxVersions()));
        casRequiredBox.setSelected(m.casRequired());
        deleteAfterField.setText(m.deleteVersionAfter());
        StringBuilder sb = new StringBuilder();
        m.customMetadata().forEach((k, val) -> sb.append(k).append('=').append(val).append('\n'));
        customArea.setText(sb.toString());
        metadataInfo.setText("Current version " + m.currentVersion() + (m.oldestVersion() > 0 ? ", oldest kept "
                + m.oldestVersion() : "") + ", created " + m.created() + ", updated " + m.updated());
    }

    @FXML
    private void saveMetadata() {
        Map<String, String> custom = new LinkedHashMap<>();
        for (String line : customArea.getText().split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                custom.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        int max;
        try {
            max = Integer.parseInt(maxVersionsField.getText().strip());
        } catch (NumberFormatException e) {
            c.app().status("Max versions must be a whole number (0 = default 10).");
            return;
        }
        c.vm().saveMetadata(new MetadataSettings(max, casRequiredBox.isSelected(), deleteAfterField.getText().strip(),
                custom));
    }
}
