package dev.msw.crypto;

/**
 * What an encryption or decryption did: the container header, the plaintext and encrypted sizes, and for
 * decryption which stanza opened the file (for the audit log; never key material).
 */
public record CryptoResult(ArtifactHeader header, long plaintextBytes, long encryptedBytes, String openedWith) {
}
