package org.tessera.portal.arrivals;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.tessera.indexer.ingest.pipeline.IngestSettings;

/** The portal's arrivals ingest reads tessera.nlp.semantic-stage and tessera.nlp.lexical-context-head as tessera ingest does. */
class NlpPropertiesTest {

    private static NlpProperties bind(java.util.Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings)).bind("tessera.nlp", NlpProperties.class)
                .orElseGet(NlpProperties::defaults);
    }

    /** The arrivals ingest the portal builds with {@code nlp}, scoring as of 2026-06-30. */
    private static ArrivalsConfiguration.LazyIngest arrivalIngest(NlpProperties nlp) {
        return new ArrivalsConfiguration().arrivalIngest(null, new ArrivalsProperties(null, null, null, null, Path.of("q"), null), nlp,
                new ReachProperties(null), () -> java.time.LocalDate.of(2026, 6, 30), Clock.systemUTC());
    }

    @Test
    void theReachBoundIsBoundByTheNameTesseraIngestReads() {
        java.util.function.Function<java.util.Map<String, String>, ReachProperties> bind = settings ->
                new Binder(new MapConfigurationPropertySource(settings)).bind("tessera.linkage", ReachProperties.class)
                        .orElseGet(() -> new ReachProperties(null));
        assertThat(bind.apply(java.util.Map.of()).maxReachRecords()).isEqualTo(IngestSettings.MAX_REACH_RECORDS_DEFAULT);
        assertThat(bind.apply(java.util.Map.of(IngestSettings.MAX_REACH_RECORDS, "2000000")).maxReachRecords()).isEqualTo(2_000_000L);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ReachProperties(0L))
                .hasMessageContaining(IngestSettings.MAX_REACH_RECORDS);
    }

    @Test
    void theSettingTurnsTheStageOnInTheArrivalsIngest() {
        NlpProperties on = bind(java.util.Map.of(IngestSettings.SEMANTIC_STAGE, "true"));
        assertThat(on.semanticStage()).isTrue();
        ArrivalsConfiguration.LazyIngest ingest = arrivalIngest(on);
        assertThat(ingest.nlp().semanticStage()).isTrue();
    }

    @Test
    void arrivalsScoreAsOfThePortalsRiskDayNotTheClock() {
        ArrivalsConfiguration.LazyIngest ingest = arrivalIngest(bind(java.util.Map.of()));
        assertThat(ingest.scoringDay()).isEqualTo(java.time.LocalDate.of(2026, 6, 30));
    }

    @Test
    void unsetItIsTheProductsDefault() {
        assertThat(bind(java.util.Map.of()).semanticStage()).isEqualTo(IngestSettings.SEMANTIC_STAGE_DEFAULT);
        assertThat(bind(java.util.Map.of(IngestSettings.SEMANTIC_STAGE, "false")).semanticStage()).isFalse();
    }

    @Test
    void theHeadOverLexicalHitsIsOnUnlessTurnedOff() {
        assertThat(bind(java.util.Map.of()).lexicalContextHead()).isTrue().isEqualTo(IngestSettings.LEXICAL_CONTEXT_HEAD_DEFAULT);
        NlpProperties off = bind(java.util.Map.of(IngestSettings.LEXICAL_CONTEXT_HEAD, "false"));
        assertThat(off.lexicalContextHead()).isFalse();
        ArrivalsConfiguration.LazyIngest ingest = arrivalIngest(off);
        assertThat(ingest.nlp().lexicalContextHead()).isFalse();
    }
}
