package org.tessera.indexer.nlp.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The word heads' features (ADR 0044): stems of five characters, numbers as one feature, adjacent pairs, and the words behind them. */
class WordFeaturesTest {

    @Test
    void aSentenceIsItsStemsAndAdjacentStemPairsWithNumbersAsOne() {
        assertThat(WordFeatures.of("Tegan's OVERDOSE of 32 tablets")).containsExactly("tegan", "overd", "tegan overd", "of", "overd of",
                "<n>", "of <n>", "table", "<n> table");
        assertThat(WordFeatures.of("Cut to forehead from fall.")).contains("from fall", "foreh", "cut to");
        assertThat(WordFeatures.of("  ")).isEmpty();
        // the anchors' stems are the same stems, digits kept
        assertThat(ConcernClassifier.stems("Tegan's OVERDOSE of 32 tablets", 0, 30)).containsExactlyInAnyOrder("tegan", "overd", "of", "32",
                "table");
    }

    @Test
    void aFeatureIsShownAsTheWordsThatGaveIt() {
        String text = "Note. She has been Cutting her arms.";
        assertThat(WordFeatures.surface(text, 6, text.length(), "cutti her")).isEqualTo("Cutting her");
        assertThat(WordFeatures.surface(text, 6, text.length(), "arms")).isEqualTo("arms");
        assertThat(WordFeatures.surface(text, 6, text.length(), "note")).isEqualTo("note"); // outside the sentence: the feature itself
        assertThat(WordFeatures.surface("Aged 15, missing overnight.", 0, 27, "<n> missi")).isEqualTo("15, missing");
    }

    @Test
    void onlyFeaturesTheReaderCanGiveAreValid() {
        assertThat(WordFeatures.valid("cutti")).isTrue();
        assertThat(WordFeatures.valid("cutti her")).isTrue();
        assertThat(WordFeatures.valid("<n> table")).isTrue();
        assertThat(WordFeatures.valid("Cutti")).isFalse();
        assertThat(WordFeatures.valid("cutting")).isFalse();
        assertThat(WordFeatures.valid("a b c")).isFalse();
        assertThat(WordFeatures.valid("")).isFalse();
        assertThat(WordFeatures.valid("a  b")).isFalse();
    }
}
