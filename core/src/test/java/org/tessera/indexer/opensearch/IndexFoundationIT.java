package org.tessera.indexer.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tessera.indexer.opensearch.OpenSearchConnection.RawResponse;
import org.tessera.indexer.opensearch.index.IndexDefinitions;

@ExtendWith(OpenSearchExtension.class)
class IndexFoundationIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyDefinedIndexExistsBehindItsVersionedAlias(TestOpenSearch os) throws Exception {
        for (var definition : IndexDefinitions.loadDefault().all()) {
            RawResponse alias = os.connection().raw("GET", "/_alias/" + os.alias(definition.name()), null);
            assertThat(alias.status()).as(definition.name()).isEqualTo(200);
            assertThat(JSON.readTree(alias.body()).has(definition.concreteName(os.connection().indexPrefix()))).isTrue();
        }
    }

    @Test
    void storedIndicatorQueryPercolatesANewEventWithHighlightedEvidence(TestOpenSearch os) throws Exception {
        RawResponse indexed = os.connection().raw("PUT", "/" + os.alias("events") + "/_doc/police:INC-1", """
                {"event_id":"police:INC-1","source":"police_incidents","record_id":"INC-1","agency":"police",
                 "record_type":"domestic_incident","event_date":"2025-03-02T21:15:00",
                 "text":"Officers attended; the children witnessed the argument between mum and her partner.",
                 "codes":{"dash_level":"medium"}}""", Map.of("refresh", "true"));
        assertThat(indexed.status()).isEqualTo(201);

        RawResponse stored = os.connection().raw("PUT", "/" + os.alias("indicators") + "/_doc/PAR01", """
                {"indicator":{"id":"PAR01","title":"Domestic abuse incident, child present","severity":"medium","version":1,"enabled":true},
                 "query":{"bool":{"filter":[{"term":{"agency":"police"}}],
                   "must":[{"match_phrase":{"text":{"query":"child witnessed","slop":2}}}]}}}""", Map.of("refresh", "true"));
        assertThat(stored.ok()).as(stored.body()).isTrue();

        RawResponse percolated = os.connection().raw("POST", "/" + os.alias("indicators") + "/_search", """
                {"query":{"percolate":{"field":"query","document":
                   {"agency":"police","record_type":"domestic_incident",
                    "text":"Neighbour called police. Child had witnessed the assault on her mother and was very upset."}}},
                 "highlight":{"fields":{"text":{}}}}""");
        assertThat(percolated.ok()).as(percolated.body()).isTrue();
        JsonNode hits = JSON.readTree(percolated.body()).path("hits").path("hits");
        assertThat(hits).hasSize(1);
        assertThat(hits.get(0).path("_id").asText()).isEqualTo("PAR01");
        assertThat(hits.get(0).path("highlight").path("text").get(0).asText())
                .contains("<em>Child</em>").contains("<em>witnessed</em>");

        RawResponse unrelated = os.connection().raw("POST", "/" + os.alias("indicators") + "/_search", """
                {"query":{"percolate":{"field":"query","document":
                   {"agency":"health","text":"Child witnessed nothing of concern."}}}}""");
        assertThat(JSON.readTree(unrelated.body()).path("hits").path("hits")).isEmpty();
    }
}
