package dev.msw.crypto;

import dev.msw.core.UserFacingException;

/**
 * Base of every failure reading or writing an encrypted artifact. Subtypes say exactly what went wrong
 * (wrong key, tampered header, stanza or chunk, truncation) so that callers can react per case.
 */
public class ArtifactException extends UserFacingException {
    public ArtifactException(String what, String why, String next) {
        super(what, why, next);
    }

    public ArtifactException(String what, String why, String next, Throwable cause) {
        super(what, why, next, cause);
    }
}
