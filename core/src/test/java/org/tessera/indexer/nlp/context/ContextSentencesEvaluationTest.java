package org.tessera.indexer.nlp.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tessera.indexer.nlp.opennlp.OpenNlpModels;
import org.tessera.indexer.nlp.opennlp.OpenNlpSentenceSplitter;

/**
 * Runs the hand-labelled sentences in {@code nlp/context-sentences.tsv} (written apart from any
 * generator template) through the context analyzer, prints the confusion matrix, and holds
 * the analyzer to the suppression contract the indicators rely on.
 */
class ContextSentencesEvaluationTest {

    record Row(int line, String sentence, String target, ContextLabel expected) {
    }

    static List<Row> rows;
    static List<Row> afterTuning;
    static ContextAnalyzer analyzer;

    @BeforeAll
    static void load() throws IOException {
        analyzer = new ContextAnalyzer(new OpenNlpSentenceSplitter(new OpenNlpModels()),
                TriggerCatalogue.standard(), 2026);
        rows = read("/nlp/context-sentences.tsv");
        afterTuning = read("/nlp/context-sentences-after-tuning.tsv");
    }

    static List<Row> read(String resource) throws IOException {
        List<Row> rows = new ArrayList<>();
        try (InputStream in = ContextSentencesEvaluationTest.class.getResourceAsStream(resource)) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R");
            for (int i = 1; i < lines.length; i++) {
                if (lines[i].isBlank()) {
                    continue;
                }
                String[] f = lines[i].split("\t");
                rows.add(new Row(i + 1, f[0], f[1], ContextLabel.valueOf(f[2].toUpperCase(Locale.ROOT))));
            }
        }
        return rows;
    }

    private static MentionContext contextOf(Row r) {
        int at = r.sentence().toLowerCase(Locale.ROOT).indexOf(r.target().toLowerCase(Locale.ROOT));
        assertThat(at).as("target of line %d", r.line()).isGreaterThanOrEqualTo(0);
        return analyzer.contextOf(r.sentence(), at, at + r.target().length());
    }

    @Test
    void theLabelledSetHasAtLeast300SentencesCoveringEveryLabel() {
        assertThat(rows).hasSizeGreaterThanOrEqualTo(300);
        assertThat(rows.stream().map(Row::expected).distinct()).containsExactlyInAnyOrder(ContextLabel.values());
    }

    record Figures(double suppression, double retention, double accuracy) {
    }

    @Test
    void negatedAndHypotheticalMentionsAreSuppressedAndAffirmedOnesStillFire() {
        Figures f = evaluate("context-sentences.tsv", rows);
        assertThat(f.suppression()).as("share of negated or hypothetical mentions suppressed").isGreaterThanOrEqualTo(0.95);
        assertThat(f.retention()).as("share of affirmed mentions still firing").isGreaterThanOrEqualTo(0.95);
        assertThat(f.accuracy()).as("exact label accuracy").isGreaterThanOrEqualTo(0.85);
    }

    /**
     * The main set guided the trigger list, so its figures flatter the analyzer. These 50
     * sentences were written after the last trigger change and never used to tune it; the bar
     * was fixed before they were first run.
     */
    @Test
    void sentencesWrittenAfterTuningAreStillMostlyRight() {
        Figures f = evaluate("context-sentences-after-tuning.tsv", afterTuning);
        assertThat(f.suppression()).isGreaterThanOrEqualTo(0.85);
        assertThat(f.retention()).isGreaterThanOrEqualTo(0.85);
    }

    private static Figures evaluate(String name, List<Row> rows) {
        Map<ContextLabel, Map<ContextLabel, Integer>> confusion = new EnumMap<>(ContextLabel.class);
        int suppressible = 0;
        int suppressed = 0;
        int affirmed = 0;
        int firing = 0;
        int exact = 0;
        List<String> misses = new ArrayList<>();
        for (Row r : rows) {
            MentionContext c = contextOf(r);
            confusion.computeIfAbsent(r.expected(), k -> new EnumMap<>(ContextLabel.class))
                    .merge(c.label(), 1, Integer::sum);
            if (c.label() == r.expected()) {
                exact++;
            } else {
                misses.add("line " + r.line() + ": expected " + r.expected() + " got " + c.label() + " "
                        + c.triggers() + " | " + r.target() + " | " + r.sentence());
            }
            boolean shouldSuppress = r.expected() == ContextLabel.NEGATED || r.expected() == ContextLabel.HYPOTHETICAL;
            if (shouldSuppress) {
                suppressible++;
                suppressed += c.countsByDefault() ? 0 : 1;
            }
            if (r.expected() == ContextLabel.AFFIRMED) {
                affirmed++;
                firing += c.countsByDefault() ? 1 : 0;
            }
        }
        double suppression = (double) suppressed / suppressible;
        double retention = (double) firing / affirmed;
        StringBuilder sb = new StringBuilder("Context evaluation of " + name + ", " + rows.size() + " sentences\n");
        sb.append(String.format(Locale.ROOT, "%-13s", "expected\\got"));
        for (ContextLabel got : ContextLabel.values()) {
            sb.append(String.format(Locale.ROOT, "%13s", got));
        }
        sb.append('\n');
        for (ContextLabel exp : ContextLabel.values()) {
            sb.append(String.format(Locale.ROOT, "%-13s", exp));
            for (ContextLabel got : ContextLabel.values()) {
                sb.append(String.format(Locale.ROOT, "%13d",
                        confusion.getOrDefault(exp, Map.of()).getOrDefault(got, 0)));
            }
            sb.append('\n');
        }
        sb.append(String.format(Locale.ROOT,
                "negated/hypothetical suppressed: %d/%d = %.3f%naffirmed still firing: %d/%d = %.3f%n"
                        + "exact label accuracy: %d/%d = %.3f%n",
                suppressed, suppressible, suppression, firing, affirmed, retention, exact, rows.size(),
                (double) exact / rows.size()));
        misses.forEach(m -> sb.append("  miss ").append(m).append('\n'));
        System.out.println(sb);
        return new Figures(suppression, retention, (double) exact / rows.size());
    }
}
