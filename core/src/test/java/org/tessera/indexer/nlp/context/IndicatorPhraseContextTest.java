package org.tessera.indexer.nlp.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tessera.indexer.nlp.opennlp.OpenNlpModels;
import org.tessera.indexer.nlp.opennlp.OpenNlpSentenceSplitter;

/**
 * Many indicator phrases carry a negation word themselves ("no access", "not brought", "no
 * food in the house"); the analyzer must not suppress them because of their own words.
 */
class IndicatorPhraseContextTest {

    @Test
    void indicatorPhrasesContainingNegationWordsStillCountInPlainSentences() throws IOException {
        ContextAnalyzer analyzer = new ContextAnalyzer(new OpenNlpSentenceSplitter(new OpenNlpModels()),
                TriggerCatalogue.standard(), 2026);
        String[] lines;
        try (InputStream in = getClass().getResourceAsStream("/nlp/indicator-phrases-with-negation-words.tsv")) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R");
        }
        List<String> suppressed = new ArrayList<>();
        int checked = 0;
        for (String line : lines) {
            if (line.startsWith("#") || line.startsWith("sentence\t") || line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t");
            int at = f[0].indexOf(f[1]);
            assertThat(at).as(line).isGreaterThanOrEqualTo(0);
            checked++;
            MentionContext c = analyzer.contextOf(f[0], at, at + f[1].length());
            if (!c.countsByDefault()) {
                suppressed.add(f[1] + " " + c.triggers() + " | " + f[0]);
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(15);
        assertThat(suppressed).isEmpty();
    }

    @Test
    void aNegationBeforeSuchAPhraseStillSuppressesIt() {
        ContextAnalyzer analyzer = new ContextAnalyzer(new OpenNlpSentenceSplitter(new OpenNlpModels()),
                TriggerCatalogue.standard(), 2026);
        String text = "There is no suggestion that Olivia was not brought to appointments.";
        int at = text.indexOf("not brought");
        assertThat(analyzer.contextOf(text, at, at + "not brought".length()).negated()).isTrue();
    }
}
