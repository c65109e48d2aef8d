package org.tessera.indexer.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tessera.indexer.config.SettingsSource;
import org.tessera.indexer.ingest.pipeline.IngestSettings;
import org.tessera.indexer.nlp.analysis.CaseNotePipeline;
import org.tessera.indexer.nlp.opennlp.OpenNlpModels;

/** The setting tessera.nlp.lexical-context-head: on by default (ADR 0039), off gives the rules alone. */
class NlpEvidenceContextTest {

    private static final CaseNotePipeline TEXT = new CaseNotePipeline(new OpenNlpModels());
    /** A denial outside the hit's words: the shipped head judges the sentence qualified. */
    private static final String SENTENCE = "Mum denies any drug use and no concerns were raised at the visit.";

    @Test
    void theHeadOverLexicalHitsIsOnUnlessTheSettingTurnsItOff() {
        assertThat(IngestSettings.LEXICAL_CONTEXT_HEAD_DEFAULT).isTrue();
        assertThat(IngestSettings.defaults(Path.of("q")).lexicalContextHead()).isTrue();
        assertThat(IngestSettings.lexicalContextHead(SettingsSource.of(Map.of()))).isTrue();
        IngestSettings off = IngestSettings.defaults(Path.of("q"))
                .withNlp(SettingsSource.of(Map.of(IngestSettings.LEXICAL_CONTEXT_HEAD, "false")));
        assertThat(off.lexicalContextHead()).isFalse();
        assertThat(off.semanticStage()).isEqualTo(IngestSettings.SEMANTIC_STAGE_DEFAULT);
        assertThat(off.batchSize()).isEqualTo(IngestSettings.defaults(Path.of("q")).batchSize());
    }

    @Test
    void onTheShippedHeadJudgesTheHitsSentenceOffTheRulesAlone() {
        NlpEvidenceContext on = NlpEvidenceContext.of(TEXT, IngestSettings.LEXICAL_CONTEXT_HEAD_DEFAULT);
        assertThat(on.hasContextHead()).isTrue();
        var judged = on.judgeSentence(SENTENCE, Set.of("drug"));
        assertThat(judged).isPresent();
        assertThat(judged.orElseThrow().qualified()).isTrue();

        NlpEvidenceContext off = NlpEvidenceContext.of(TEXT, false);
        assertThat(off.hasContextHead()).isFalse();
        assertThat(off.judgeSentence(SENTENCE, Set.of("drug"))).isEmpty();
        // the rules are the same either way
        int start = SENTENCE.indexOf("drug");
        assertThat(off.resolve(SENTENCE, start, start + 4)).isEqualTo(on.resolve(SENTENCE, start, start + 4));
    }
}
