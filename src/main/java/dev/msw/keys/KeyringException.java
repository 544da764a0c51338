package dev.msw.keys;

import dev.msw.core.UserFacingException;

/** A keyring could not be created, opened or changed (wrong passphrase, missing file, unknown key…). */
public final class KeyringException extends UserFacingException {
    public KeyringException(String what, String why, String next) {
        super(what, why, next);
    }

    public KeyringException(String what, String why, String next, Throwable cause) {
        super(what, why, next, cause);
    }
}
