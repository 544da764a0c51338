package dev.msw.signing;

import java.util.List;

/**
 * The outcome of verifying a file or a model folder against a signature: never just "failed" — every file is
 * listed with its status, next to the signing key's fingerprint, the signer certificate's subject (when the
 * signature carries one) and the algorithm.
 *
 * @param target          the file or folder verified
 * @param signature       the signature file
 * @param format          "openssl" or "oms" (OpenSSF model signing)
 * @param verified        true only when the signature is valid and no file fails
 * @param signatureValid  whether the cryptographic signature itself checked out
 * @param summary         one sentence for people
 * @param algorithm       e.g. "ECDSA P-256 with SHA-256 over DSSE"
 * @param keyFingerprint  SHA-256 (hex) of the DER public key that checked the signature
 * @param keyDescription  e.g. "ECDSA P-256"
 * @param signerSubject   the signer certificate's subject, or null
 * @param modelName       the name recorded in the signature (OMS), or the file name
 * @param files           every file, in signing order, then extra files
 */
public record VerificationReport(String target, String signature, String format, boolean verified,
        boolean signatureValid, String summary, String algorithm, String keyFingerprint, String keyDescription,
        String signerSubject, String modelName, List<FileCheck> files) {

    public long count(FileStatus status) {
        return files.stream().filter(f -> f.status() == status).count();
    }
}
