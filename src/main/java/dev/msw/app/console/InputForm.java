package dev.msw.app.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.msw.pipeline.ModelContract;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import javafx.beans.property.StringProperty;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;

/**
 * A form generated from the contract's input schema: one field per property, typed values written back to
 * the request JSON as you type. The raw JSON stays the source of truth: a request the form cannot show (not
 * an object, NaN…) leaves the fields as they were.
 */
final class InputForm extends GridPane {
    static final String OFFENDING = "field-offending";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Map<String, TextInputControl> fields = new LinkedHashMap<>();
    private final Map<String, String> types = new LinkedHashMap<>();
    private final StringProperty request;
    private boolean updating;

    InputForm(StringProperty request) {
        this.request = request;
        getStyleClass().add("input-form");
        setHgap(8);
        setVgap(6);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(110);
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        getColumnConstraints().setAll(labels, values);
        request.addListener((o, was, now) -> {
            if (!updating) {
                fill(now);
            }
        });
    }

    /** Rebuilds the fields for {@code contract}'s input schema. */
    void build(ModelContract contract) {
        getChildren().clear();
        fields.clear();
        types.clear();
        JsonNode props;
        try {
            props = JSON.readTree(contract.json()).path("inputSchema").path("properties");
        } catch (Exception e) {
            return;
        }
        int row = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); row++) {
            Map.Entry<String, JsonNode> p = it.next();
            String name = p.getKey();
            String type = contract.types().getOrDefault(name, p.getValue().path("type").asText("string"));
            TextInputControl field;
            if ("string".equals(type)) {
                TextArea area = new TextArea();
                area.setWrapText(true);
                area.setPrefRowCount(3);
                field = area;
            } else {
                field = new javafx.scene.control.TextField();
            }
            field.setId("form-" + name);
            String hint = p.getValue().path("description").asText("");
            ModelContract.Range r = contract.ranges().get(name);
            if (r != null) {
                hint = "allowed " + r.min() + " to " + r.max() + (hint.isEmpty() ? "" : "; " + hint);
            }
            field.setPromptText(hint);
            if (!hint.isEmpty()) {
                field.setTooltip(new Tooltip(hint));
            }
            field.textProperty().addListener((o, was, now) -> write());
            Label label = new Label(name);
            label.setLabelFor(field);
            add(label, 0, row);
            add(field, 1, row);
            fields.put(name, field);
            types.put(name, type);
        }
        fill(request.get());
    }

    private void fill(String json) {
        JsonNode n;
        try {
            n = JSON.readTree(json);
        } catch (Exception e) {
            return;
        }
        if (n == null || !n.isObject()) {
            return;
        }
        updating = true;
        try {
            for (Map.Entry<String, TextInputControl> f : fields.entrySet()) {
                JsonNode v = n.get(f.getKey());
                f.getValue().setText(v == null || v.isNull() ? "" : v.isTextual() ? v.textValue() : v.toString());
            }
        } finally {
            updating = false;
        }
    }

    /** Writes typed field values into the request, keeping fields the form does not know. */
    private void write() {
        if (updating) {
            return;
        }
        ObjectNode o;
        try {
            JsonNode current = JSON.readTree(request.get());
            o = current != null && current.isObject() ? (ObjectNode) current : JSON.createObjectNode();
        } catch (Exception e) {
            o = JSON.createObjectNode();
        }
        for (Map.Entry<String, TextInputControl> f : fields.entrySet()) {
            String text = f.getValue().getText();
            String type = types.get(f.getKey());
            if (text == null || text.isEmpty()) {
                o.remove(f.getKey());
            } else if (!"string".equals(type) && text.trim().matches("-?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
                o.put(f.getKey(), new java.math.BigDecimal(text.trim()));
            } else {
                o.put(f.getKey(), text);
            }
        }
        updating = true;
        try {
            request.set(JSON.writeValueAsString(o));
        } catch (Exception e) {
            // an ObjectNode always serializes
        } finally {
            updating = false;
        }
    }

    /** Marks the field named by a JSON Pointer ("/petal_length") as the offending one; null clears marks. */
    void highlight(String pointer, dev.msw.pipeline.Span span) {
        fields.values().forEach(f -> f.getStyleClass().remove(OFFENDING));
        if (pointer == null) {
            return;
        }
        String name = pointer.startsWith("/") ? pointer.substring(1) : pointer;
        int slash = name.indexOf('/');
        TextInputControl f = fields.get(slash >= 0 ? name.substring(0, slash) : name);
        if (f != null) {
            f.getStyleClass().add(OFFENDING);
            if (span != null && span.end() <= f.getText().length()) {
                f.selectRange(span.start(), span.end());
            }
        }
    }

    TextInputControl field(String name) {
        return fields.get(name);
    }
}
