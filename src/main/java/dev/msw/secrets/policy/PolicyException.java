package dev.msw.secrets.policy;

import dev.msw.core.UserFacingException;

/** A policy that cannot be parsed: names the policy, the line and what was expected. */
public class PolicyException extends UserFacingException {
    public PolicyException(String policy, int line, String why) {
        super("Policy \"" + policy + "\" cannot be read (line " + line + ")", why,
                "fix the policy text; the syntax is Vault's HCL: path \"secret/data/app/*\" { capabilities = [\"read\"] }");
    }
}
