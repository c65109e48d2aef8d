package org.tessera.indexer.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.tessera.indexer.evaluation.NameNote.Span;
import org.tessera.indexer.nlp.EntityType;
import org.tessera.indexer.nlp.analysis.TextAnalyzer;
import org.tessera.indexer.nlp.training.MatchCounts;

/**
 * PERSON spans found in annotated notes against their gold names, per agency voice and overall.
 * Exact: a found span counts only when its start and end both match a gold name. Overlap: a found
 * span counts when it overlaps a gold name, and a gold name is recalled when a found span overlaps
 * it. Not thread-safe; one per run.
 */
public final class NameEvaluation {

    /** One error: a gold name not found exactly (MISS) or a found span that is no gold name (FALSE). */
    public record Error(String kind, String noteId, String voice, String text, String context) {
    }

    private final Map<String, MatchCounts[]> byVoice = new TreeMap<>();
    private final Map<String, Integer> goldByVoice = new TreeMap<>();
    private final List<Error> errors = new ArrayList<>();

    /** Scores {@code finder} (text to its PERSON spans) on every note. */
    public static NameEvaluation of(List<NameNote> notes, Function<String, List<Span>> finder) {
        NameEvaluation e = new NameEvaluation();
        for (NameNote note : notes) {
            e.add(note, finder.apply(note.text()));
        }
        return e;
    }

    /** The PERSON spans a text analyzer (the shipped case-note pipeline) finds in {@code text}. */
    public static List<Span> persons(TextAnalyzer analyzer, String text) {
        return analyzer.analyze(text).entities(EntityType.PERSON).stream().map(m -> new Span(m.start(), m.end())).toList();
    }

    void add(NameNote note, List<Span> found) {
        List<Span> gold = note.names();
        int exactTp = 0;
        int overlapTpFound = 0;
        for (Span f : found) {
            if (gold.contains(f)) {
                exactTp++;
            } else {
                errors.add(error("FALSE", note, f));
            }
            if (gold.stream().anyMatch(f::overlaps)) {
                overlapTpFound++;
            }
        }
        int overlapRecalled = 0;
        for (Span g : gold) {
            if (!found.contains(g)) {
                errors.add(error("MISS", note, g));
            }
            if (found.stream().anyMatch(g::overlaps)) {
                overlapRecalled++;
            }
        }
        MatchCounts exact = new MatchCounts(exactTp, found.size() - exactTp, gold.size() - exactTp);
        // Overlap precision counts found spans, overlap recall counts gold names: one span may
        // cover two names ("Jade and Connor Price") and two spans one name.
        MatchCounts overlap = new MatchCounts(overlapRecalled, found.size() - overlapTpFound, gold.size() - overlapRecalled);
        MatchCounts overlapPrecision = new MatchCounts(overlapTpFound, found.size() - overlapTpFound, 0);
        byVoice.merge(note.voice(), new MatchCounts[] {exact, overlap, overlapPrecision},
                (a, b) -> new MatchCounts[] {a[0].plus(b[0]), a[1].plus(b[1]), a[2].plus(b[2])});
        goldByVoice.merge(note.voice(), gold.size(), Integer::sum);
    }

    private static Error error(String kind, NameNote note, Span s) {
        int from = Math.max(0, s.start() - 30);
        int to = Math.min(note.text().length(), s.end() + 30);
        String context = (note.text().substring(from, s.start()) + "[" + note.text().substring(s.start(), s.end()) + "]"
                + note.text().substring(s.end(), to)).replace('\n', ' ');
        return new Error(kind, note.id(), note.voice(), note.text().substring(s.start(), s.end()), context);
    }

    /** Exact counts of one voice, or overall for {@code null}. */
    public MatchCounts exact(String voice) {
        return pick(voice, 0);
    }

    /** Precision over found spans overlapping a gold name; recall over gold names overlapped by a found span. */
    public double[] overlap(String voice) {
        MatchCounts r = pick(voice, 1);
        MatchCounts p = pick(voice, 2);
        double precision = p.precision();
        double recall = r.recall();
        return new double[] {precision, recall, MatchCounts.f1(precision, recall)};
    }

    private MatchCounts pick(String voice, int i) {
        MatchCounts sum = MatchCounts.NONE;
        for (Map.Entry<String, MatchCounts[]> e : byVoice.entrySet()) {
            if (voice == null || e.getKey().equals(voice)) {
                sum = sum.plus(e.getValue()[i]);
            }
        }
        return sum;
    }

    public List<Error> errors() {
        return List.copyOf(errors);
    }

    /** The per-voice and overall table, as Markdown. */
    public String table() {
        StringBuilder sb = new StringBuilder();
        sb.append("| voice | gold | exact P | exact R | exact F1 | overlap P | overlap R | overlap F1 |\n");
        sb.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (String voice : byVoice.keySet()) {
            row(sb, voice, voice, goldByVoice.get(voice));
        }
        row(sb, "**overall**", null, goldByVoice.values().stream().mapToInt(Integer::intValue).sum());
        return sb.toString();
    }

    private void row(StringBuilder sb, String label, String voice, int gold) {
        MatchCounts e = exact(voice);
        double[] o = overlap(voice);
        sb.append(String.format(Locale.ROOT, "| %s | %d | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f |%n",
                label, gold, e.precision(), e.recall(), e.f1(), o[0], o[1], o[2]));
    }
}
