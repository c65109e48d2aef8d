package org.tessera.indexer.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tessera.indexer.opensearch.OpenSearchExtension;
import org.tessera.indexer.opensearch.TestOpenSearch;

/** Every shipped indicator's examples through the real percolator: the catalogue's own acceptance test. */
@ExtendWith(OpenSearchExtension.class)
class CatalogueExamplesIT {

    private static final IndicatorCatalogue CATALOGUE = IndicatorCatalogue.loadDefault();

    @BeforeAll
    static void loadCatalogue(TestOpenSearch os) {
        new IndicatorStore(os.connection()).load(CATALOGUE);
    }

    private record Case(Indicator indicator, ObjectNode example, String kind) {
    }

    @Test
    void everyPositiveHitsItsIndicatorEveryNegativeDoesNotAndNegatedOnesHitWithoutCounting(TestOpenSearch os) {
        List<Case> cases = new ArrayList<>();
        for (Indicator indicator : CATALOGUE.enabledQueries()) {
            indicator.examples().positive().forEach(e -> cases.add(new Case(indicator, e, "positive")));
            for (ObjectNode e : indicator.examples().negative()) {
                cases.add(new Case(indicator, e, e.path("negated").asBoolean() ? "negated" : "negative"));
            }
        }
        List<ObjectNode> docs = cases.stream().map(c -> {
            ObjectNode doc = c.example().deepCopy();
            doc.remove("negated");
            return doc;
        }).toList();
        EventPercolator percolator = new EventPercolator(os.connection(), new NegexLiteContextResolver());
        List<List<IndicatorHit>> results = new ArrayList<>();
        for (int from = 0; from < docs.size(); from += 200) {
            results.addAll(percolator.percolate(docs.subList(from, Math.min(docs.size(), from + 200))));
        }

        List<String> failures = new ArrayList<>();
        int negatedCount = 0;
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            IndicatorHit hit = results.get(i).stream().filter(h -> h.indicatorId().equals(c.indicator().id())).findFirst().orElse(null);
            String where = c.indicator().id() + " " + c.kind() + " " + c.example();
            switch (c.kind()) {
                case "positive" -> {
                    if (hit == null) failures.add(where + ": no hit");
                    else if (!hit.counts()) failures.add(where + ": hit but does not count " + hit.context());
                }
                case "negative" -> {
                    if (hit != null) failures.add(where + ": unexpected hit on '" + hit.evidence() + "'");
                }
                default -> {
                    negatedCount++;
                    if (hit == null) failures.add(where + ": negated example should hit");
                    else if (hit.counts()) failures.add(where + ": negated example counts " + hit.context() + " at " + hit.evidenceStart() + "-" + hit.evidenceEnd());
                }
            }
        }
        assertThat(failures).as("%d examples checked", cases.size()).isEmpty();
        assertThat(negatedCount).isGreaterThanOrEqualTo(10);
        assertThat(CATALOGUE.enabledQueries()).hasSizeGreaterThanOrEqualTo(110);
    }

    /**
     * The catalogue's positive examples read by the ingest's context (the case-note pipeline's rules) with the
     * shipped context head over every lexical hit, as an ingest builds it at the setting's default (ADR 0039, on by
     * default): the head may only discount,
     * and it discounts none of the positives (ADR 0039: the seven-writer head, whose discount needs a cue outside the
     * hit's own words; the six-writer head of 2026-12-06 discounted one, NEG10, the five-writer head fifteen).
     */
    @Test
    void theShippedContextHeadOverLexicalHitsDiscountsNoCataloguePositiveExample(TestOpenSearch os) {
        var resolver = NlpEvidenceContext.of(new org.tessera.indexer.nlp.analysis.CaseNotePipeline(
                new org.tessera.indexer.nlp.opennlp.OpenNlpModels()), org.tessera.indexer.ingest.pipeline.IngestSettings.LEXICAL_CONTEXT_HEAD_DEFAULT);
        assertThat(resolver.judgeSentence("There are no concerns.")).as("the shipped head is on the classpath").isPresent();
        List<Case> cases = new ArrayList<>();
        for (Indicator indicator : CATALOGUE.enabledQueries()) {
            indicator.examples().positive().forEach(e -> cases.add(new Case(indicator, e, "positive")));
        }
        EventPercolator percolator = new EventPercolator(os.connection(), resolver);
        List<String> discounted = new ArrayList<>();
        for (int from = 0; from < cases.size(); from += 200) {
            List<Case> batch = cases.subList(from, Math.min(cases.size(), from + 200));
            List<List<IndicatorHit>> results = percolator.percolate(batch.stream().map(Case::example).toList());
            for (int i = 0; i < batch.size(); i++) {
                Case c = batch.get(i);
                results.get(i).stream().filter(h -> h.indicatorId().equals(c.indicator().id()))
                        .filter(h -> !h.counts() && h.evidence() != null && h.evidence().contains("discounted by context head"))
                        .forEach(h -> discounted.add(c.indicator().id() + " " + c.example().path("text").asText()));
            }
        }
        assertThat(discounted).as("%d positive examples read", cases.size()).isEmpty();
    }

    @Test
    void aDocumentTheEngineRejectsIsReportedAloneWhileTheRestOfTheBatchIsPercolated(TestOpenSearch os) throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        List<ObjectNode> batch = List.of(
                (ObjectNode) json.readTree("{\"text\":\"He threatened to kill her.\"}"),
                (ObjectNode) json.readTree("{\"text\":\"Mum was drunk.\",\"shoe_size\":9}"),
                (ObjectNode) json.readTree("{\"text\":\"Home conditions were poor.\"}"));

        EventPercolator.BatchResult result = new EventPercolator(os.connection(), new NegexLiteContextResolver()).percolateIsolating(batch);

        assertThat(result.rejected()).containsOnlyKeys(1);
        assertThat(result.rejected().get(1)).contains("shoe_size");
        assertThat(result.hits().get(0)).extracting(IndicatorHit::indicatorId).contains("PAR06");
        assertThat(result.hits().get(1)).isEmpty();
        assertThat(result.hits().get(2)).extracting(IndicatorHit::indicatorId).contains("NEG02");
    }
}
