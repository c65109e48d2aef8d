package org.tessera.indexer.indicators.evaluation;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.tessera.indexer.indicators.EventPercolator;
import org.tessera.indexer.indicators.IndicatorHit;
import org.tessera.indexer.nlp.semantic.ConceptTagger;

/**
 * Runs a concern corpus through the stream path: each item becomes an event ({@code text}, {@code agency},
 * {@code subject_age}) percolated by the indexer's own {@link EventPercolator} against the stored indicators.
 */
public final class CorpusPercolation {

    private static final int BATCH = 200;

    private CorpusPercolation() {
    }

    public static ConcernEvaluation evaluate(List<ConcernItem> items, ConcernMap map, EventPercolator percolator, HitWeight weight) {
        return evaluate(items, map, percolator, weight, null);
    }

    /** With the semantic stage: each item's event carries the concepts {@code tagger} finds (null: lexical only). */
    public static ConcernEvaluation evaluate(List<ConcernItem> items, ConcernMap map, EventPercolator percolator, HitWeight weight,
                                             ConceptTagger tagger) {
        return ConcernEvaluation.of(items, hits(items, percolator, weight, tagger), map);
    }

    /**
     * Cross-validated figures of the semantic stage with a trained classifier: each item is tagged by
     * the classifier of its fold (trained and calibrated without it) and percolated with the catalogue by
     * {@code percolators.apply(the fold's context head)}, so that the head that reads the lexical hits'
     * sentences (ADR 0027) never saw the item either (null head: the rules alone).
     */
    public static ConcernEvaluation crossValidated(List<ConcernItem> items, ConcernMap map,
                                                   java.util.function.Function<org.tessera.indexer.nlp.semantic.ContextHead, EventPercolator> percolators,
                                                   HitWeight weight,
                                                   org.tessera.indexer.indicators.evaluation.ConcernClassifierTrainer.CrossValidation cv,
                                                   java.util.function.BiFunction<org.tessera.indexer.nlp.semantic.ConcernClassifier,
                                                           org.tessera.indexer.nlp.semantic.ContextHead, ConceptTagger> tagger) {
        List<List<ConcernEvaluation.ItemHit>> hits = new ArrayList<>(Collections.nCopies(items.size(), null));
        for (int f = 0; f < cv.models().size(); f++) {
            if (cv.isSkipped(f)) {
                continue; // a fold left out (Options#onlyWriters): not scored
            }
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                if (cv.fold()[i] == f) {
                    members.add(i);
                }
            }
            List<List<ConcernEvaluation.ItemHit>> found = hits(members.stream().map(items::get).toList(),
                    percolators.apply(cv.contextHeads().get(f)), weight,
                    tagger.apply(cv.models().get(f), cv.contextHeads().get(f)));
            for (int m = 0; m < members.size(); m++) {
                hits.set(members.get(m), found.get(m));
            }
        }
        List<ConcernItem> scored = new ArrayList<>();
        List<List<ConcernEvaluation.ItemHit>> scoredHits = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (hits.get(i) != null) {
                scored.add(items.get(i));
                scoredHits.add(hits.get(i));
            }
        }
        return ConcernEvaluation.of(scored, scoredHits, map);
    }

    /** Each item's hits (indicator, weight factor, matched words), in order. */
    public static List<List<ConcernEvaluation.ItemHit>> hits(List<ConcernItem> items, EventPercolator percolator, HitWeight weight,
                                                            ConceptTagger tagger) {
        List<List<ConcernEvaluation.ItemHit>> hits = new ArrayList<>(items.size());
        for (int from = 0; from < items.size(); from += BATCH) {
            List<ConcernItem> batch = items.subList(from, Math.min(items.size(), from + BATCH));
            List<ObjectNode> events = batch.parallelStream().map(item -> {
                ObjectNode event = event(item);
                if (tagger != null) {
                    ConceptTagger.attach(event, tagger.tag(item.text()));
                }
                return event;
            }).toList();
            List<List<IndicatorHit>> found = percolator.percolate(events);
            for (int i = 0; i < batch.size(); i++) {
                String text = batch.get(i).text();
                hits.add(found.get(i).stream().map(h -> new ConcernEvaluation.ItemHit(h.indicatorId(), weight.factor(h),
                        h.evidenceStart() >= 0 ? text.substring(h.evidenceStart(), h.evidenceEnd()) : h.evidence())).toList());
            }
        }
        return hits;
    }

    static ObjectNode event(ConcernItem item) {
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        event.put("text", item.text());
        if (item.agency() != null) {
            event.put("agency", item.agency());
        }
        if (item.subjectAge() != null) {
            event.put("subject_age", item.subjectAge());
        }
        return event;
    }
}
