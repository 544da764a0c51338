package dev.msw.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The launcher's class-data training must keep running every verb it names, or the archive silently shrinks. */
class ClassDataTrainingTest {
    @Test
    void everyTrainingRunSucceedsAndLeavesTheConfigFolderSettingAlone() throws Exception {
        String before = System.getProperty("msw.config.dir");
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            ClassDataTraining.main(new String[] {"."});
        } finally {
            System.setOut(out);
        }
        assertEquals("class-data training: 0 of 14 runs failed", captured.toString(StandardCharsets.UTF_8).strip());
        assertEquals(before, System.getProperty("msw.config.dir"));
    }
}
