package dev.msw.app.vault;

/** One key of the displayed secret; the view shows {@link #shown(boolean)} and never logs the value. */
public record SecretRow(String key, String value) {
    public static final String MASK = "••••••••";

    public String shown(boolean revealed) {
        return revealed ? value : MASK;
    }

    @Override
    public String toString() {
        return "SecretRow[" + key + "=" + MASK + "]";
    }
}
