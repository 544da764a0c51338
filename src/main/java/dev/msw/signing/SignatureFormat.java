package dev.msw.signing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** The two signature kinds: openssl-compatible raw signatures and OpenSSF model-signing bundles. */
public enum SignatureFormat {
    /** A detached raw signature as {@code openssl dgst -sha256 -sign} (or {@code pkeyutl -rawin}) writes it. */
    OPENSSL,
    /** An OpenSSF model-signing (Sigstore bundle) JSON file. */
    OMS;

    /** Folders default to OMS, single files to openssl. */
    public static SignatureFormat defaultFor(Path target) {
        return Files.isDirectory(target) ? OMS : OPENSSL;
    }

    /** A bundle is JSON (starts with '{'); a raw DER or Ed25519 signature never does. */
    public static SignatureFormat detect(Path signature) {
        try (InputStream in = Files.newInputStream(signature)) {
            int b;
            do {
                b = in.read();
            } while (b == ' ' || b == '\n' || b == '\r' || b == '\t');
            return b == '{' ? OMS : OPENSSL;
        } catch (IOException e) {
            throw new SigningException("Cannot read the signature " + signature, e.getMessage(),
                    "check the path given with --signature", e);
        }
    }

    public String label() {
        return this == OMS ? "oms" : "openssl";
    }
}
