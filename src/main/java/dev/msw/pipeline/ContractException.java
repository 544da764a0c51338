package dev.msw.pipeline;

import dev.msw.core.UserFacingException;

/** A model contract that cannot be used: names the file, the line and the reason. */
public class ContractException extends UserFacingException {
    private final String source;
    private final int line;
    private final String reason;

    public ContractException(String source, int line, String reason) {
        super("The model contract " + source + " is invalid", "line " + line + ": " + reason,
                "fix that line in the contract (the Console's contract editor checks it as you type)");
        this.source = source;
        this.line = line;
        this.reason = reason;
    }

    public String source() {
        return source;
    }

    public int line() {
        return line;
    }

    public String reason() {
        return reason;
    }
}
