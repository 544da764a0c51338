package dev.msw.secrets;

/** A check-and-set write lost the race: someone saved a newer version since the one being edited. */
public class CasConflictException extends SecretsException {
    public CasConflictException(String logicalPath, int expected, int current) {
        super("Secret " + logicalPath + " was not saved", expected == 0
                ? "it already exists (version " + current + ") but you were creating it"
                : "it changed since you opened it: you edited version " + expected + ", the current version is "
                        + (current < 0 ? "unknown" : String.valueOf(current)),
                "reload it, review the newer version, and save again");
    }
}
