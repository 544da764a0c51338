package dev.msw.crypto;

/** Bytes follow the authenticated final chunk: something was appended to the file. */
public final class TrailingDataException extends ArtifactException {
    public TrailingDataException(String name, String why) {
        super(name + " has unexpected data after its end", why, "do not use this file; restore it from a trusted copy");
    }
}
