package dev.msw.app.inspect;

import dev.msw.inspect.Severity;
import java.util.Locale;
import javafx.scene.control.Label;

/** A small coloured label: CRITICAL, WARNING, INFO or CLEAN. */
final class SeverityBadge extends Label {
    static final String STYLE = "severity-badge";

    SeverityBadge(Severity s) {
        super(s == null ? "CLEAN" : s.name());
        getStyleClass().addAll(STYLE, "badge-" + (s == null ? "clean" : s.label()));
        setMinWidth(USE_PREF_SIZE);
    }

    static String text(Severity s) {
        return s == null ? "clean" : s.name().toLowerCase(Locale.ROOT);
    }
}
