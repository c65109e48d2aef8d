package org.tessera.indexer.nlp.opennlp;

import java.util.function.Supplier;
import opennlp.tools.namefind.TokenNameFinderModel;
import opennlp.tools.sentdetect.SentenceModel;
import opennlp.tools.tokenize.TokenizerModel;

/**
 * The OpenNLP models Tessera uses, each loaded lazily and once per instance from the classpath.
 * Create one instance per application and share it; models are immutable once loaded.
 *
 * <p>The sentence and token models come from the released Apache OpenNLP English models
 * ({@code opennlp-models-sentdetect-en}, {@code opennlp-models-tokenizer-en} 1.3.0, UD EWT);
 * the entity model is Tessera's own, trained by {@code NerModelTrainer} and packaged from
 * the top-level {@code nlp-models/} folder.
 */
public final class OpenNlpModels {

    public static final String SENTENCE_MODEL = "opennlp-en-ud-ewt-sentence-1.3-2.5.4.bin";
    public static final String TOKEN_MODEL = "opennlp-en-ud-ewt-tokens-1.3-2.5.4.bin";
    public static final String ENTITY_MODEL = "nlp-models/en-ner-tessera.bin";

    private final ModelResource<SentenceModel> sentence;
    private final ModelResource<TokenizerModel> token;
    private final ModelResource<TokenNameFinderModel> entity;

    public OpenNlpModels() {
        this(SENTENCE_MODEL, TOKEN_MODEL, ENTITY_MODEL);
    }

    public OpenNlpModels(String sentenceResource, String tokenResource, String entityResource) {
        this.sentence = new ModelResource<>(sentenceResource, SentenceModel::new);
        this.token = new ModelResource<>(tokenResource, TokenizerModel::new);
        this.entity = new ModelResource<>(entityResource, TokenNameFinderModel::new);
    }

    public Supplier<SentenceModel> sentenceModel() {
        return sentence;
    }

    public Supplier<TokenizerModel> tokenizerModel() {
        return token;
    }

    public Supplier<TokenNameFinderModel> entityModel() {
        return entity;
    }
}
