package dev.msw.crypto;

/** The input is not an msw container, or uses a format version or algorithm this build does not know. */
public final class NotEncryptedException extends ArtifactException {
    public NotEncryptedException(String name, String why) {
        super("Cannot read " + name + " as an encrypted artifact", why,
                "check the path; plain files are encrypted with 'msw encrypt', files of a newer format need a newer msw");
    }
}
