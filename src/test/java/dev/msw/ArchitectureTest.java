package dev.msw;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The core is shared by the GUI and the CLI, so it must never depend on either shell. */
class ArchitectureTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.msw");

    @Test
    void coreNeverImportsJavaFxOrPicocli() {
        noClasses().that().resideInAPackage("dev.msw..")
                .and().resideOutsideOfPackages("dev.msw.app..", "dev.msw.cli..")
                .and().doNotHaveFullyQualifiedName("dev.msw.Launcher")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "picocli..", "atlantafx..", "org.kordamp..")
                .check(MAIN);
    }

    @Test
    void coreNeverImportsTheShells() {
        noClasses().that().resideInAPackage("dev.msw..")
                .and().resideOutsideOfPackages("dev.msw.app..", "dev.msw.cli..")
                .and().doNotHaveFullyQualifiedName("dev.msw.Launcher")
                .should().dependOnClassesThat().resideInAnyPackage("dev.msw.app..", "dev.msw.cli..")
                .check(MAIN);
    }

    @Test
    void cliAndGuiDoNotDependOnEachOther() {
        noClasses().that().resideInAPackage("dev.msw.cli..")
                .and().doNotHaveSimpleName("GuiCommand")
                .should().dependOnClassesThat().resideInAnyPackage("dev.msw.app..", "javafx..")
                .check(MAIN);
        noClasses().that().resideInAPackage("dev.msw.app..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.msw.cli..", "picocli..")
                .check(MAIN);
    }
}
