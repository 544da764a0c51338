package dev.msw.pipeline;

/** Follows a run stage by stage (the Console lights up its flow with it). Called on the running thread. */
public interface StageListener {
    StageListener NONE = new StageListener() {
    };

    default void started(Stage stage) {
    }

    default void finished(StageResult result) {
    }
}
