package dev.msw.signing;

import dev.msw.core.UserFacingException;

/** A signing, verification or key-handling failure a person can act on. */
public class SigningException extends UserFacingException {
    public SigningException(String what, String why, String next) {
        super(what, why, next);
    }

    public SigningException(String what, String why, String next, Throwable cause) {
        super(what, why, next, cause);
    }
}
