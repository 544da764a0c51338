package dev.msw.app.widgets;

import dev.msw.app.task.RunningTask;
import dev.msw.core.Sizes;
import java.util.Locale;
import javafx.beans.InvalidationListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/**
 * Progress of one background task: a bar, "done / total (rate, time left)" and a Cancel button. Hidden while
 * nothing runs. Units are bytes or plain counts.
 */
public final class ProgressPanel extends HBox {
    public static final String STYLE_CLASS = "progress-panel";

    private final ProgressBar bar = new ProgressBar(0);
    private final Label details = new Label();
    private final Button cancel = new Button("Cancel");
    private RunningTask task;
    private boolean bytes = true;

    public ProgressPanel() {
        super(8);
        getStyleClass().add(STYLE_CLASS);
        setAlignment(Pos.CENTER_LEFT);
        bar.setPrefWidth(260);
        bar.setId("progress-bar");
        details.setId("progress-details");
        cancel.setId("progress-cancel");
        HBox.setHgrow(details, Priority.ALWAYS);
        details.setMaxWidth(Double.MAX_VALUE);
        getChildren().addAll(bar, details, cancel);
        setVisible(false);
        managedProperty().bind(visibleProperty());
        cancel.setOnAction(e -> {
            if (task != null) {
                task.cancel();
                cancel.setDisable(true);
                details.setText("Cancelling…");
            }
        });
    }

    /** Shows {@code t}'s progress until it finishes; {@code byteUnits} picks how counts are shown. */
    public void track(RunningTask t, boolean byteUnits) {
        this.task = t;
        this.bytes = byteUnits;
        cancel.setDisable(false);
        setVisible(true);
        InvalidationListener refresh = o -> refresh();
        t.doneProperty().addListener(refresh);
        t.totalProperty().addListener(refresh);
        t.messageProperty().addListener(refresh);
        t.runningProperty().addListener((o, was, now) -> {
            if (!now && task == t) {
                setVisible(false);
            }
        });
        refresh();
        if (!t.runningProperty().get()) {
            setVisible(false);
        }
    }

    public RunningTask task() {
        return task;
    }

    private void refresh() {
        if (task == null || task.isCancelled()) {
            return;
        }
        long done = task.doneProperty().get();
        long total = task.totalProperty().get();
        bar.setProgress(total > 0 ? (double) done / total : ProgressBar.INDETERMINATE_PROGRESS);
        double secs = (System.nanoTime() - task.startNanos()) / 1e9;
        StringBuilder sb = new StringBuilder(task.title()).append(": ").append(fmt(done));
        if (total >= 0) {
            sb.append(" of ").append(fmt(total));
        }
        if (secs > 0.2 && done > 0) {
            double rate = done / secs;
            sb.append(" · ").append(fmt((long) rate)).append("/s");
            if (total > done) {
                long left = Math.round((total - done) / rate);
                sb.append(String.format(Locale.ROOT, " · %d:%02d left", left / 60, left % 60));
            }
        }
        String msg = task.messageProperty().get();
        if (msg != null && !msg.isBlank()) {
            sb.append(" · ").append(msg);
        }
        details.setText(sb.toString());
    }

    private String fmt(long n) {
        return bytes ? Sizes.human(n) : Long.toString(n);
    }
}
