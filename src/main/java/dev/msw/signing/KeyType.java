package dev.msw.signing;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Arrays;
import java.util.Locale;

/** The key pairs the workbench creates, named as on the command line ({@code ec-p256}, {@code rsa-3072}…). */
public enum KeyType {
    EC_P256("ec-p256", "ECDSA P-256"),
    EC_P384("ec-p384", "ECDSA P-384"),
    EC_P521("ec-p521", "ECDSA P-521"),
    ED25519("ed25519", "Ed25519"),
    RSA_3072("rsa-3072", "RSA 3072"),
    RSA_4096("rsa-4096", "RSA 4096");

    private final String cliName;
    private final String displayName;

    KeyType(String cliName, String displayName) {
        this.cliName = cliName;
        this.displayName = displayName;
    }

    public String cliName() {
        return cliName;
    }

    public String displayName() {
        return displayName;
    }

    /** True for the curves OpenSSF model-signing accepts (P-256, P-384, P-521). */
    public boolean supportsModelSigning() {
        return this == EC_P256 || this == EC_P384 || this == EC_P521;
    }

    public static KeyType fromCliName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(t -> t.cliName.equals(n)).findFirst()
                .orElseThrow(() -> new SigningException("Unknown key type '" + name + "'",
                        "supported types are " + Arrays.toString(Arrays.stream(values()).map(KeyType::cliName).toArray()),
                        "pick one of them"));
    }

    /** A fresh key pair from the JDK's providers. */
    public KeyPair generate() {
        try {
            KeyPairGenerator g;
            switch (this) {
                case EC_P256, EC_P384, EC_P521 -> {
                    g = KeyPairGenerator.getInstance("EC");
                    g.initialize(new ECGenParameterSpec(switch (this) {
                        case EC_P256 -> "secp256r1";
                        case EC_P384 -> "secp384r1";
                        default -> "secp521r1";
                    }));
                }
                case ED25519 -> g = KeyPairGenerator.getInstance("Ed25519");
                default -> {
                    g = KeyPairGenerator.getInstance("RSA");
                    g.initialize(new RSAKeyGenParameterSpec(this == RSA_3072 ? 3072 : 4096, RSAKeyGenParameterSpec.F4));
                }
            }
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the Java runtime cannot generate " + displayName + " keys", e);
        }
    }

    @Override
    public String toString() {
        return cliName;
    }
}
