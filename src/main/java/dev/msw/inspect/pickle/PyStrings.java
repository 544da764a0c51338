package dev.msw.inspect.pickle;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Decoders for the text arguments of protocol-0 opcodes (STRING's quoted repr, UNICODE's raw-unicode-escape). */
final class PyStrings {
    private PyStrings() {
    }

    /** STRING: a Python bytes repr in single or double quotes, decoded with escapes, as latin-1 text. */
    static String decodeQuoted(byte[] line, long off) throws PickleMachine.MalformedPickle {
        int n = line.length;
        if (n > 0 && line[n - 1] == '\r') {
            n--;
        }
        if (n < 2 || line[0] != line[n - 1] || (line[0] != '\'' && line[0] != '"')) {
            throw new PickleMachine.MalformedPickle("the STRING opcode argument must be quoted (offset " + off + ")");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(n);
        for (int i = 1; i < n - 1; i++) {
            int c = line[i] & 0xff;
            if (c != '\\' || i + 1 >= n - 1) {
                out.write(c);
                continue;
            }
            int e = line[++i] & 0xff;
            switch (e) {
                case 'n' -> out.write('\n');
                case 't' -> out.write('\t');
                case 'r' -> out.write('\r');
                case 'a' -> out.write(7);
                case 'b' -> out.write(8);
                case 'f' -> out.write(12);
                case 'v' -> out.write(11);
                case '\\', '\'', '"' -> out.write(e);
                case '\n' -> { }
                case 'x' -> {
                    if (i + 2 >= n) {
                        throw new PickleMachine.MalformedPickle("bad \\x escape in STRING at offset " + off);
                    }
                    out.write(hex(line[i + 1], off) * 16 + hex(line[i + 2], off));
                    i += 2;
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        int v = e - '0';
                        for (int k = 0; k < 2 && i + 1 < n - 1 && line[i + 1] >= '0' && line[i + 1] <= '7'; k++) {
                            v = v * 8 + (line[++i] - '0');
                        }
                        out.write(v & 0xff);
                    } else {
                        out.write('\\');
                        out.write(e);
                    }
                }
            }
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    /** UNICODE: latin-1 bytes with \\uXXXX and \\UXXXXXXXX escapes. */
    static String decodeRawUnicodeEscape(byte[] line) {
        StringBuilder sb = new StringBuilder(line.length);
        for (int i = 0; i < line.length; i++) {
            int c = line[i] & 0xff;
            if (c == '\\' && i + 1 < line.length && (line[i + 1] == 'u' || line[i + 1] == 'U')) {
                int digits = line[i + 1] == 'u' ? 4 : 8;
                if (i + 1 + digits < line.length) {
                    try {
                        int cp = Integer.parseUnsignedInt(
                                new String(line, i + 2, digits, StandardCharsets.ISO_8859_1), 16);
                        sb.appendCodePoint(cp);
                        i += 1 + digits;
                        continue;
                    } catch (IllegalArgumentException ignored) {
                        // not an escape: keep the backslash literally, as Python does for raw-unicode-escape
                    }
                }
            }
            sb.append((char) c);
        }
        return sb.toString();
    }

    private static int hex(byte b, long off) throws PickleMachine.MalformedPickle {
        int d = Character.digit(b, 16);
        if (d < 0) {
            throw new PickleMachine.MalformedPickle("bad \\x escape in STRING at offset " + off);
        }
        return d;
    }
}
