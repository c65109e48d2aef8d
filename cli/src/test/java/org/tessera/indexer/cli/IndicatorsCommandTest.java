package org.tessera.indexer.cli;

import org.tessera.indexer.indicators.IndicatorCatalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.tessera.indexer.cli.TesseraCli;
import picocli.CommandLine;

class IndicatorsCommandTest {

    private static String run(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
            int exit = new CommandLine(new TesseraCli()).execute(args);
            assertThat(exit).isZero();
        } finally {
            System.setOut(original);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }

    @Test
    void listPrintsEveryIndicatorAndTheTotals() {
        String out = run("indicators", "list");

        IndicatorCatalogue catalogue = IndicatorCatalogue.loadDefault();
        assertThat(out.lines().filter(l -> l.matches("^[A-Z]{2,4}[0-9]{2}[A-Z]?\\s.*"))).hasSize(catalogue.size());
        assertThat(out).contains("PAR17  composite").contains("co_occurrence")
                .contains(catalogue.size() + " indicators: " + catalogue.enabledQueries().size() + " stored queries");
    }

    @Test
    void listCanReadAnotherCatalogueFolder() throws Exception {
        String folder = java.nio.file.Path.of(getClass().getResource("/indicators/valid-minimal").toURI()).toString();

        String out = run("indicators", "--catalogue", folder, "list");

        assertThat(out).contains("TST01").contains("TST02").contains("2 indicators: 1 stored queries, 1 rules, 0 disabled");
    }
}
