package org.tessera.indexer.indicators.evaluation;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.tessera.indexer.indicators.EvidenceContextResolver;
import org.tessera.indexer.nlp.semantic.ConceptCatalogue;
import org.tessera.indexer.nlp.semantic.ConcernClassifier;
import org.tessera.indexer.nlp.semantic.SentenceEncoder;

/**
 * How often a classifier's heads fire on held-out routine text (issue #20, session 17): sentences of ordinary agency business
 * that are no concern and that no head was trained on or had its threshold chosen on ({@code train-classifier
 * --routine-heldout FILE}; {@link ConcernCorpus#ROUTINE_HELD_OUT}). A sentence is fired on when some head matches it as the
 * stage would ({@link ConcernClassifierTrainer#matchingHeads}) at any weight its context leaves (a reduced match still adds
 * points to a child in the county).
 *
 * @param sentences the routine sentences read
 * @param fired     how many of them some head matched
 * @param matches   per concept, how many it matched
 */
public record RoutineFiring(int sentences, int fired, Map<String, Integer> matches) {

    public RoutineFiring {
        matches = Map.copyOf(matches);
    }

    /** A held-out routine file's items, embedded and judged. */
    public record Routine(String file, List<ConcernClassifierTrainer.Example> examples) {
        public Routine {
            examples = List.copyOf(examples);
        }
    }

    /**
     * Reads held-out routine files: every item must be {@code none} (else the file, item and id are named); one provenance line
     * each, marked as read only to report.
     */
    public static List<Routine> read(List<Path> files, ConceptCatalogue catalogue, SentenceEncoder encoder, EvidenceContextResolver contexts,
                                     List<String> provenance) throws IOException {
        List<Routine> out = new ArrayList<>();
        for (Path file : files) {
            List<ConcernItem> items = ConcernCorpus.read(file);
            for (int i = 0; i < items.size(); i++) {
                if (!items.get(i).distractor()) {
                    throw new IllegalArgumentException(file + " item " + (i + 1) + " (" + items.get(i).id() + "): held-out routine text "
                            + "holds concern none only, found " + items.get(i).concern());
                }
            }
            provenance.add(file.toString().replace('\\', '/') + " sha256:" + ConcernClassifierTraining.sha256(file) + " (" + items.size()
                    + " items, held-out routine text: never trained on, read only to report how often the heads fire)");
            out.add(new Routine(file.getFileName().toString(), ConcernClassifierTrainer.examples(items, catalogue, encoder, contexts)));
        }
        return out;
    }

    /** How often {@code model} fires on {@code examples}. */
    public static RoutineFiring of(ConcernClassifier model, List<ConcernClassifierTrainer.Example> examples) {
        int fired = 0;
        Map<String, Integer> matches = new TreeMap<>();
        for (ConcernClassifierTrainer.Example e : examples) {
            boolean any = false;
            for (int c : ConcernClassifierTrainer.matchingHeads(model, e)) {
                if (e.factor()[c] > 0) {
                    matches.merge(model.heads().get(c).concept(), 1, Integer::sum);
                    any = true;
                }
            }
            fired += any ? 1 : 0;
        }
        return new RoutineFiring(examples.size(), fired, matches);
    }

    /** The share of sentences fired on. */
    public double rate() {
        return sentences == 0 ? 0 : (double) fired / sentences;
    }

    /** "fired on 3 of 488 sentences (0.6 %); neglect 2, self_harm 1". */
    public String render() {
        return String.format(Locale.ROOT, "fired on %d of %d sentences (%.1f %%)%s", fired, sentences, 100 * rate(),
                matches.isEmpty() ? "" : "; " + matches.entrySet().stream()
                        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                        .map(m -> m.getKey() + " " + m.getValue()).collect(Collectors.joining(", ")));
    }

    /**
     * Prints, per held-out routine file, how often each scored fold's classifier fires on it, and returns a summary for the
     * provenance (empty without routine files): the folds' sentences fired on, summed, over the sentences times the folds.
     */
    static String summary(List<Routine> routine, ConcernClassifierTrainer.CrossValidation cv, PrintStream out, String label) {
        StringBuilder summary = new StringBuilder();
        for (Routine r : routine) {
            int fired = 0, read = 0;
            for (int f = 0; f < cv.models().size(); f++) {
                if (cv.isSkipped(f) || cv.models().get(f) == null) {
                    continue;
                }
                RoutineFiring firing = of(cv.models().get(f), r.examples());
                out.printf(Locale.ROOT, "  %s, %s, %s: %s%n", r.file(), label, cv.names().get(f), firing.render());
                fired += firing.fired();
                read += firing.sentences();
            }
            String line = String.format(Locale.ROOT, "held-out routine text %s (%s): fired on %d of %d (%.2f %%) over the folds", r.file(),
                    label, fired, read, read == 0 ? 0 : 100.0 * fired / read);
            out.println(line);
            summary.append("; ").append(line);
        }
        return summary.toString();
    }
}
