package org.tessera.indexer.nlp.opennlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import opennlp.tools.namefind.BioCodec;
import opennlp.tools.namefind.NameFinderME;
import opennlp.tools.namefind.NameSample;
import opennlp.tools.namefind.TokenNameFinderFactory;
import opennlp.tools.namefind.TokenNameFinderModel;
import opennlp.tools.util.ObjectStreamUtils;
import opennlp.tools.util.Span;
import opennlp.tools.util.TrainingParameters;
import org.junit.jupiter.api.Test;
import org.tessera.indexer.nlp.EntityMention;
import org.tessera.indexer.nlp.EntityType;
import org.tessera.indexer.nlp.Sentence;
import org.tessera.indexer.nlp.Token;
import org.tessera.indexer.nlp.training.AnnotatedNote;
import org.tessera.indexer.nlp.training.CaseNoteTemplateGenerator;
import org.tessera.indexer.nlp.training.TemplateFamily;

/**
 * The decoder gives exactly NameFinderME's spans, span probabilities and per-token
 * probabilities, sentence after sentence with the adaptive data both keep.
 */
class ExactBeamNameDecoderTest {

    private static final OpenNlpModels MODELS = new OpenNlpModels();
    private static final TokenNameFinderModel MODEL = MODELS.entityModel().get();

    private final OpenNlpSentenceSplitter splitter = new OpenNlpSentenceSplitter(MODELS);
    private final OpenNlpTokenizer tokenizer = new OpenNlpTokenizer(MODELS);

    /** Documents as the entity finder sees them: sentences of tokens. */
    private List<List<String[]>> documents(List<String> texts) {
        List<List<String[]>> out = new ArrayList<>();
        for (String text : texts) {
            List<String[]> sentences = new ArrayList<>();
            for (Sentence s : splitter.split(text)) {
                List<Token> tokens = tokenizer.tokenize(s.text());
                sentences.add(tokens.stream().map(Token::text).toArray(String[]::new));
            }
            out.add(sentences);
        }
        return out;
    }

    private record Compared(long sentences, long tokens, long spans) {
    }

    /**
     * Runs both over the documents, clearing adaptive data at each document when asked (as the
     * entity finder does) or carrying it across all of them.
     */
    private static Compared assertSameAsNameFinderMe(TokenNameFinderModel model, List<List<String[]>> documents,
                                                     boolean clearPerDocument) {
        NameFinderME stock = new NameFinderME(model);
        ExactBeamNameDecoder decoder = new ExactBeamNameDecoder(model);
        long sentences = 0;
        long tokens = 0;
        long spans = 0;
        for (int d = 0; d < documents.size(); d++) {
            if (clearPerDocument) {
                stock.clearAdaptiveData();
                decoder.clearAdaptiveData();
            }
            for (String[] words : documents.get(d)) {
                Span[] expected = stock.find(words);
                double[] expectedProbs = stock.probs();
                Span[] actual = decoder.find(words);
                String where = "document " + d + ": " + String.join(" ", words);
                assertThat(describe(actual)).as(where).isEqualTo(describe(expected));
                assertThat(bits(decoder.probs())).as(where).isEqualTo(bits(expectedProbs));
                sentences++;
                tokens += words.length;
                spans += expected.length;
            }
        }
        return new Compared(sentences, tokens, spans);
    }

    /** Span.equals ignores the probability; compare it bit for bit too. */
    private static List<String> describe(Span[] spans) {
        return Arrays.stream(spans).map(s -> s.getStart() + ".." + s.getEnd() + " " + s.getType() + " "
                + Long.toHexString(Double.doubleToRawLongBits(s.getProb()))).toList();
    }

    private static long[] bits(double[] values) {
        return Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray();
    }

    @Test
    void sameSpansAndProbabilitiesAsNameFinderMeOnGeneratedAndHandWrittenNotes() {
        List<String> texts = new ArrayList<>(EquivalenceCorpus.generatedNotes(2000));
        texts.addAll(EquivalenceCorpus.handWrittenNotes());
        Compared c = assertSameAsNameFinderMe(MODEL, documents(texts), true);
        System.out.printf("name finder equivalence: %d notes, %d sentences, %d tokens, %d spans compared%n",
                texts.size(), c.sentences(), c.tokens(), c.spans());
        assertThat(c.tokens()).isGreaterThan(200_000);
        assertThat(c.spans()).isGreaterThan(10_000);
    }

    @Test
    void sameWhenAdaptiveDataCarriesAcrossHundredsOfNotes() {
        List<String> texts = EquivalenceCorpus.generatedNotes(300);
        Compared c = assertSameAsNameFinderMe(MODEL, documents(texts), false);
        assertThat(c.sentences()).isGreaterThan(1000);
    }

    @Test
    void sameOnEdgeCases() {
        List<List<String[]>> documents = new ArrayList<>(documents(EquivalenceCorpus.edgeCases()));
        documents.add(List.of(
                new String[0],
                new String[] {"."},
                new String[] {"Mia"},
                new String[] {"Mia", "Ali"},
                new String[] {",", ",", ",", "Mia", ",", ",", "Ali", ",", ","},
                new String[] {"'s", "\u2019s", "-", "Ali", "'s"}));
        // The same array twice: NameFinderME's feature cache keys on the array, so the second call
        // answers from features computed before the first call's adaptive update.
        String[] again = {"Mia", "Ali", "visited", "Stroud", "with", "Mia", "."};
        documents.add(List.of(again, again, again.clone(), again));
        Compared c = assertSameAsNameFinderMe(MODEL, documents, true);
        assertThat(c.sentences()).isGreaterThan(30);
    }

