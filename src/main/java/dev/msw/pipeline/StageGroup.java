package dev.msw.pipeline;

/** The three groups the twelve stages are drawn in. */
public enum StageGroup {
    INPUT_VALIDATION("Input validation"),
    PROCESSING("Processing"),
    OUTPUT_VALIDATION("Output validation");

    private final String title;

    StageGroup(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
