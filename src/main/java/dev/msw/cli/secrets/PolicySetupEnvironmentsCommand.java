package dev.msw.cli.secrets;

import dev.msw.secrets.AccessMatrix;
import dev.msw.secrets.EnvironmentSegregation;
import dev.msw.secrets.SecretStore;
import dev.msw.secrets.local.LocalEnvironmentSetup;
import dev.msw.secrets.local.LocalSecretStore;
import dev.msw.secrets.vault.VaultEnvironmentSetup;
import dev.msw.secrets.vault.VaultSecretStore;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "setup-environments", mixinStandardHelpOptions = true,
        description = {"Environment segregation: the KV v2 mount, one policy per role (developer: full on development,",
                "read on testing, none on production; ci: read on testing; prod-operator: production only), a userpass",
                "user per role with a one-time password (Vault) or a role (local store), then the access matrix",
                "verified live. --dry-run prints the policies only."})
final class PolicySetupEnvironmentsCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    @Mixin
    StoreOptions store;
    @Option(names = "--userpass-mount", defaultValue = "userpass", description = "Where the userpass users go (default: ${DEFAULT-VALUE}).")
    String userpassMount;
    @Option(names = "--dry-run", description = "Print the policies, change nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        if (dryRun) {
            EnvironmentSegregation plan = EnvironmentSegregation.defaults(store.environmentsFor(store.mount));
            for (String role : plan.roleNames()) {
                out.println("# ---- policy " + role);
                out.println(plan.policyFor(role));
            }
            return 0;
        }
        try (SecretStore st = store.open()) {
            EnvironmentSegregation plan = EnvironmentSegregation.defaults(st.environments());
            AccessMatrix m;
            if (st instanceof VaultSecretStore v) {
                VaultEnvironmentSetup.Result r = new VaultEnvironmentSetup(v.session()).apply(plan, userpassMount);
                out.println("Policies and userpass users created on " + st.describe() + ".");
                out.println("One-time passwords (hand them out now; they are not stored anywhere):");
                r.passwords().forEach((role, pw) -> out.println("  " + role + "  " + pw));
                m = r.matrix();
            } else {
                m = LocalEnvironmentSetup.apply((LocalSecretStore) st, plan);
                out.println("Policies and roles created in " + st.describe() + "; use --as ROLE to act as one.");
            }
            out.println();
            m.table().forEach(out::println);
            out.println(m.allAgree() ? "Verified: every cell matches the plan."
                    : "MISMATCH: cells marked (!) differ from the plan.");
            return m.allAgree() ? 0 : 1;
        }
    }
}
