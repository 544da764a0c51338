package dev.msw.signing;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.EllipticCurve;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

/**
 * The start-up fast path for the most common key file: one unencrypted PKCS#8 {@code PRIVATE KEY} block holding
 * an RSA or EC key, read with the JDK alone. Loading Bouncy Castle costs a noticeable part of a second (its
 * signed jars are verified on first use), which a command that signs one file would otherwise always pay. Any
 * other form returns null and goes to {@link PemKeys}' Bouncy Castle reader.
 */
final class JdkPemKeys {
    private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String END = "-----END PRIVATE KEY-----";

    private JdkPemKeys() {
    }

    /** The key pair, or null when {@code pem} is not a single plain PKCS#8 RSA/EC key this path handles. */
    static KeyPair tryRead(String pem) {
        int b = pem.indexOf(BEGIN);
        int e = pem.indexOf(END);
        if (b < 0 || e < b || pem.indexOf("-----BEGIN", b + BEGIN.length()) >= 0 && pem.indexOf("-----BEGIN", b + BEGIN.length()) < e) {
            return null;
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(pem.substring(b + BEGIN.length(), e));
            for (String alg : new String[] {"EC", "RSA"}) {
                PrivateKey key;
                try {
                    key = KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
                } catch (GeneralSecurityException wrongAlgorithm) {
                    continue;
                }
                PublicKey pub = publicOf(key);
                return pub == null ? null : new KeyPair(pub, key);
            }
        } catch (IllegalArgumentException | GeneralSecurityException | ArithmeticException notForThisPath) {
            return null;
        }
        return null;
    }

    private static PublicKey publicOf(PrivateKey key) throws GeneralSecurityException {
        if (key instanceof RSAPrivateCrtKey rsa) {
            return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
        }
        if (key instanceof ECPrivateKey ec && ec.getParams().getCurve().getField() instanceof ECFieldFp) {
            ECParameterSpec p = ec.getParams();
            ECPoint q = multiply(p.getGenerator(), ec.getS(), p.getCurve());
            return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(q, p));
        }
        return null;
    }

    /**
     * k·P on a short-Weierstrass prime curve, in Jacobian coordinates so only one modular inverse is needed (the
     * JDK runs this cold, in the interpreter, once per command).
     */
    static ECPoint multiply(ECPoint p, BigInteger k, EllipticCurve curve) {
        BigInteger prime = ((ECFieldFp) curve.getField()).getP();
        BigInteger a = curve.getA();
        BigInteger[] base = {p.getAffineX(), p.getAffineY(), BigInteger.ONE};
        BigInteger[] r = null;
        for (int i = k.bitLength() - 1; i >= 0; i--) {
            r = twice(r, a, prime);
            if (k.testBit(i)) {
                r = add(r, base, a, prime);
            }
        }
        if (r == null) {
            return ECPoint.POINT_INFINITY;
        }
        BigInteger zInv = r[2].modInverse(prime);
        BigInteger zInv2 = zInv.multiply(zInv).mod(prime);
        return new ECPoint(r[0].multiply(zInv2).mod(prime), r[1].multiply(zInv2).multiply(zInv).mod(prime));
    }

    private static BigInteger[] twice(BigInteger[] q, BigInteger a, BigInteger prime) {
        if (q == null || q[1].signum() == 0) {
            return null;
        }
        BigInteger x = q[0];
        BigInteger y = q[1];
        BigInteger z = q[2];
        BigInteger y2 = y.multiply(y).mod(prime);
        BigInteger s = x.multiply(y2).shiftLeft(2).mod(prime);
        BigInteger z2 = z.multiply(z).mod(prime);
        BigInteger m = x.multiply(x).multiply(BigInteger.valueOf(3)).add(a.multiply(z2).multiply(z2)).mod(prime);
        BigInteger x3 = m.multiply(m).subtract(s.shiftLeft(1)).mod(prime);
        BigInteger y3 = m.multiply(s.subtract(x3)).subtract(y2.multiply(y2).shiftLeft(3)).mod(prime);
        BigInteger z3 = y.multiply(z).shiftLeft(1).mod(prime);
        return new BigInteger[] {x3, y3, z3};
    }

    private static BigInteger[] add(BigInteger[] p1, BigInteger[] p2, BigInteger a, BigInteger prime) {
        if (p1 == null) {
            return p2;
        }
        BigInteger z1s = p1[2].multiply(p1[2]).mod(prime);
        BigInteger z2s = p2[2].multiply(p2[2]).mod(prime);
        BigInteger u1 = p1[0].multiply(z2s).mod(prime);
        BigInteger u2 = p2[0].multiply(z1s).mod(prime);
        BigInteger s1 = p1[1].multiply(z2s).multiply(p2[2]).mod(prime);
        BigInteger s2 = p2[1].multiply(z1s).multiply(p1[2]).mod(prime);
        if (u1.equals(u2)) {
            return s1.equals(s2) ? twice(p1, a, prime) : null;
        }
        BigInteger h = u2.subtract(u1).mod(prime);
        BigInteger r = s2.subtract(s1).mod(prime);
        BigInteger h2 = h.multiply(h).mod(prime);
        BigInteger h3 = h2.multiply(h).mod(prime);
        BigInteger u1h2 = u1.multiply(h2).mod(prime);
        BigInteger x3 = r.multiply(r).subtract(h3).subtract(u1h2.shiftLeft(1)).mod(prime);
        BigInteger y3 = r.multiply(u1h2.subtract(x3)).subtract(s1.multiply(h3)).mod(prime);
        BigInteger z3 = h.multiply(p1[2]).multiply(p2[2]).mod(prime);
        return new BigInteger[] {x3, y3, z3};
    }
}
