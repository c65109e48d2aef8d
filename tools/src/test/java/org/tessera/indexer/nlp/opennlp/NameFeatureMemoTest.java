package org.tessera.indexer.nlp.opennlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import opennlp.tools.ml.maxent.GISModel;
import opennlp.tools.ml.model.Context;
import opennlp.tools.namefind.BioCodec;
import opennlp.tools.namefind.NameContextGenerator;
import opennlp.tools.namefind.TokenNameFinderFactory;
import opennlp.tools.namefind.TokenNameFinderModel;
import opennlp.tools.util.featuregen.AdditionalContextFeatureGenerator;
import opennlp.tools.util.featuregen.WindowFeatureGenerator;
import org.junit.jupiter.api.Test;
import org.tessera.indexer.nlp.Sentence;
import org.tessera.indexer.nlp.Token;

/** The word memo gives the contexts the model's own feature generators give, in their order. */
class NameFeatureMemoTest {

    private static final OpenNlpModels MODELS = new OpenNlpModels();
    private static final TokenNameFinderModel MODEL = MODELS.entityModel().get();

    private final OpenNlpSentenceSplitter splitter = new OpenNlpSentenceSplitter(MODELS);
    private final OpenNlpTokenizer tokenizer = new OpenNlpTokenizer(MODELS);

    @SuppressWarnings("unchecked")
    private static NameFeatureMemo memo() {
        Object[] data = ((GISModel) MODEL.getArtifact("nameFinder.model")).getDataStructures();
        return NameFeatureMemo.unchecked((Map<String, Context>) data[1], (String[]) data[2]);
    }

    /** The generator NameFinderME builds for the model. */
    private static NameContextGenerator modelGenerator() {
        NameContextGenerator generator = MODEL.getFactory().createContextGenerator();
        AdditionalContextFeatureGenerator additional = new AdditionalContextFeatureGenerator();
        additional.setCurrentContext(new String[0][]);
        generator.addFeatureGenerator(new WindowFeatureGenerator(additional, 8, 8));
        return generator;
    }

    private List<String[]> sentences(List<String> texts) {
        List<String[]> out = new ArrayList<>();
        for (String text : texts) {
            for (Sentence s : splitter.split(text)) {
                out.add(tokenizer.tokenize(s.text()).stream().map(Token::text).toArray(String[]::new));
            }
        }
        return out;
    }

    @Test
    void sameContextsInTheSameOrderAsTheModelsGeneratorsOnTheCorpus() {
        List<String> texts = new ArrayList<>(EquivalenceCorpus.generatedNotes(2000));
        texts.addAll(EquivalenceCorpus.handWrittenNotes());
        texts.addAll(EquivalenceCorpus.edgeCases());
        List<String[]> sentences = sentences(texts);
        assertThat(sentences).hasSizeGreaterThan(20_000);
        assertThat(memo().agreesWith(modelGenerator(), sentences)).isTrue();
    }

    @Test
    void aFullMemoStartsAfreshAndStillAgrees() {
        Object[] data = ((GISModel) MODEL.getArtifact("nameFinder.model")).getDataStructures();
        @SuppressWarnings("unchecked")
        Map<String, Context> parameters = (Map<String, Context>) data[1];
        NameFeatureMemo small = NameFeatureMemo.forModel(MODEL, parameters, (String[]) data[2], modelGenerator(), 5);
        assertThat(small).isNotNull();
        assertThat(small.agreesWith(modelGenerator(), sentences(EquivalenceCorpus.generatedNotes(50)))).isTrue();
        assertThat(small.size()).isLessThanOrEqualTo(5);
    }

    @Test
    void generatorsWithOtherSettingsDisagreeOnTheProbe() {
        List<String[]> sentences = sentences(EquivalenceCorpus.generatedNotes(20));
        NameFeatureMemo memo = memo();
        // (A feature the model never saw, such as S=end, adds nothing, so it is rightly not noticed.)
        assertThat(memo.agreesWith(generatorFor(NameFeatureMemo.DESCRIPTOR), sentences)).isTrue();
        for (String changed : List.of(
                NameFeatureMemo.DESCRIPTOR.replaceFirst("<int name=\"prevLength\">2", "<int name=\"prevLength\">1"),
                NameFeatureMemo.DESCRIPTOR.replace("<bool name=\"lowercase\">true", "<bool name=\"lowercase\">false"),
                NameFeatureMemo.DESCRIPTOR.replaceFirst("<int name=\"length\">3", "<int name=\"length\">2"))) {
            assertThat(memo.agreesWith(generatorFor(changed), sentences)).as(changed).isFalse();
        }
    }

    private static NameContextGenerator generatorFor(String descriptor) {
        return new TokenNameFinderFactory(descriptor.getBytes(StandardCharsets.UTF_8), Map.of(), new BioCodec())
                .createContextGenerator();
    }

    @Test
    void theTesseraModelsDescriptorIsTheOneTheMemoReproduces() {
        byte[] descriptor = MODEL.getArtifact(NameFeatureMemo.DESCRIPTOR_ARTIFACT);
        assertThat(NameFeatureMemo.canonical(descriptor))
                .isEqualTo(NameFeatureMemo.canonical(NameFeatureMemo.DESCRIPTOR.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anyOtherDescriptorIsNot() {
        String known = NameFeatureMemo.canonical(NameFeatureMemo.DESCRIPTOR.getBytes(StandardCharsets.UTF_8));
        for (String changed : List.of(
                NameFeatureMemo.DESCRIPTOR.replace("cache=\"true\"", "cache=\"false\""),
                NameFeatureMemo.DESCRIPTOR.replaceFirst("<int name=\"prevLength\">2", "<int name=\"prevLength\">3"),
                NameFeatureMemo.DESCRIPTOR.replace("<int name=\"length\">3", "<int name=\"length\">4"),
                NameFeatureMemo.DESCRIPTOR.replace("<bool name=\"lowercase\">true", "<bool name=\"lowercase\">false"),
                NameFeatureMemo.DESCRIPTOR.replace(
                        "<generator class=\"opennlp.tools.util.featuregen.DefinitionFeatureGeneratorFactory\"/>", ""))) {
            assertThat(changed).isNotEqualTo(NameFeatureMemo.DESCRIPTOR);
            assertThat(NameFeatureMemo.canonical(changed.getBytes(StandardCharsets.UTF_8))).isNotEqualTo(known);
        }
    }
}
