package dev.msw.crypto;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One key stanza of the container: a type ({@code local}, {@code passphrase}, {@code vault-transit}, …), a
 * few public text arguments (key name, version, KDF parameters) and an opaque body (the wrapped file key).
 * Readers that do not know a type still list it and its arguments, so new stanza types never break the
 * format. The arguments are shown by {@code msw header}: never put secrets in them.
 */
public record Stanza(String type, List<String> args, byte[] body) {
    static final Pattern TYPE = Pattern.compile("[a-z0-9][a-z0-9.-]{0,63}");
    static final int MAX_ARGS = 16;
    static final int MAX_ARG_BYTES = 1024;
    static final int MAX_BODY = 64 * 1024;

    public Stanza {
        if (!TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("stanza type must match " + TYPE + ": " + type);
        }
        args = List.copyOf(args);
        if (args.size() > MAX_ARGS) {
            throw new IllegalArgumentException("a stanza has at most " + MAX_ARGS + " arguments");
        }
        for (String a : args) {
            if (a.getBytes(StandardCharsets.UTF_8).length > MAX_ARG_BYTES) {
                throw new IllegalArgumentException("stanza argument longer than " + MAX_ARG_BYTES + " bytes");
            }
        }
        if (body.length > MAX_BODY) {
            throw new IllegalArgumentException("stanza body longer than " + MAX_BODY + " bytes");
        }
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** Argument {@code i}, or a clear error when a stanza of a known type has too few. */
    public String arg(int i) {
        if (i >= args.size()) {
            throw new IllegalArgumentException("'" + type + "' stanza lacks argument " + (i + 1));
        }
        return args.get(i);
    }

    /**
     * The bytes a stanza's wrapping binds to: a domain label, the file id, the type and the arguments. A
     * stanza copied into another file, or with its arguments changed, no longer unwraps.
     */
    public static byte[] bindingData(byte[] fileId, String type, List<String> args) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes("msw/v1 stanza".getBytes(StandardCharsets.US_ASCII));
        b.writeBytes(fileId);
        writeTypeAndArgs(b, type, args);
        return b.toByteArray();
    }

    static void writeTypeAndArgs(ByteArrayOutputStream b, String type, List<String> args) {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        b.write(t.length);
        b.writeBytes(t);
        b.write(args.size());
        for (String a : args) {
            byte[] ab = a.getBytes(StandardCharsets.UTF_8);
            b.write(ab.length >>> 8);
            b.write(ab.length & 0xff);
            b.writeBytes(ab);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Stanza s && s.type.equals(type) && s.args.equals(args) && Arrays.equals(s.body, body);
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + args.hashCode() * 17 + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return type + " " + String.join(" ", args) + " (" + body.length + " bytes)";
    }
}
