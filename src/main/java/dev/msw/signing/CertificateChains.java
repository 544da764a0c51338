package dev.msw.signing;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.security.auth.x500.X500Principal;

/**
 * Checks a signer's certificate chain the way model_signing's certificate method does: the chain (leaf first)
 * must lead to one of the given trust anchors at the time the leaf became valid (so an expired leaf still
 * verifies old signatures), and the leaf must allow digital signatures or code signing.
 */
public final class CertificateChains {
    private static final String CODE_SIGNING = "1.3.6.1.5.5.7.3.3";

    private CertificateChains() {
    }

    public static X509Certificate parse(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException e) {
            throw new SigningException("Cannot read a certificate in the signature", e.getMessage(),
                    "the signature file may be damaged; ask the signer for a new one", e);
        }
    }

    /** Validates {@code chain} against {@code anchors}; returns the leaf or throws saying why it is not trusted. */
    public static X509Certificate validate(List<X509Certificate> chain, List<X509Certificate> anchors) {
        X509Certificate leaf = chain.get(0);
        try {
            Set<TrustAnchor> trust = new HashSet<>();
            for (X509Certificate a : anchors) {
                trust.add(new TrustAnchor(a, null));
            }
            // the path must not contain the anchor itself
            List<X509Certificate> path = new ArrayList<>();
            for (X509Certificate c : chain) {
                if (anchors.stream().noneMatch(a -> a.equals(c))) {
                    path.add(c);
                }
            }
            if (path.isEmpty()) {
                path.add(leaf);
            }
            CertPath cp = CertificateFactory.getInstance("X.509").generateCertPath(path);
            PKIXParameters params = new PKIXParameters(trust);
            params.setRevocationEnabled(false);
            params.setDate(leaf.getNotBefore());
            CertPathValidator.getInstance("PKIX").validate(cp, params);
        } catch (GeneralSecurityException e) {
            throw new SigningException("The signer certificate " + subject(leaf) + " is not trusted",
                    "its chain does not lead to the given certificate chain (" + e.getMessage() + ")",
                    "pass the issuing CA certificate with --certificate-chain");
        }
        boolean[] usage = leaf.getKeyUsage();
        boolean canSign = usage != null && usage[0];
        try {
            List<String> eku = leaf.getExtendedKeyUsage();
            canSign |= eku != null && eku.contains(CODE_SIGNING);
        } catch (java.security.cert.CertificateParsingException e) {
            // an unreadable extended key usage grants nothing
        }
        if (!canSign) {
            throw new SigningException("The signer certificate " + subject(leaf) + " cannot sign",
                    "it allows neither digitalSignature (key usage) nor codeSigning (extended key usage)",
                    "issue the signing certificate with keyUsage=digitalSignature");
        }
        return leaf;
    }

    public static String subject(X509Certificate c) {
        return c.getSubjectX500Principal().getName(X500Principal.RFC2253);
    }
}
