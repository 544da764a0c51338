package dev.msw.cli.secrets;

import dev.msw.core.UserFacingException;
import java.io.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads passwords and passphrases: from a file, else an environment variable, else a prompt (never an argument). */
final class Secrets {
    private Secrets() {
    }

    static char[] read(Path file, String envVar, String prompt) {
        if (file != null) {
            try {
                String first = Files.readAllLines(file).stream().findFirst().orElse("");
                return first.toCharArray();
            } catch (IOException e) {
                throw new UserFacingException("Cannot read " + file, UserFacingException.reason(e), "check the path");
            }
        }
        String env = System.getenv(envVar);
        if (env != null && !env.isEmpty()) {
            return env.toCharArray();
        }
        Console console = System.console();
        if (console == null) {
            throw new UserFacingException(prompt + " is needed", "there is no terminal to ask on",
                    "set " + envVar + " or pass the matching --…-file option");
        }
        char[] typed = console.readPassword("%s: ", prompt);
        if (typed == null) {
            throw new UserFacingException(prompt + " was not entered", null, "try again");
        }
        return typed;
    }

    static String readToken(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UserFacingException("Cannot read the token file " + file, UserFacingException.reason(e), "check the path");
        }
    }
}
