package dev.msw.cli;

import dev.msw.core.UserFacingException;
import java.io.Console;
import java.io.IOException;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads passphrases from a file (first line), an environment variable, or the terminal, never from arguments.
 * The one place every command gets the keyring passphrase from.
 */
public final class Passphrases {
    public static final String KEYRING_ENV = "MSW_KEYRING_PASSPHRASE";

    private Passphrases() {
    }

    /** The first line of {@code file}, without its line ending. */
    public static char[] fromFile(Path file) {
        byte[] raw;
        try {
            raw = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UserFacingException("Cannot read the passphrase file " + file, UserFacingException.reason(e),
                    "check the path and its permissions");
        }
        int end = 0;
        while (end < raw.length && raw[end] != '\n' && raw[end] != '\r') {
            end++;
        }
        CharBuffer cb = StandardCharsets.UTF_8.decode(java.nio.ByteBuffer.wrap(raw, 0, end));
        char[] pass = new char[cb.remaining()];
        cb.get(pass);
        Arrays.fill(raw, (byte) 0);
        if (pass.length == 0) {
            throw new UserFacingException("The passphrase file " + file + " is empty", "its first line has no characters",
                    "write the passphrase on the file's first line");
        }
        return pass;
    }

    /** For the keyring: {@code file} if given, else {@value #KEYRING_ENV}, else a prompt (twice when creating). */
    public static char[] forKeyring(Path file, Path keyring, boolean confirm) {
        if (file != null) {
            return fromFile(file);
        }
        String env = System.getenv(KEYRING_ENV);
        if (env != null && !env.isEmpty()) {
            return env.toCharArray();
        }
        return prompt("Passphrase for the keyring " + keyring, confirm,
                "give --keyring-passphrase-file FILE or set " + KEYRING_ENV);
    }

    public static char[] prompt(String label, boolean confirm, String alternative) {
        Console console = System.console();
        if (console == null) {
            throw new UserFacingException("A passphrase is needed", "there is no terminal to ask it on", alternative);
        }
        char[] first = console.readPassword("%s: ", label);
        if (first == null || first.length == 0) {
            throw new UserFacingException("No passphrase given", "the input was empty", "run the command again");
        }
        if (confirm) {
            char[] again = console.readPassword("Repeat it: ");
            boolean same = Arrays.equals(first, again);
            if (again != null) {
                Arrays.fill(again, '\0');
            }
            if (!same) {
                Arrays.fill(first, '\0');
                throw new UserFacingException("The passphrases differ", "the second entry did not match the first",
                        "run the command again");
            }
        }
        return first;
    }
}
