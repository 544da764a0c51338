package dev.msw.inference;

import dev.msw.core.UserFacingException;

/** A model that cannot be loaded or run, or a prediction that took longer than its timeout. */
public class InferenceException extends UserFacingException {
    public InferenceException(String what, String why, String next, Throwable cause) {
        super(what, why, next, cause);
    }
}
