package org.tessera.indexer.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Keeps docs/indicators.md in step with the catalogue: every indicator listed with its severity, half-life, concern and sibling reach. */
class CatalogueDocumentationTest {

    @Test
    void everyIndicatorIsListedInTheDocumentationWithItsSeverityAndHalfLife() throws Exception {
        Path doc = Path.of(System.getProperty("user.dir")).resolveSibling("docs").resolve("indicators.md");
        if (!Files.exists(doc)) {
            doc = Path.of("docs", "indicators.md");
        }
        String text = Files.readString(doc);
        List<String> missing = new ArrayList<>();
        for (Indicator i : IndicatorCatalogue.loadDefault().all()) {
            String row = "| " + i.id() + " | " + i.title() + " | " + i.severity().label() + " | ";
            String rest = row + i.weight() + " | " + String.join(", ", i.agencies()) + " | " + i.halfLifeDays() + " | "
                    + i.appliesTo().label() + " | " + (i.concern().equals(i.id()) ? "" : i.concern()) + " | "
                    + (i.reachesSiblings() ? "yes" : "") + " |";
            if (!text.contains(rest)) {
                missing.add(i.id());
            }
        }
        assertThat(missing).as("indicators missing or out of date in " + doc).isEmpty();
    }
}
