package dev.msw.secrets;

import dev.msw.core.UserFacingException;

/** A secrets operation that failed for a reason a person can act on (never carries secret values). */
public class SecretsException extends UserFacingException {
    public SecretsException(String what, String why, String next) {
        super(what, why, next);
    }

    public SecretsException(String what, String why, String next, Throwable cause) {
        super(what, why, next, cause);
    }
}
