package dev.msw.signing;

/** What verification found for one file. */
public enum FileStatus {
    /** Present and identical to what was signed. */
    OK,
    /** Present, but its content differs from what was signed. */
    CHANGED,
    /** Signed, but no longer present. */
    MISSING,
    /** Present, but not part of the signature: verification fails. */
    EXTRA,
    /** Present and not part of the signature, tolerated because unsigned files were allowed. */
    UNSIGNED;

    /** True when this status makes verification fail. */
    public boolean fails() {
        return this == CHANGED || this == MISSING || this == EXTRA;
    }

    /** Lower-case name, as the CLI, the JSON report and the GUI show it. */
    @com.fasterxml.jackson.annotation.JsonValue
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
