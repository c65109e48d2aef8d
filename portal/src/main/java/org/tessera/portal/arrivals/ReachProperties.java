package org.tessera.portal.arrivals;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.tessera.indexer.ingest.pipeline.IngestSettings;

/**
 * How far an arrival's linkage may read the feed store ({@code tessera.linkage.*}): the same setting as {@code tessera ingest}
 * reads (docs/operations.md, ADR 0057).
 *
 * @param maxReachRecords the stored records one step of an arrival's reach reads at most
 *                        ({@value IngestSettings#MAX_REACH_RECORDS}); unset: {@link IngestSettings#MAX_REACH_RECORDS_DEFAULT};
 *                        past it the day is refused with the count, nothing applied
 */
@ConfigurationProperties("tessera.linkage")
public record ReachProperties(Long maxReachRecords) {

    public ReachProperties {
        maxReachRecords = maxReachRecords == null ? IngestSettings.MAX_REACH_RECORDS_DEFAULT : maxReachRecords;
        if (maxReachRecords < 1) {
            throw new IllegalArgumentException(IngestSettings.MAX_REACH_RECORDS + " must be a positive number of records, not " + maxReachRecords);
        }
    }
}
