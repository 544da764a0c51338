package dev.msw.crypto;

/** The container header (fixed fields or header MAC) does not verify: it was altered or damaged. */
public final class HeaderTamperedException extends ArtifactException {
    public HeaderTamperedException(String name, String why) {
        super("The header of " + name + " was tampered with or damaged", why,
                "do not use this file; restore it from a trusted copy");
    }
}
