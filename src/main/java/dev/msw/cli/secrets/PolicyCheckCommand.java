package dev.msw.cli.secrets;

import dev.msw.cli.JsonOutput;
import dev.msw.secrets.policy.Capability;
import dev.msw.secrets.policy.Decision;
import dev.msw.secrets.policy.PolicyEngine;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Evaluate policies for an API path the way Vault does, and say which policy and rule decided.",
                "Exit 0 when the operation is allowed (or no --op was given), 1 when it is denied."})
final class PolicyCheckCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    @Parameters(arity = "1..*", paramLabel = "POLICY.hcl")
    List<Path> files;
    @Option(names = "--path", required = true, paramLabel = "P", description = "API path, e.g. secret/data/production/db.")
    String path;
    @Option(names = "--op", paramLabel = "OP", description = "read, list, create, update, delete, patch or scan.")
    String op;
    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
        PolicyEngine engine = new PolicyEngine(PolicyFiles.read(files));
        Decision d;
        if (op != null) {
            Capability c = Capability.fromApiName(op).filter(x -> x != Capability.DENY && x != Capability.SUDO)
                    .orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
                            "--op must be read, list, create, update, delete, patch or scan, not \"" + op + "\""));
            d = engine.check(path, c);
        } else {
            d = engine.capabilities(path);
        }
        var out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", d.path());
            m.put("operation", op);
            m.put("allowed", op == null ? null : d.allowed());
            m.put("capabilities", d.reportedCapabilities());
            m.put("rule", d.decidingRule() == null ? null : d.decidingRule().pattern());
            m.put("policies", d.decidingRule() == null ? List.of()
                    : d.decidingRule().sources().stream().map(r -> r.policy() + ":" + r.line()).toList());
            m.put("explanation", d.explanation());
            JsonOutput.print(out, m);
        } else {
            out.println("capabilities: " + d.reportedCapabilities());
            out.println(d.explanation());
        }
        return op == null || d.allowed() ? 0 : 1;
    }
}
