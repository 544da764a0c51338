package dev.msw.crypto;

/** The payload ends early: the final chunk (or more) is missing. No plaintext was kept. */
public final class TruncatedException extends ArtifactException {
    public TruncatedException(String name, String why) {
        super(name + " is truncated", why, "the file was cut short (interrupted copy or download); fetch it again");
    }
}
