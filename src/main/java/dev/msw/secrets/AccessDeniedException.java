package dev.msw.secrets;

import java.util.List;

/**
 * The server (or the local policy engine) refused an operation. The message reads "permission denied: your
 * token (policies [developer]) lacks `read` on `secret/data/production/db`".
 */
public class AccessDeniedException extends SecretsException {
    private final String capability;
    private final String apiPath;

    public AccessDeniedException(List<String> policies, String capability, String apiPath) {
        super("permission denied: your token (policies " + policies + ") lacks `" + capability + "` on `" + apiPath
                + "`", null, "ask an administrator for a policy that grants it, or check the environment you chose");
        this.capability = capability;
        this.apiPath = apiPath;
    }

    public String capability() {
        return capability;
    }

    public String apiPath() {
        return apiPath;
    }
}
