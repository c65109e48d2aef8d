package org.tessera.portal.arrivals;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.tessera.indexer.ingest.pipeline.IngestSettings;

/** The portal's arrivals ingest reads tessera.nlp.semantic-stage as tessera ingest does. */
class NlpPropertiesTest {

    private static NlpProperties bind(java.util.Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings)).bind("tessera.nlp", NlpProperties.class)
                .orElseGet(() -> new NlpProperties(null));
    }

    @Test
    void theSettingTurnsTheStageOnInTheArrivalsIngest() {
        NlpProperties on = bind(java.util.Map.of(IngestSettings.SEMANTIC_STAGE, "true"));
        assertThat(on.semanticStage()).isTrue();
        ArrivalsConfiguration.LazyIngest ingest = new ArrivalsConfiguration().arrivalIngest(null,
                new ArrivalsProperties(null, null, null, null, Path.of("q"), null), on, () -> java.time.LocalDate.of(2026, 6, 30),
                Clock.systemUTC());
        assertThat(ingest.semanticStage()).isTrue();
    }

    @Test
    void arrivalsScoreAsOfThePortalsRiskDayNotTheClock() {
        ArrivalsConfiguration.LazyIngest ingest = new ArrivalsConfiguration().arrivalIngest(null,
                new ArrivalsProperties(null, null, null, null, Path.of("q"), null), bind(java.util.Map.of()),
                () -> java.time.LocalDate.of(2026, 6, 30), Clock.systemUTC());
        assertThat(ingest.scoringDay()).isEqualTo(java.time.LocalDate.of(2026, 6, 30));
    }

    @Test
    void unsetItIsTheProductsDefault() {
        assertThat(bind(java.util.Map.of()).semanticStage()).isEqualTo(IngestSettings.SEMANTIC_STAGE_DEFAULT);
        assertThat(bind(java.util.Map.of(IngestSettings.SEMANTIC_STAGE, "false")).semanticStage()).isFalse();
    }
}
