package dev.msw.inspect;

/** How much a finding matters; ordered from most to least severe. */
public enum Severity {
    /** Loading the artifact can run code or touch the system: do not load it. */
    CRITICAL,
    /** Something we cannot vouch for (an unknown callable, a structural oddity); look before loading. */
    WARNING,
    /** A fact worth knowing that is not a risk by itself. */
    INFO;

    public boolean atLeast(Severity threshold) {
        return ordinal() <= threshold.ordinal();
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
