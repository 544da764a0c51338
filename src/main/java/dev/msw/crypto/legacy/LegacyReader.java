package dev.msw.crypto.legacy;

import dev.msw.core.CancellationToken;
import dev.msw.core.UserFacingException;
import dev.msw.inspect.Finding;
import dev.msw.inspect.Findings;
import dev.msw.inspect.ScanLimits;
import dev.msw.inspect.Severity;
import dev.msw.inspect.pickle.CallablePolicy;
import dev.msw.inspect.pickle.PickleAnalysis;
import dev.msw.inspect.pickle.PickleScanner;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Reads files written by the reference snippet: {@code iv(16) ‖ AES-256-CBC(pickle ‖ zero padding)}. The pickle
 * is walked by the same engine as {@code msw inspect} and never unpickled; any import or call (a global, a
 * reduce, an object construction) is refused and reported as a finding naming the callable.
 */
public final class LegacyReader {
    /** Legacy files are decrypted in memory, as the snippet itself does; larger ones are refused. */
    public static final long MAX_SIZE = 1L << 30;

    private LegacyReader() {
    }

    /** Parses a 64-hex-digit AES-256 key. */
    public static byte[] parseKeyHex(String hex) {
        String h = hex == null ? "" : hex.strip();
        if (h.length() != 64 || !h.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new UserFacingException("The legacy key is not usable",
                    "an AES-256 key is 64 hexadecimal digits (32 bytes); got " + h.length() + " characters",
                    "pass the key as printed by the script that encrypted the file, e.g. key.hex()");
        }
        return HexFormat.of().parseHex(h);
    }

    public static LegacyContent read(Path file, byte[] key) throws IOException {
        long size = Files.size(file);
        if (size < 32 || (size - 16) % 16 != 0) {
            throw new UserFacingException("Cannot read " + file + " as a legacy file",
                    "the legacy format is a 16-byte IV followed by whole 16-byte blocks, but the file has " + size + " bytes",
                    "check that this is a file written by the reference AES-CBC snippet");
        }
        if (size > MAX_SIZE) {
            throw new UserFacingException("Cannot read " + file + " as a legacy file", "it is larger than 1 GiB",
                    "the legacy format has to be decrypted in memory; split the model or convert it with the original tooling in a sandbox");
        }
        return decrypt(Files.readAllBytes(file), key, file.toString());
    }

    static LegacyContent decrypt(byte[] all, byte[] key, String name) throws IOException {
        byte[] plain;
        try {
            Cipher c = Cipher.getInstance("AES/CBC/NoPadding");
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(all, 0, 16));
            plain = c.doFinal(all, 16, all.length - 16);
        } catch (GeneralSecurityException e) {
            throw new UserFacingException("Cannot decrypt " + name, e.getMessage(), "check the key");
        }
        PickleAnalysis a = new PickleScanner(new CallablePolicy(false), ScanLimits.defaults(), true)
                .scan(new ByteArrayInputStream(plain), CancellationToken.NONE);
        if (a.pickles() == 0) {
            throw new UserFacingException("Cannot read " + name + ": wrong key",
                    "the decrypted bytes are not a pickle (the legacy format has no key check, so a wrong key shows up"
                            + " as garbage)", "check the key; the file itself may also be damaged");
        }
        int end = (int) endOfFirstPickle(a, plain);
        int padding = plain.length - end;
        Findings findings = new Findings();
        for (Finding f : a.findings()) {
            if (!f.rule().equals("trailing-data")) {
                findings.add(f);
            }
        }
        boolean zeroPadding = padding >= 1 && padding <= 16 && allZero(plain, end);
        if (!zeroPadding) {
            findings.add(Severity.WARNING, "legacy-padding", padding + " bytes", end,
                    "the bytes after the pickle are not the snippet's 1–16 bytes of zero padding; the file was"
                            + " written differently or altered");
        }
        if (a.pickles() > 1) {
            findings.add(Severity.WARNING, "legacy-stacked", a.pickles() + " pickles", end,
                    "more than one pickle; only the first is the model");
        }
        for (PickleAnalysis.ImportRecord i : a.imports()) {
            findings.add(Severity.WARNING, "legacy-refused", i.callable(), i.firstOffset(),
                    "the legacy reader accepts only plain dicts, lists, tuples, numbers, strings, booleans and None; "
                            + "constructing " + i.callable() + " was refused");
        }
        boolean plainData = a.imports().isEmpty() && a.callCount() == 0 && a.complete();
        return new LegacyContent(Arrays.copyOf(plain, end), a, findings.list(), plainData ? a.values().get(0) : null,
                plainData, padding);
    }

    /** Where the first pickle's STOP ended: the scanner stops at the first non-pickle byte after it. */
    private static long endOfFirstPickle(PickleAnalysis a, byte[] plain) {
        long end = a.endOffset();
        if (a.pickles() > 1) {
            return end;
        }
        // trailing zero padding is not consumed by the scanner; its end offset is the first padding byte
        return Math.min(end, plain.length);
    }

    private static boolean allZero(byte[] b, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
