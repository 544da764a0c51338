package dev.msw.cli.secrets;

import dev.msw.secrets.AccessMatrix;
import dev.msw.secrets.PolicyAdmin;
import dev.msw.secrets.SecretStore;
import dev.msw.secrets.local.LocalEnvironmentSetup;
import dev.msw.secrets.local.LocalSecretStore;
import dev.msw.secrets.policy.PolicyEngine;
import dev.msw.secrets.policy.PolicyParser;
import dev.msw.secrets.vault.VaultEnvironmentSetup;
import dev.msw.secrets.vault.VaultSecretStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "matrix", mixinStandardHelpOptions = true,
        description = {"Role x environment x operation, asked live: on Vault a short-lived token per role through",
                "sys/capabilities (needs an admin token), on the local store the roles it defines. '(!)' marks a cell",
                "where our policy engine predicted otherwise. Exit 1 if any cell disagrees."})
final class PolicyMatrixCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    @Mixin
    StoreOptions store;
    @Option(names = "--role", paramLabel = "NAME=POLICY[,POLICY]",
            description = "A role and its policies (repeatable; default: developer, ci, prod-operator with policies of the same name).")
    Map<String, String> roles;

    @Override
    public Integer call() {
        try (SecretStore st = store.open()) {
            AccessMatrix m;
            if (st instanceof VaultSecretStore v) {
                Map<String, List<String>> r = new LinkedHashMap<>();
                if (roles == null) {
                    for (String name : List.of("developer", "ci", "prod-operator")) {
                        r.put(name, List.of(name));
                    }
                } else {
                    roles.forEach((k, val) -> r.put(k, List.of(val.split(","))));
                }
                PolicyAdmin policies = store.policies(st);
                List<String> existing = policies.list();
                m = new VaultEnvironmentSetup(v.session()).liveMatrix(st.environments(), r, (role, api) ->
                        new PolicyEngine(r.get(role).stream().filter(existing::contains)
                                .map(p -> PolicyParser.parse(p, policies.read(p))).toList())
                                .capabilities(api).grantedCapabilities());
            } else {
                LocalSecretStore local = (LocalSecretStore) st;
                List<String> names = roles == null ? List.copyOf(local.roles().keySet()) : List.copyOf(roles.keySet());
                m = LocalEnvironmentSetup.matrix(local, names, null);
            }
            var out = spec.commandLine().getOut();
            m.table().forEach(out::println);
            return m.allAgree() ? 0 : 1;
        }
    }
}
