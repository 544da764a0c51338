package dev.msw.secrets.vault;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * How to reach a Vault/OpenBao server, read like the Vault CLI does: {@code VAULT_ADDR}, {@code VAULT_TOKEN}
 * (else {@code ~/.vault-token}), {@code VAULT_NAMESPACE}, {@code VAULT_CACERT}, {@code VAULT_SKIP_VERIFY}; each
 * {@code BAO_*} twin wins when set. {@link #toString()} never shows the token.
 */
public record VaultSettings(String address, String token, String namespace, Path caCert, boolean skipVerify) {
    public VaultSettings {
        address = address == null ? null : address.strip().replaceAll("/+$", "");
    }

    public static VaultSettings fromEnvironment() {
        return fromEnvironment(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    public static VaultSettings fromEnvironment(Map<String, String> env, Path home) {
        String addr = pick(env, "ADDR");
        String token = pick(env, "TOKEN");
        if (token == null) {
            Path file = home.resolve(".vault-token");
            if (Files.isRegularFile(file)) {
                try {
                    token = Files.readString(file).strip();
                } catch (IOException e) {
                    token = null;
                }
            }
        }
        String ns = pick(env, "NAMESPACE");
        String ca = pick(env, "CACERT");
        String skip = pick(env, "SKIP_VERIFY");
        boolean skipVerify = skip != null && (skip.equalsIgnoreCase("true") || skip.equals("1"));
        return new VaultSettings(addr, token == null || token.isBlank() ? null : token, ns,
                ca == null ? null : Path.of(ca), skipVerify);
    }

    /** True when an address is configured (the CLI then defaults to the Vault store). */
    public boolean configured() {
        return address != null && !address.isBlank();
    }

    public VaultSettings withToken(String newToken) {
        return new VaultSettings(address, newToken, namespace, caCert, skipVerify);
    }

    public VaultSettings withAddress(String newAddress) {
        return new VaultSettings(newAddress, token, namespace, caCert, skipVerify);
    }

    private static String pick(Map<String, String> env, String suffix) {
        String bao = env.get("BAO_" + suffix);
        if (bao != null && !bao.isBlank()) {
            return bao;
        }
        String vault = env.get("VAULT_" + suffix);
        return vault != null && !vault.isBlank() ? vault : null;
    }

    @Override
    public String toString() {
        return "VaultSettings[address=" + address + ", token=" + (token == null ? "none" : "(set)") + ", namespace="
                + namespace + ", caCert=" + caCert + ", skipVerify=" + skipVerify + "]";
    }
}
