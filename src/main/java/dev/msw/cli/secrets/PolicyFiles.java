package dev.msw.cli.secrets;

import dev.msw.core.UserFacingException;
import dev.msw.secrets.policy.Policy;
import dev.msw.secrets.policy.PolicyParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads policy files; a policy is named after its file without {@code .hcl}/{@code .json}. */
final class PolicyFiles {
    private PolicyFiles() {
    }

    static List<Policy> read(List<Path> files) {
        List<Policy> out = new ArrayList<>();
        for (Path f : files) {
            String name = f.getFileName().toString().replaceFirst("\\.(hcl|json)$", "");
            try {
                out.add(PolicyParser.parse(name, Files.readString(f)));
            } catch (IOException e) {
                throw new UserFacingException("Cannot read the policy file " + f, e.getMessage(), "check the path");
            }
        }
        return out;
    }
}
