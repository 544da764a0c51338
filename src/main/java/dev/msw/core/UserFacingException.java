package dev.msw.core;

/**
 * A failure a person can act on: what failed, why, and what to do next. The CLI prints {@link #getMessage()}
 * and exits 1; the GUI shows it in a dialog. Subclass per area (crypto, signing, secrets) for typed handling.
 */
public class UserFacingException extends RuntimeException {
    private final String what;
    private final String why;
    private final String next;

    public UserFacingException(String what, String why, String next) {
        this(what, why, next, null);
    }

    public UserFacingException(String what, String why, String next, Throwable cause) {
        super(compose(what, why, next), cause);
        this.what = what;
        this.why = why;
        this.next = next;
    }

    /**
     * Why an I/O call failed, in words: NIO's exceptions carry only the path for the commonest cases ("does not
     * exist", "permission denied"), which makes "Cannot read F: F" of a plain {@code getMessage()}.
     */
    public static String reason(java.io.IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "it does not exist";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }

    private static String compose(String what, String why, String next) {
        StringBuilder sb = new StringBuilder(what);
        if (why != null && !why.isBlank()) {
            sb.append(": ").append(why);
        }
        if (next != null && !next.isBlank()) {
            sb.append(". ").append(Character.toUpperCase(next.charAt(0))).append(next.substring(1));
            if (!next.endsWith(".")) {
                sb.append('.');
            }
        }
        return sb.toString();
    }

    public String what() {
        return what;
    }

    public String why() {
        return why;
    }

    public String next() {
        return next;
    }
}