    @Test
    void theTesseraModelIsOneTheDecoderCovers() {
        assertThat(ExactBeamNameDecoder.supports(MODEL)).isTrue();
    }

    @Test
    void theTesseraModelsFeaturesComeFromTheWordMemo() {
        // so that the equivalence tests above check the memo, not only the generic path
        assertThat(new ExactBeamNameDecoder(MODEL).memoisesWords()).isTrue();
        assertThat(new ExactBeamNameDecoder(MODEL, false).memoisesWords()).isFalse();
    }

    @Test
    void theGenericPathGivesTheSameAsNameFinderMeForTheTesseraModelToo() {
        List<String> texts = new ArrayList<>(EquivalenceCorpus.generatedNotes(200));
        texts.addAll(EquivalenceCorpus.edgeCases());
        NameFinderME stock = new NameFinderME(MODEL);
        ExactBeamNameDecoder generic = new ExactBeamNameDecoder(MODEL, false);
        for (List<String[]> document : documents(texts)) {
            stock.clearAdaptiveData();
            generic.clearAdaptiveData();
            for (String[] words : document) {
                assertThat(describe(generic.find(words))).isEqualTo(describe(stock.find(words)));
            }
        }
    }

    @Test
    void sameOnSmallGisModelsWithOtherFeatureSetups() throws IOException {
        byte[] descriptor = MODEL.getArtifact("generator.featuregen");
        byte[] uncached = new String(descriptor, StandardCharsets.UTF_8)
                .replace("cache=\"true\"", "cache=\"false\"").getBytes(StandardCharsets.UTF_8);
        assertThat(uncached).isNotEqualTo(descriptor);
        List<List<String[]>> documents = documents(EquivalenceCorpus.generatedNotes(150));
        documents.addAll(documents(EquivalenceCorpus.edgeCases()));
        // OpenNLP's default feature generators; then Tessera's without the per-token feature cache,
        // so that NameFinderME asks the generators once per candidate.
        for (byte[] features : new byte[][] {null, uncached}) {
            TokenNameFinderModel small = train(features, TrainingParameters.defaultParams());
            assertThat(ExactBeamNameDecoder.supports(small)).isTrue();
            assertThat(new ExactBeamNameDecoder(small).memoisesWords()).isFalse();
            assertSameAsNameFinderMe(small, documents, true);
        }
    }

    @Test
    void aModelTheDecoderDoesNotCoverIsLeftToNameFinderMe() throws IOException {
        TrainingParameters perceptron = TrainingParameters.defaultParams();
        perceptron.put(TrainingParameters.ALGORITHM_PARAM, "PERCEPTRON");
        TokenNameFinderModel small = train(null, perceptron);
        assertThat(ExactBeamNameDecoder.supports(small)).isFalse();
        OpenNlpEntityFinder finder = new OpenNlpEntityFinder(splitter, tokenizer, () -> small);
        assertThat(finder.find("Mia Ali visited Stroud with her mum.")).isNotNull();
    }

    /** A quick model from generated training notes: one sample per sentence, gold widened to tokens. */
    private TokenNameFinderModel train(byte[] features, TrainingParameters params) throws IOException {
        Set<EntityType> modelTypes = Set.of(EntityType.PERSON, EntityType.LOCATION, EntityType.ORGANISATION);
        List<NameSample> samples = new ArrayList<>();
        for (AnnotatedNote note : new CaseNoteTemplateGenerator(TemplateFamily.TRAINING, 99).notes(300)) {
            boolean first = true;
            for (Sentence s : splitter.split(note.text())) {
                List<Token> tokens = tokenizer.tokenize(s.text());
                List<Span> names = new ArrayList<>();
                for (EntityMention g : note.entities()) {
                    int from = -1;
                    int to = -1;
                    for (int t = 0; t < tokens.size() && modelTypes.contains(g.type()); t++) {
                        if (s.start() + tokens.get(t).start() < g.end() && g.start() < s.start() + tokens.get(t).end()) {
                            from = from < 0 ? t : from;
                            to = t + 1;
                        }
                    }
                    if (from >= 0) {
                        names.add(new Span(from, to, g.type().modelName()));
                    }
                }
                String[] words = tokens.stream().map(Token::text).toArray(String[]::new);
                samples.add(new NameSample(words, names.toArray(Span[]::new), first));
                first = false;
            }
        }
        params.put(TrainingParameters.ITERATIONS_PARAM, 30);
        params.put(TrainingParameters.CUTOFF_PARAM, 1);
        params.put(TrainingParameters.THREADS_PARAM, 1);
        TokenNameFinderFactory factory = TokenNameFinderFactory.create(null, features, Map.of(), new BioCodec());
        return NameFinderME.train("en", null, ObjectStreamUtils.createObjectStream(samples), params, factory);
    }
}
