package dev.msw.crypto;

/** Payload chunk number {@link #chunkIndex()} (counting from 0) failed authentication. No plaintext was kept. */
public final class ChunkTamperedException extends ArtifactException {
    private final long chunkIndex;

    public ChunkTamperedException(String name, long chunkIndex, String why) {
        super("Chunk " + chunkIndex + " of " + name + " was tampered with or damaged", why,
                "do not use this file; restore it from a trusted copy");
        this.chunkIndex = chunkIndex;
    }

    public long chunkIndex() {
        return chunkIndex;
    }
}
