package org.tessera.portal.arrivals;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.tessera.indexer.ingest.pipeline.IngestSettings;

/**
 * How the portal reads text ({@code tessera.nlp.*}): the same settings as {@code tessera ingest}
 * reads, so an arrival is tagged, and the indicator test bench judges a hit, as a command-line ingest
 * of the same data.
 *
 * @param semanticStage      the semantic stage ({@value IngestSettings#SEMANTIC_STAGE}); unset: the
 *                           product's default ({@link IngestSettings#SEMANTIC_STAGE_DEFAULT})
 * @param lexicalContextHead the context head over lexical hits ({@value IngestSettings#LEXICAL_CONTEXT_HEAD});
 *                           unset: the product's default ({@link IngestSettings#LEXICAL_CONTEXT_HEAD_DEFAULT})
 */
@ConfigurationProperties("tessera.nlp")
public record NlpProperties(Boolean semanticStage, Boolean lexicalContextHead) {

    public NlpProperties {
        semanticStage = semanticStage == null ? IngestSettings.SEMANTIC_STAGE_DEFAULT : semanticStage;
        lexicalContextHead = lexicalContextHead == null ? IngestSettings.LEXICAL_CONTEXT_HEAD_DEFAULT : lexicalContextHead;
    }

    /** The product's defaults. */
    public static NlpProperties defaults() {
        return new NlpProperties(null, null);
    }
}
