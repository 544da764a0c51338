package dev.msw.core;

/**
 * Receives progress from long-running core work. Called from the worker thread; implementations hand the
 * values over to their own thread (the FX thread, a CLI progress line) themselves.
 */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (done, total, message) -> { };

    /**
     * @param done    units done so far (bytes, files, rows)
     * @param total   total units, or -1 when unknown
     * @param message what is being worked on, for a person
     */
    void progress(long done, long total, String message);
}
