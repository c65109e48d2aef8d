package org.tessera.indexer.nlp.opennlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.tessera.indexer.nlp.Sentence;
import org.tessera.indexer.nlp.Token;

class OpenNlpSentenceSplitterTest {

    private static final OpenNlpModels MODELS = new OpenNlpModels();
    private final OpenNlpSentenceSplitter splitter = new OpenNlpSentenceSplitter(MODELS);
    private final OpenNlpTokenizer tokenizer = new OpenNlpTokenizer(MODELS);

    @Test
    void splitsSentencesWithOffsetsIntoTheOriginalText() {
        String text = "Home visit completed. Mum was tearful. Dr. Patel will review on Monday.";
        List<Sentence> sentences = splitter.split(text);
        assertThat(sentences).extracting(Sentence::text)
                .containsExactly("Home visit completed.", "Mum was tearful.", "Dr. Patel will review on Monday.");
        for (Sentence s : sentences) {
            assertThat(text.substring(s.start(), s.end())).isEqualTo(s.text());
        }
    }

    @Test
    void bulletLinesAndBlankLinesAreSentenceBreaksEvenWithoutFullStops() {
        String text = "Actions\n- SW to visit weekly\n- School to monitor attendance\n\nNo further concerns";
        assertThat(splitter.split(text)).extracting(Sentence::text)
                .containsExactly("Actions", "- SW to visit weekly", "- School to monitor attendance", "No further concerns");
    }

    @Test
    void tokenizerSplitsPossessivesOffNames() {
        List<Token> tokens = tokenizer.tokenize("Ryan's mum arrived.");
        assertThat(tokens).extracting(Token::text).startsWith("Ryan", "'s", "mum");
    }

    @Test
    void givesTheSameAnswerFromManyThreadsAtOnce() {
        String text = "Mum disclosed DV. Dad denies it. Police were called at 23:00. Children seen alone.";
        List<Sentence> expected = splitter.split(text);
        List<List<Sentence>> parallel = IntStream.range(0, 200).parallel().mapToObj(i -> splitter.split(text)).toList();
        assertThat(parallel).allSatisfy(r -> assertThat(r).isEqualTo(expected));
    }
}
