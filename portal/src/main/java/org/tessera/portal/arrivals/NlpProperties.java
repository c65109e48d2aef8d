package org.tessera.portal.arrivals;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.tessera.indexer.ingest.pipeline.IngestSettings;

/**
 * How the portal's ingest reads text ({@code tessera.nlp.*}): the same setting as
 * {@code tessera ingest} reads, so an arrival is tagged as a command-line ingest of the same data.
 *
 * @param semanticStage the semantic stage ({@value IngestSettings#SEMANTIC_STAGE}); unset: the
 *                      product's default ({@link IngestSettings#SEMANTIC_STAGE_DEFAULT})
 */
@ConfigurationProperties("tessera.nlp")
public record NlpProperties(Boolean semanticStage) {

    public NlpProperties {
        semanticStage = semanticStage == null ? IngestSettings.SEMANTIC_STAGE_DEFAULT : semanticStage;
    }
}
