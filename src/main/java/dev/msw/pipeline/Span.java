package dev.msw.pipeline;

/** Characters {@code [start, end)} of a text (an input field or the model's output), in UTF-16 units. */
public record Span(int start, int end) {
    public Span {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span " + start + ".." + end);
        }
    }
}
