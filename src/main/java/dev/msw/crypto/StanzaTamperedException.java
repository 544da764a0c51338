package dev.msw.crypto;

/** Key stanza number {@link #stanzaIndex()} (counting from 1) was altered or damaged. */
public final class StanzaTamperedException extends ArtifactException {
    private final int stanzaIndex;

    public StanzaTamperedException(String name, int stanzaIndex, String why) {
        super("Key stanza " + stanzaIndex + " of " + name + " was tampered with or damaged", why,
                "do not use this file; restore it from a trusted copy");
        this.stanzaIndex = stanzaIndex;
    }

    public int stanzaIndex() {
        return stanzaIndex;
    }
}
