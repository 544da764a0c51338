package dev.msw.crypto;

/** None of the given keys or passphrases opens any of the file's key stanzas. Nothing was decrypted. */
public final class WrongKeyException extends ArtifactException {
    public WrongKeyException(String name, String why) {
        super("Wrong key for " + name, why,
                "use one of the keys or the passphrase the file was encrypted for ('msw header' lists them)");
    }
}
