package org.tessera.indexer.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IndicatorCatalogueTest {

    private static final EventFields FIELDS = EventFields.loadDefault();

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(IndicatorCatalogueTest.class.getResource("/indicators/" + name).toURI());
    }

    @Test
    void everyShippedFileParsesAndValidates() {
        IndicatorCatalogue catalogue = IndicatorCatalogue.loadDefault();

        assertThat(catalogue.enabledQueries()).hasSizeGreaterThanOrEqualTo(110);
        assertThat(catalogue.enabledRules()).isNotEmpty();
        Set<String> groups = new HashSet<>();
        for (Indicator indicator : catalogue.all()) {
            groups.add(indicator.group());
            assertThat(indicator.examples().positive()).as(indicator.id()).isNotEmpty();
            assertThat(indicator.examples().negative()).as(indicator.id()).isNotEmpty();
            assertThat(indicator.title()).as(indicator.id()).isNotBlank();
        }
        assertThat(groups).contains("parental", "neglect", "physical", "sexual", "composite");
        assertThat(catalogue.get("PAR17").rule()).isInstanceOf(Rule.CoOccurrence.class);
        assertThat(catalogue.get("OTH12").enabled()).isFalse();
    }

    @Test
    void percolatorDocumentCarriesIndicatorMetadataAndQuery() {
        Indicator par05 = IndicatorCatalogue.loadDefault().get("PAR05");

        var doc = par05.percolatorDocument();

        assertThat(doc.path("indicator").path("id").asText()).isEqualTo("PAR05");
        assertThat(doc.path("indicator").path("severity").asText()).isEqualTo("high");
        assertThat(doc.path("indicator").path("version").asInt()).isEqualTo(1);
        assertThat(doc.path("query").path("bool").isObject()).isTrue();
    }

    @Test
    void aMinimalValidFolderLoads() throws Exception {
        IndicatorCatalogue catalogue = IndicatorCatalogue.load(fixture("valid-minimal"), FIELDS);

        assertThat(catalogue.size()).isEqualTo(2);
        assertThat(catalogue.get("TST02").rule()).isEqualTo(new Rule.Count(java.util.List.of("TST01"), 2, 30));
    }

    @Test
    void unknownKeyIsRejectedNamingFileAndIndicator() throws Exception {
        assertThatThrownBy(() -> IndicatorCatalogue.load(fixture("unknown-key"), FIELDS))
                .isInstanceOf(CatalogueException.class)
                .hasMessageContaining("test.yaml").hasMessageContaining("[TST01]").hasMessageContaining("unknown key 'colour'");
    }

    @Test
    void duplicateIdAcrossFilesIsRejected() throws Exception {
        assertThatThrownBy(() -> IndicatorCatalogue.load(fixture("duplicate-id"), FIELDS))
                .isInstanceOf(CatalogueException.class)
                .hasMessageContaining("b.yaml").hasMessageContaining("[TST01]").hasMessageContaining("duplicate id, also defined in").hasMessageContaining("a.yaml");
    }

    @Test
    void missingNegativeExamplesAreRejected() throws Exception {
        assertThatThrownBy(() -> IndicatorCatalogue.load(fixture("missing-examples"), FIELDS))
                .isInstanceOf(CatalogueException.class)
                .hasMessageContaining("[TST01]").hasMessageContaining("at least one positive and one negative example");
    }

    @Test
    void queryOnAFieldOutsideTheEventsMappingIsRejected() throws Exception {
        assertThatThrownBy(() -> IndicatorCatalogue.load(fixture("unknown-field"), FIELDS))
                .isInstanceOf(CatalogueException.class)
                .hasMessageContaining("[TST01]").hasMessageContaining("'codes.shoe_size' which is not in the events mapping");
    }

    @Test
    void ruleReferringToAnUnknownIndicatorIsRejected() throws Exception {
        assertThatThrownBy(() -> IndicatorCatalogue.load(fixture("bad-rule-reference"), FIELDS))
                .isInstanceOf(CatalogueException.class)
                .hasMessageContaining("[TST02]").hasMessageContaining("unknown indicator TST99");
    }

    @Test
    void aConcernMustBeASnakeCaseName() throws Exception {
        assertThatThrownBy(() -> IndicatorCatalogue.load(fixture("bad-concern"), FIELDS))
                .isInstanceOf(CatalogueException.class)
                .hasMessageContaining("test.yaml").hasMessageContaining("[TST01]").hasMessageContaining("concern must be a snake_case name");
    }

    @Test
    void onlyIndicatorsAboutAChildMayReachSiblings() throws Exception {
        assertThatThrownBy(() -> IndicatorCatalogue.load(fixture("siblings-of-an-adult-indicator"), FIELDS))
                .isInstanceOf(CatalogueException.class)
                .hasMessageContaining("[TST01]").hasMessageContaining("reaches_siblings is for indicators about a child");
    }

    @Test
    void anAgeRangeIsForChildIndicatorsAndMustRunForwards() throws Exception {
        assertThatThrownBy(() -> IndicatorCatalogue.load(fixture("ages-of-an-adult-indicator"), FIELDS))
                .isInstanceOf(CatalogueException.class)
                .hasMessageContaining("[TST01]").hasMessageContaining("ages is for indicators about a child");
        assertThatThrownBy(() -> IndicatorCatalogue.load(fixture("ages-backwards"), FIELDS))
                .isInstanceOf(CatalogueException.class)
                .hasMessageContaining("[TST01]").hasMessageContaining("0 <= from < to <= 25");
        assertThat(IndicatorCatalogue.loadDefault().get("EXP11").ages()).isEqualTo(new Indicator.Ages(10, 18));
    }

    @Test
    void theShippedCatalogueGroupsNestedThresholdsIntoOneConcernAndDefaultsToTheIndicatorItself() {
        IndicatorCatalogue catalogue = IndicatorCatalogue.loadDefault();
        assertThat(catalogue.get("EDU01").concern()).isEqualTo("attendance").isEqualTo(catalogue.get("EDU02").concern());
        assertThat(catalogue.get("PAR01").concern()).isEqualTo("domestic_abuse").isEqualTo(catalogue.get("EDU14").concern());
        assertThat(catalogue.get("ONL02").concern()).isEqualTo("ONL02");
        assertThat(catalogue.get("NEG03").reachesSiblings()).isTrue();
        assertThat(catalogue.get("EXP07").reachesSiblings()).isFalse();
    }
}
