package dev.msw.app.console;

import dev.msw.pipeline.Pipeline;
import dev.msw.pipeline.Stage;
import dev.msw.pipeline.StageGroup;
import dev.msw.pipeline.StageResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The twelve stages drawn as a flow in three groups (input validation → processing → output validation).
 * Each node shows its state (pending, running, passed, failed, warned, skipped) as a style class; clicking a
 * node selects its result. {@link #play} lights the nodes up one after another.
 */
final class StageFlow extends HBox {
    static final String NODE = "stage-node";
    static final String SELECTED = "stage-selected";
    private static final List<String> STATES = List.of("stage-pending", "stage-running", "stage-passed",
            "stage-failed", "stage-warned", "stage-skipped");

    private final Map<String, VBox> nodes = new LinkedHashMap<>();
    private final Map<String, Label> timings = new LinkedHashMap<>();
    private final Map<String, FontIcon> icons = new LinkedHashMap<>();
    private final Map<String, StageResult> results = new LinkedHashMap<>();
    private final ObjectProperty<StageResult> selected = new SimpleObjectProperty<>();
    private Timeline timeline;

    StageFlow() {
        super(6);
        getStyleClass().add("stage-flow");
        setAlignment(Pos.TOP_LEFT);
        boolean first = true;
        for (StageGroup g : StageGroup.values()) {
            if (!first) {
                Label arrow = new Label("→");
                arrow.getStyleClass().add("flow-arrow");
                getChildren().add(arrow);
            }
            first = false;
            VBox group = new VBox(4);
            group.getStyleClass().add("stage-group");
            Label title = new Label(g.title());
            title.getStyleClass().add("stage-group-title");
            group.getChildren().add(title);
            for (Stage s : Pipeline.STAGES) {
                if (s.group() == g) {
                    group.getChildren().add(node(s));
                }
            }
            HBox.setHgrow(group, Priority.ALWAYS);
            group.setMinWidth(150);
            getChildren().add(group);
        }
        reset();
    }

    private VBox node(Stage s) {
        FontIcon icon = new FontIcon(Feather.CIRCLE);
        icon.getStyleClass().add("stage-icon");
        Label id = new Label(s.id());
        id.getStyleClass().add("stage-id");
        Label name = new Label(s.name());
        name.getStyleClass().add("stage-name");
        name.setWrapText(true);   // narrow windows wrap "Schema Validation" rather than cut it
        id.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox top = new HBox(6, icon, id, name);
        top.setAlignment(Pos.CENTER_LEFT);
        Label time = new Label("pending");
        time.getStyleClass().add("stage-time");
        VBox box = new VBox(2, top, time);
        box.getStyleClass().add(NODE);
        box.setId("stage-" + s.id());
        box.setMaxWidth(Double.MAX_VALUE);
        box.setOnMouseClicked(e -> select(s.id()));
        nodes.put(s.id(), box);
        timings.put(s.id(), time);
        icons.put(s.id(), icon);
        return box;
    }

    ObjectProperty<StageResult> selectedProperty() {
        return selected;
    }

    void select(String id) {
        nodes.values().forEach(n -> n.getStyleClass().remove(SELECTED));
        if (id != null && nodes.containsKey(id)) {
            nodes.get(id).getStyleClass().add(SELECTED);
        }
        selected.set(id == null ? null : results.get(id));
    }

    /** All nodes back to pending. */
    void reset() {
        stop();
        results.clear();
        for (String id : nodes.keySet()) {
            setState(id, "stage-pending", Feather.CIRCLE, "pending");
        }
        selected.set(null);
    }

    /** Shows {@code stages}: one after another when {@code animated}, else at once. Selects the failed one. */
    void play(List<StageResult> stages, boolean animated) {
        reset();
        stages.forEach(r -> results.put(r.id(), r));
        String focus = stages.stream().filter(StageResult::failed).map(StageResult::id).findFirst()
                .orElse(stages.stream().filter(r -> r.status() == dev.msw.pipeline.StageStatus.WARNED)
                        .map(StageResult::id).findFirst().orElse("P3"));
        if (!animated) {
            stages.forEach(this::show);
            select(focus);
            return;
        }
        timeline = new Timeline();
        double t = 0;
        for (StageResult r : stages) {
            if (r.status() != dev.msw.pipeline.StageStatus.SKIPPED) {
                timeline.getKeyFrames().add(new KeyFrame(Duration.millis(t), e -> setState(r.id(), "stage-running",
                        Feather.LOADER, "running…")));
                t += 70;
            }
            timeline.getKeyFrames().add(new KeyFrame(Duration.millis(t), e -> show(r)));
        }
        timeline.getKeyFrames().add(new KeyFrame(Duration.millis(t + 1), e -> select(focus)));
        timeline.play();
    }

    private void stop() {
        if (timeline != null) {
            timeline.stop();
            timeline = null;
        }
    }

    private void show(StageResult r) {
        Feather icon = switch (r.status()) {
            case PASSED -> Feather.CHECK_CIRCLE;
            case FAILED -> Feather.X_CIRCLE;
            case WARNED -> Feather.ALERT_TRIANGLE;
            case SKIPPED -> Feather.MINUS_CIRCLE;
        };
        String time = r.status() == dev.msw.pipeline.StageStatus.SKIPPED ? "skipped"
                : r.status().label() + " · " + r.durationMicros() + " µs";
        setState(r.id(), "stage-" + r.status().label(), icon, time);
    }

    private void setState(String id, String state, Feather icon, String text) {
        VBox n = nodes.get(id);
        n.getStyleClass().removeAll(STATES);
        n.getStyleClass().add(state);
        icons.get(id).setIconCode(icon);
        timings.get(id).setText(text);
    }

    /** The state class of a node ("stage-passed"…), for tests. */
    String stateOf(String id) {
        return nodes.get(id).getStyleClass().stream().filter(STATES::contains).findFirst().orElse("");
    }
}
