package dev.msw.keys;

import java.nio.file.Path;
import java.util.List;

/** What a rewrap or rekey run did to each file, for the CLI summary, the GUI and the audit log. */
public record RewrapSummary(List<FileResult> results, int temporaryFiles) {
    public enum Outcome {
        /** Rewrapped (or rekeyed) and written. */
        DONE,
        /** Already protected by the latest version: left untouched. */
        CURRENT,
        /** Encrypted, but not for the key in question. */
        OTHER_KEY,
        /** Not in the container format. */
        NOT_ENCRYPTED,
        /** Left unchanged because of an error (named in the detail). */
        FAILED
    }

    /** One file's outcome; {@code detail} says which versions or what went wrong. */
    public record FileResult(Path file, Outcome outcome, String detail) {
    }

    public RewrapSummary {
        results = List.copyOf(results);
    }

    public long count(Outcome o) {
        return results.stream().filter(r -> r.outcome() == o).count();
    }

    public List<FileResult> failures() {
        return results.stream().filter(r -> r.outcome() == Outcome.FAILED).toList();
    }
}
