package dev.msw.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.msw.testsupport.Cli;
import org.junit.jupiter.api.Test;

class MswCommandTest {
    @Test
    void versionNamesProductAndJava() {
        Cli.Result r = Cli.run("--version");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().contains("Model Security Workbench"), r::toString);
        assertTrue(r.out().contains("Java 17"), r::toString);
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
}
