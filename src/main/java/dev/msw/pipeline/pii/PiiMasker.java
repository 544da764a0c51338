package dev.msw.pipeline.pii;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Replaces a piece of personal data according to a masking mode: {@code replace} ("&lt;EMAIL&gt;"),
 * {@code mask} (letters and digits become '*', keeping the e-mail domain or the last four digits so a person
 * can still tell records apart), {@code redact} ("[REDACTED]") or {@code hash} (a stable pseudonym, the
 * first 12 hex digits of SHA-256; note that short values such as phone numbers can be recovered from an
 * unkeyed hash by trying them all).
 */
public final class PiiMasker {
    private PiiMasker() {
    }

    public static String mask(String entity, String value, String mode) {
        return switch (mode) {
            case "replace" -> "<" + entity + ">";
            case "redact" -> "[REDACTED]";
            case "hash" -> "<" + entity + ":" + sha256(value).substring(0, 12) + ">";
            default -> starred(entity, value);
        };
    }

    private static String starred(String entity, String value) {
        if ("EMAIL".equals(entity)) {
            int at = value.indexOf('@');
            return value.charAt(0) + "*".repeat(Math.max(1, at - 1)) + value.substring(at);
        }
        int keep = switch (entity) {
            case "CREDIT_CARD", "PHONE", "IBAN", "US_SSN" -> 4;
            default -> 0;
        };
        StringBuilder sb = new StringBuilder(value);
        int seen = 0;
        for (int i = sb.length() - 1; i >= 0; i--) {
            if (Character.isLetterOrDigit(sb.charAt(i))) {
                if (seen++ >= keep) {
                    sb.setCharAt(i, '*');
                }
            }
        }
        return sb.toString();
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
