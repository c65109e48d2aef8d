package org.tessera.indexer.ingest.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.tessera.indexer.opensearch.OpenSearchConnection;
import org.tessera.indexer.scoring.EventQueries;

/**
 * After a complete ingest, removes what the input no longer produces: events of the ingested
 * sources whose record vanished from the newer extract, and persons whose cluster changed id.
 */
final class StaleDocuments {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final OpenSearchConnection connection;
    private final EventQueries queries;

    StaleDocuments(OpenSearchConnection connection) {
        this.connection = connection;
        this.queries = new EventQueries(connection);
    }

    /**
     * @param allKeptStored every id in {@code keep} is known to be in the index (the run's writes
     *                      all succeeded), which lets a count stand in for the scan when nothing is stale
     */
    long deleteEventsNotIn(Set<String> sources, Set<String> keep, boolean allKeptStored) {
        return deleteNotIn(connection.alias("events"), "source", sources, keep, allKeptStored);
    }

    /**
     * Persons seen in any ingested source that this run did not produce: linkage runs over the
     * whole input folder, so a person the run did not rebuild is a cluster that no longer exists.
     */
    long deletePersonsNotIn(Set<String> sources, Set<String> keep, boolean allKeptStored) {
        return deleteNotIn(connection.alias("persons"), "sources", sources, keep, allKeptStored);
    }

    private long deleteNotIn(String index, String field, Set<String> sources, Set<String> keep, boolean allKeptStored) {
        if (sources.isEmpty()) {
            return 0;
        }
        ObjectNode query = JSON.createObjectNode();
        sources.forEach(query.putObject("terms").putArray(field)::add);
        // The usual run deletes nothing, and scanning every id of a county to learn that took
        // minutes: when all kept documents are stored, as many matches as kept ids means none is stale.
        if (allKeptStored && count(index, query) == keep.size()) {
            return 0;
        }
        List<String> stale = new ArrayList<>();
        queries.scroll(index, query, List.of(field), (id, source) -> {
            if (!keep.contains(id)) {
                stale.add(id);
            }
        });
        for (int from = 0; from < stale.size(); from += 1000) {
            StringBuilder bulk = new StringBuilder();
            for (String id : stale.subList(from, Math.min(stale.size(), from + 1000))) {
                ObjectNode action = JSON.createObjectNode();
                action.putObject("delete").put("_index", index).put("_id", id);
                bulk.append(action).append('\n');
            }
            List<String> refused = queries.bulk(bulk.toString(), true);
            if (!refused.isEmpty()) {
                throw new IllegalStateException("cannot delete stale documents from " + index + ": " + refused.getFirst());
            }
        }
        return stale.size();
    }

    private long count(String index, ObjectNode query) {
        ObjectNode body = JSON.createObjectNode();
        body.set("query", query);
        return queries.call("POST", "/" + index + "/_count", body.toString(), java.util.Map.of()).path("count").asLong(-1);
    }
}
