package org.tessera.indexer.indicators.evaluation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tessera.indexer.indicators.EvidenceContext;
import org.tessera.indexer.indicators.EvidenceContextResolver;
import org.tessera.indexer.nlp.semantic.Concept;
import org.tessera.indexer.nlp.semantic.ConceptTagger;

/**
 * Chooses each semantic concept's threshold on a DEVELOPMENT corpus (never the held-out one): the
 * cosine at which the concept's affirmed items gained, minus the items it would wrongly make count
 * at full weight, is largest. A wrong item is a non-affirmed item of the concept's own concern or a
 * {@code none} distractor (cost 2: the evaluation's targets), or an item of another concern (cost 0.5:
 * noise on the county's watchlist). Ties go to the higher threshold; thresholds stay within
 * [{@value #LOWEST}, {@value #HIGHEST}].
 */
public final class ConceptCalibration {

    static final double LOWEST = 0.50;
    static final double HIGHEST = 0.85;

    private ConceptCalibration() {
    }

    /** One concept's chosen threshold with what it gains and costs on the corpus. */
    public record Choice(Concept concept, double threshold, int gained, int wrongSameConcern, int wrongDistractor, int wrongOtherConcern) {
    }

    private record Scored(ConcernItem item, double similarity, boolean fullWeight, boolean beatsBackground) {
    }

    public static List<Choice> calibrate(List<ConcernItem> items, ConcernMap map, ConceptTagger tagger, EvidenceContextResolver contexts) {
        Map<String, List<Scored>> byConcept = new LinkedHashMap<>();
        tagger.catalogue().concepts().forEach(c -> byConcept.put(c.id(), new ArrayList<>()));
        List<List<ConceptTagger.Candidate>> candidates = items.parallelStream().map(i -> tagger.candidates(i.text())).toList();
        for (int i = 0; i < items.size(); i++) {
            ConcernItem item = items.get(i);
            Map<String, Scored> best = new LinkedHashMap<>();
            for (ConceptTagger.Candidate candidate : candidates.get(i)) {
                boolean full = true;
                List<Integer> anchors = candidate.anchors();
                for (int a = 0; a + 1 < anchors.size(); a += 2) {
                    EvidenceContext context = contexts.resolve(item.text(), anchors.get(a), anchors.get(a + 1));
                    full &= context.counts() && !context.historical() && !context.uncertain();
                }
                Scored scored = new Scored(item, candidate.similarity(), full, candidate.similarity() > candidate.background());
                best.merge(candidate.concept().id(), scored, (a, b) -> rank(b) > rank(a) ? b : a);
            }
            best.forEach((id, scored) -> byConcept.get(id).add(scored));
        }
        List<Choice> choices = new ArrayList<>();
        for (Concept concept : tagger.catalogue().concepts()) {
            List<String> concerns = map.indicators().entrySet().stream().filter(e -> e.getValue().contains(concept.indicator()))
                    .map(Map.Entry::getKey).toList();
            Choice chosen = null;
            double bestValue = Double.NEGATIVE_INFINITY;
            for (int step = 0; LOWEST + step * 0.01 <= HIGHEST + 1e-9; step++) {
                double threshold = Math.round((LOWEST + step * 0.01) * 100) / 100.0;
                int gained = 0, same = 0, distractor = 0, other = 0;
                for (Scored s : byConcept.get(concept.id())) {
                    if (s.similarity < threshold || !s.fullWeight || !s.beatsBackground) {
                        continue;
                    }
                    boolean own = concerns.contains(s.item.concern());
                    if (own && s.item.affirmed()) gained++;
                    else if (own) same++;
                    else if (s.item.distractor()) distractor++;
                    else other++;
                }
                double value = gained - 2.0 * (same + distractor) - 0.5 * other;
                if (value >= bestValue) {
                    bestValue = value;
                    chosen = new Choice(concept, threshold, gained, same, distractor, other);
                }
            }
            choices.add(chosen);
        }
        return choices;
    }

    private static double rank(Scored s) {
        return s.similarity;
    }

    public static String render(List<Choice> choices) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-24s %-6s %9s %7s %9s %11s %12s%n",
                "concept", "ind.", "threshold", "gained", "own non-", "distractors", "other concern"));
        for (Choice c : choices) {
            out.append(String.format(Locale.ROOT, "%-24s %-6s %9.2f %7d %9d %11d %12d%n", c.concept().id(), c.concept().indicator(),
                    c.threshold(), c.gained(), c.wrongSameConcern(), c.wrongDistractor(), c.wrongOtherConcern()));
        }
        return out.toString();
    }
}
