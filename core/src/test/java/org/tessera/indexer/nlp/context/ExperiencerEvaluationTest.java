package org.tessera.indexer.nlp.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.tessera.indexer.nlp.opennlp.OpenNlpModels;
import org.tessera.indexer.nlp.opennlp.OpenNlpSentenceSplitter;

/** Whose experience a mention describes, on hand-labelled sentences ({@code nlp/experiencer-sentences.tsv}). */
class ExperiencerEvaluationTest {

    @Test
    void theExperiencerIsRightForMostLabelledSentences() throws IOException {
        ContextAnalyzer analyzer = new ContextAnalyzer(new OpenNlpSentenceSplitter(new OpenNlpModels()),
                TriggerCatalogue.standard(), 2026);
        String[] lines;
        try (InputStream in = getClass().getResourceAsStream("/nlp/experiencer-sentences.tsv")) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R");
        }
        int total = 0;
        int right = 0;
        List<String> misses = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split("\t");
            int at = f[0].indexOf(f[1]);
            assertThat(at).as("target of line %d", i + 1).isGreaterThanOrEqualTo(0);
            Experiencer expected = Experiencer.valueOf(f[2].toUpperCase(Locale.ROOT));
            Experiencer got = analyzer.contextOf(f[0], at, at + f[1].length()).experiencer();
            total++;
            if (got == expected) {
                right++;
            } else {
                misses.add("line " + (i + 1) + ": expected " + expected + " got " + got + " | " + f[0]);
            }
        }
        System.out.printf(Locale.ROOT, "experiencer: %d/%d right%n", right, total);
        misses.forEach(m -> System.out.println("  miss " + m));
        assertThat(total).isGreaterThanOrEqualTo(30);
        assertThat((double) right / total).isGreaterThanOrEqualTo(0.85);
    }
}
