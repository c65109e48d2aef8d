package org.tessera.indexer.indicators.evaluation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tessera.indexer.nlp.semantic.ConcernClassifier;

/**
 * The anchors of the classifier's gate {@code anchors} ({@link ConcernClassifier.Head#anchors}), learned from the
 * training items alone: for each concept, the word stems ({@link ConcernClassifier#stems}) that say that concern
 * rather than routine text. A stem is an anchor of a concept when
 * <ul>
 *   <li>affirmed items of the concept hold it, from at least {@value #MIN_WRITERS} writers (one writer's habit or
 *       invented name is not a word of the concern), and it holds no digit (dates, ages, house numbers);</li>
 *   <li>among the items holding it that are not the concept's own (other concerns in any context, distractors,
 *       negatives-only items), few enough: its affirmed items of the concept make at least {@code precision} of the
 *       affirmed items of the concept and the others together.</li>
 * </ul>
 * The concept's own non-affirmed items neither count for nor against a stem (they say the concern too).
 */
public final class AnchorVocabulary {

    static final int MIN_WRITERS = 2;

    private AnchorVocabulary() {
    }

    /** Per concept of {@code concepts} (same order), its anchors learned from {@code train}. */
    public static List<Set<String>> learn(List<ConcernClassifierTrainer.Example> train, List<String> concepts, double precision) {
        Map<String, Integer> holding = new HashMap<>();
        List<Map<String, Integer>> own = new ArrayList<>();
        List<Map<String, Integer>> affirmed = new ArrayList<>();
        List<Map<String, Set<String>>> writers = new ArrayList<>();
        for (int c = 0; c < concepts.size(); c++) {
            own.add(new HashMap<>());
            affirmed.add(new HashMap<>());
            writers.add(new HashMap<>());
        }
        for (ConcernClassifierTrainer.Example e : train) {
            int c = concepts.indexOf(e.item().concern());
            String writer = ContextHeadTrainer.writer(e.item());
            for (String stem : stems(e)) {
                holding.merge(stem, 1, Integer::sum);
                if (c >= 0) {
                    own.get(c).merge(stem, 1, Integer::sum);
                    if (e.item().affirmed()) {
                        affirmed.get(c).merge(stem, 1, Integer::sum);
                        writers.get(c).computeIfAbsent(stem, x -> new HashSet<>()).add(writer);
                    }
                }
            }
        }
        List<Set<String>> out = new ArrayList<>();
        for (int c = 0; c < concepts.size(); c++) {
            Set<String> anchors = new HashSet<>();
            for (Map.Entry<String, Integer> entry : affirmed.get(c).entrySet()) {
                String stem = entry.getKey();
                int a = entry.getValue();
                int others = holding.get(stem) - own.get(c).get(stem);
                if (writers.get(c).get(stem).size() >= MIN_WRITERS && stem.chars().noneMatch(Character::isDigit)
                        && a >= precision * (a + others)) {
                    anchors.add(stem);
                }
            }
            out.add(Set.copyOf(anchors));
        }
        return out;
    }

    /** The word stems of an item's text. */
    static Set<String> stems(ConcernClassifierTrainer.Example e) {
        String text = e.item().text();
        return ConcernClassifier.stems(text, 0, text.length());
    }
}
