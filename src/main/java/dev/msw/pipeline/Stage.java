package dev.msw.pipeline;

/**
 * One of the twelve checks a request passes through. Implementations are stateless (everything a run needs
 * lives in {@link RunState}), so one instance serves all runs and threads.
 */
public interface Stage {
    /** "IV1" … "OV4". */
    String id();

    /** "Schema Validation" … */
    String name();

    StageGroup group();

    /** Checks or transforms {@code state}; must not throw for bad input (the pipeline treats a throw as a failure). */
    StageOutcome run(RunState state);
}
