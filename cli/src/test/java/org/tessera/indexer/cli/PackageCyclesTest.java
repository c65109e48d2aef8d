package org.tessera.indexer.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The product's packages (core, tools and cli: every {@code org.tessera.indexer} class outside the
 * tests) import each other without a cycle, and only the command line imports the command line. A
 * cycle fails the build with the classes and the dependency that close it (docs/architecture.md).
 */
class PackageCyclesTest {

    private static JavaClasses product;

    @BeforeAll
    static void importProductClasses() {
        product = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // core's test jar (reactor builds) holds test classes too, outside any test-classes folder
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("org.tessera.indexer");
    }

    @Test
    void importsTheWholeProductAcrossItsThreeModules() {
        // a classpath that lost a module would pass the other rules vacuously
        org.assertj.core.api.Assertions.assertThat(product.containPackage("org.tessera.indexer.scoring")).isTrue();
        org.assertj.core.api.Assertions.assertThat(product.containPackage("org.tessera.indexer.synthetic")).isTrue();
        org.assertj.core.api.Assertions.assertThat(product.containPackage("org.tessera.indexer.cli")).isTrue();
    }

    @Test
    void noCycleBetweenPackages() {
        slices().matching("org.tessera.indexer.(**)").should().beFreeOfCycles().check(product);
    }

    @Test
    void onlyTheCommandLineImportsTheCommandLine() {
        noClasses().that().resideOutsideOfPackage("org.tessera.indexer.cli")
                .should().dependOnClassesThat().resideInAPackage("org.tessera.indexer.cli")
                .check(product);
    }
}
