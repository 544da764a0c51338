package dev.msw.app.vault;

import dev.msw.secrets.AccessMatrix;
import dev.msw.secrets.EnvironmentSegregation;
import dev.msw.secrets.PolicyAdmin;
import dev.msw.secrets.SecretStore;
import dev.msw.secrets.local.LocalEnvironmentSetup;
import dev.msw.secrets.local.LocalSecretStore;
import dev.msw.secrets.policy.Capability;
import dev.msw.secrets.policy.LintFinding;
import dev.msw.secrets.policy.Policy;
import dev.msw.secrets.policy.PolicyEngine;
import dev.msw.secrets.policy.PolicyLinter;
import dev.msw.secrets.policy.PolicyParser;
import dev.msw.secrets.vault.VaultEnvironmentSetup;
import dev.msw.secrets.vault.VaultPolicies;
import dev.msw.secrets.vault.VaultSecretStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The policies side of the Vault tab: list, read and (for admins) edit ACL policies of the active store, lint them,
 * explain "why" a path is allowed or denied for the current identity, and run the environment segregation wizard.
 */
public final class VaultPoliciesModel {
    private final VaultViewModel main;
    private final ObservableList<String> names = FXCollections.observableArrayList();
    private final StringProperty policyName = new SimpleStringProperty("");
    private final StringProperty policyText = new SimpleStringProperty("");
    private final ObservableList<LintFinding> findings = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper why = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<AccessMatrix> matrix = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper passwords = new ReadOnlyStringWrapper("");

    public VaultPoliciesModel(VaultViewModel main) {
        this.main = main;
    }

    public ObservableList<String> names() {
        return names;
    }

    public StringProperty policyNameProperty() {
        return policyName;
    }

    public StringProperty policyTextProperty() {
        return policyText;
    }

    public ObservableList<LintFinding> findings() {
        return findings;
    }

    public ReadOnlyStringProperty whyProperty() {
        return why.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<AccessMatrix> matrixProperty() {
        return matrix.getReadOnlyProperty();
    }

    /** One-time passwords of the users the wizard created (Vault), shown once. */
    public ReadOnlyStringProperty passwordsProperty() {
        return passwords.getReadOnlyProperty();
    }

    private PolicyAdmin admin() {
        SecretStore st = main.storeProperty().get();
        if (st instanceof VaultSecretStore v) {
            return new VaultPolicies(v.session());
        }
        if (st instanceof LocalSecretStore l) {
            return l.policies();
        }
        throw VaultViewModel.notConnected();
    }

    public void refresh() {
        main.run("Listing policies", (progress, cancel) -> admin().list(), names::setAll);
    }

    public void open(String name) {
        if (name == null) {
            return;
        }
        main.run("Reading policy " + name, (progress, cancel) -> admin().read(name), text -> {
            policyName.set(name);
            policyText.set(text);
            lint();
        });
    }

    public void save() {
        String name = policyName.get().strip();
        String text = policyText.get();
        main.run("Saving policy " + name, (progress, cancel) -> {
            admin().write(name, text);
            return admin().list();
        }, list -> {
            names.setAll(list);
            lint();
        });
    }

    public void delete() {
        String name = policyName.get().strip();
        main.run("Deleting policy " + name, (progress, cancel) -> {
            admin().delete(name);
            return admin().list();
        }, list -> {
            names.setAll(list);
            policyName.set("");
            policyText.set("");
        });
    }

    /** Lints the policy in the editor (synchronously: parsing is fast); a syntax error becomes one finding. */
    public void lint() {
        String mount = main.storeProperty().get() == null ? "secret" : main.storeProperty().get().environments().mount();
        String prod = main.environments().stream().filter(dev.msw.secrets.Environments::isProduction).findFirst()
                .orElse("production");
        try {
            Policy p = PolicyParser.parse(policyName.get().isBlank() ? "policy" : policyName.get(), policyText.get());
            findings.setAll(new PolicyLinter(List.of(mount), prod).lint(p));
        } catch (dev.msw.secrets.policy.PolicyException e) {
            findings.setAll(new LintFinding(LintFinding.Severity.ERROR, "syntax", policyName.get(), 0, "",
                    e.getMessage(), null));
        }
    }

    /**
     * Why the current identity may or may not do {@code op} on an API path: the policy engine over the identity's
     * policies (read from the store), next to the server's own capabilities for Vault.
     */
    public void explain(String apiPath, Capability op) {
        SecretStore st = main.storeProperty().get();
        main.run("Explaining", (progress, cancel) -> {
            List<String> policyNames = st.identity().policies();
            List<Policy> ps = new ArrayList<>();
            List<String> unreadable = new ArrayList<>();
            PolicyAdmin a = admin();
            for (String n : policyNames) {
                if (n.equals("root")) {
                    ps.add(new Policy("root", List.of(), ""));
                    continue;
                }
                try {
                    ps.add(PolicyParser.parse(n, a.read(n)));
                } catch (RuntimeException e) {
                    unreadable.add(n);
                }
            }
            String server = st instanceof VaultSecretStore v
                    ? "The server (sys/capabilities-self) reports " + v.capabilitiesSelf(apiPath) + " on " + apiPath + "."
                    : "";
            if (!unreadable.isEmpty() && ps.isEmpty()) {
                boolean granted = server.contains(op.apiName());
                return (granted ? "Allowed" : "Denied") + ": `" + op.apiName() + "` on " + apiPath + ". " + server
                        + "\nYour token may not read its policies " + unreadable + ", so the rule that decided cannot "
                        + "be shown here; an administrator can explain it with the same view, or run "
                        + "'msw policy check POLICY.hcl --path " + apiPath + " --op " + op.apiName() + "'.";
            }
            String text = new PolicyEngine(ps).check(apiPath, op).explanation();
            if (!unreadable.isEmpty()) {
                text += "\n(Policies " + unreadable + " could not be read with this token; the explanation leaves them out.)";
            }
            return server.isEmpty() ? text : text + "\n" + server;
        }, why::set);
    }

    /** Runs the segregation wizard on the active store and shows the verified matrix. */
    public void runWizard(String userpassMount) {
        SecretStore st = main.storeProperty().get();
        main.run("Setting up environments", (progress, cancel) -> {
            EnvironmentSegregation plan = EnvironmentSegregation.defaults(st.environments());
            if (st instanceof VaultSecretStore v) {
                VaultEnvironmentSetup.Result r = new VaultEnvironmentSetup(v.session()).apply(plan, userpassMount);
                StringBuilder sb = new StringBuilder("One-time passwords (userpass at " + userpassMount + "):\n");
                r.passwords().forEach((role, pw) -> sb.append(role).append("  ").append(pw).append('\n'));
                return Map.entry(r.matrix(), sb.toString());
            }
            return Map.entry(LocalEnvironmentSetup.apply((LocalSecretStore) st, plan),
                    "Roles created in the local store: " + plan.roleNames() + " (unlock with a role to act as it).");
        }, e -> {
            matrix.set(e.getKey());
            passwords.set(e.getValue());
            refresh();
        });
    }
}
