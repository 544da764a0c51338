package dev.msw.cli.secrets;

import dev.msw.cli.JsonOutput;
import dev.msw.secrets.policy.LintFinding;
import dev.msw.secrets.policy.PolicyLinter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "lint", mixinStandardHelpOptions = true,
        description = {"Find policy mistakes Vault accepts silently (KV v2 paths without data/, over-broad grants,",
                "needless sudo, production writable from other roles). Exit 1 on errors (or warnings with --strict)."})
final class PolicyLintCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    @Parameters(arity = "1..*", paramLabel = "POLICY.hcl")
    List<Path> files;
    @Option(names = "--kv-v2-mount", paramLabel = "M", description = "A KV v2 mount path (repeatable; default: secret).")
    List<String> mounts = List.of("secret");
    @Option(names = "--production-env", defaultValue = "production", description = "Production folder name (default: ${DEFAULT-VALUE}).")
    String production;
    @Option(names = "--strict", description = "Warnings fail too.")
    boolean strict;
    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
        List<LintFinding> findings = new PolicyLinter(mounts, production).lint(PolicyFiles.read(files));
        var out = spec.commandLine().getOut();
        if (json) {
            JsonOutput.print(out, findings);
        } else if (findings.isEmpty()) {
            out.println("No problems found in " + files.size() + " policy file(s).");
        } else {
            findings.forEach(f -> out.println(f.format()));
        }
        boolean fail = findings.stream().anyMatch(f -> f.severity() == LintFinding.Severity.ERROR
                || (strict && f.severity() == LintFinding.Severity.WARNING));
        return fail ? 1 : 0;
    }
}
