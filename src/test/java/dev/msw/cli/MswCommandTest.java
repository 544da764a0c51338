package dev.msw.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.msw.testsupport.Cli;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MswCommandTest {
    @Test
    void versionNamesProductAndJava() {
        Cli.Result r = Cli.run("--version");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().contains("Model Security Workbench"), r::toString);
        assertTrue(r.out().contains("Java 17"), r::toString);
        // read from the jar's manifest, and the same as the provider's own version string
        String bc = new org.bouncycastle.jce.provider.BouncyCastleProvider().getVersionStr();
        assertTrue(r.out().contains("Bouncy Castle " + bc + "\n") || r.out().contains("Bouncy Castle " + bc + "\r"),
                r::toString);
    }

    @Test
    void unknownVerbIsAUsageError() {
        Cli.Result r = Cli.run("no-such-verb");
        assertEquals(2, r.exitCode(), r::toString);
    }

    @Test
    void helpListsVerbs() {
        Cli.Result r = Cli.run("--help");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().contains("gui"), r::toString);
    }

    @Test
    void aVerbRunBuildsOnlyThatVerbAndPrintsTheSameHelpAsTheWholeTree() {
        for (String verb : MswCommand.commandLine().getSubcommands().keySet()) {
            CommandLine lazy = MswCommand.commandLineFor(verb, "--help");
            assertEquals(java.util.Set.of(verb), lazy.getSubcommands().keySet());
            assertEquals(help(MswCommand.commandLine(), verb), help(lazy, verb), verb);
        }
    }

    @Test
    void optionsAndUnknownVerbsGetTheWholeTree() {
        int all = MswCommand.commandLine().getSubcommands().size();
        assertTrue(all > 5);
        assertEquals(all, MswCommand.commandLineFor("--help").getSubcommands().size());
        assertEquals(all, MswCommand.commandLineFor("sigh").getSubcommands().size());
        assertEquals(all, MswCommand.commandLineFor().getSubcommands().size());
    }

    private static String help(CommandLine cl, String verb) {
        java.io.StringWriter out = new java.io.StringWriter();
        cl.setOut(new java.io.PrintWriter(out, true));
        assertEquals(0, cl.execute(verb, "--help"));
        return out.toString();
    }
}
