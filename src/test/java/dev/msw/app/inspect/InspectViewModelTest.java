package dev.msw.app.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.msw.app.task.ImmediateTaskRunner;
import dev.msw.inspect.InspectCorpus;
import dev.msw.inspect.Severity;
import dev.msw.testsupport.ConfigDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Inspect tab's state and commands, without a toolkit. */
class InspectViewModelTest {
    @TempDir
    Path tmp;
    private String old;

    @BeforeEach
    void isolate() {
        old = ConfigDir.point(tmp);
    }

    @AfterEach
    void restore() {
        ConfigDir.restore(old);
    }

    @Test
    void scanStrictAndExport() throws Exception {
        InspectViewModel vm = new InspectViewModel();
        assertTrue(vm.scanDisabled().get());
        assertTrue(vm.exportDisabled().get());
        Path logreg = InspectCorpus.dir().resolve("benign/sklearn_logreg.pkl");
        vm.add(List.of(logreg, logreg));
        assertEquals(1, vm.paths().size());
        assertFalse(vm.scanDisabled().get());
        vm.scan(new ImmediateTaskRunner());
        assertEquals(Severity.WARNING, vm.reportProperty().get().worst());
        assertTrue(vm.summaryProperty().get().contains("Review the warnings"), vm.summaryProperty().get());
        vm.strictProperty().set(true);
        vm.scan(new ImmediateTaskRunner());
        assertEquals(Severity.CRITICAL, vm.reportProperty().get().worst());
        assertFalse(vm.exportDisabled().get());
        Path html = vm.export(InspectViewModel.ExportFormat.HTML, tmp.resolve("r.html"));
        assertTrue(Files.readString(html).contains("sklearn.linear_model._logistic.LogisticRegression"));
        vm.clear();
        assertTrue(vm.paths().isEmpty());
        assertEquals(null, vm.reportProperty().get());
    }

    @Test
    void aMissingPathIsReportedAsAFindingNotACrash() {
        InspectViewModel vm = new InspectViewModel();
        vm.add(List.of(tmp.resolve("gone.pkl")));
        vm.scan(new ImmediateTaskRunner());
        assertEquals(Severity.WARNING, vm.reportProperty().get().worst());
    }
}
