package dev.msw.pipeline.pii;

/** A validated piece of personal data or a secret: entity, characters [start, end) and a score in 0–1. */
public record PiiMatch(String entity, int start, int end, double score) {
}
