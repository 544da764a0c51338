package dev.msw.signing;

/**
 * One line of a verification report: a file's model-relative name, its status, and the SHA-256 digests signed
 * and found (hex; null where there is none).
 */
public record FileCheck(String path, FileStatus status, String signedSha256, String actualSha256) {
}
