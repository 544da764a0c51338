package dev.msw.secrets.policy;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The HCL policy parser never fails with anything but a {@link PolicyException} (which names a line), whatever the
 * input. Jazzer explores with {@code JAZZER_FUZZ=1}; the regression run and the random mutations below run in CI.
 */
class PolicyParserFuzzTest {
    private static final String SEED = """
            # comment
            path "secret/data/+/app/*" {
              capabilities = ["read", "list"] // trailing
              allowed_parameters = { "ttl" = ["1h", "2h"] }
              min_wrapping_ttl = "1s"
            }
            /* block */ path "sys/*" { policy = "sudo" }
            {"path": {"x/*": {"capabilities": ["deny"]}}}
            """;

    @FuzzTest(maxDuration = "10s")
    void parserOnlyThrowsPolicyException(FuzzedDataProvider data) {
        parseQuietly(data.consumeRemainingAsString());
    }

    @Test
    void randomMutationsOfAValidPolicy() {
        Random rnd = new Random(7);
        String alphabet = "\"{}[]=,#/*+\\\n abcp:<-";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder(SEED);
            for (int m = 0; m < 1 + rnd.nextInt(6); m++) {
                int at = rnd.nextInt(sb.length() + 1);
                switch (rnd.nextInt(3)) {
                    case 0 -> sb.insert(at, alphabet.charAt(rnd.nextInt(alphabet.length())));
                    case 1 -> {
                        if (at < sb.length()) {
                            sb.deleteCharAt(at);
                        }
                    }
                    default -> sb.setLength(Math.min(sb.length(), at));
                }
            }
            parseQuietly(sb.toString());
        }
    }

    private static void parseQuietly(String text) {
        try {
            Policy p = PolicyParser.parse("fuzz", text);
            new PolicyEngine(List.of(p)).capabilities("secret/data/x/app/y");
            new PolicyLinter(List.of("secret"), "production").lint(p);
        } catch (PolicyException expected) {
            // a readable error naming the line is the right answer to bad input
        }
    }
}
