package org.tessera.portal.profile;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.tessera.indexer.opensearch.OpenSearchConnection;
import org.tessera.indexer.linkage.LinkageStore;
import org.tessera.portal.security.CurrentUser;

/**
 * Practitioners' merge/split decisions on pairs of person records, stored where the linker reads
 * them (the {@code linkage} index, through {@link LinkageStore}) so that every later ingest
 * honours them.
 */
@Component
public class LinkDecisions {

    public enum Decision { SAME_PERSON, DIFFERENT_PEOPLE }

    private final LinkageStore store;
    private final Clock clock;

    public LinkDecisions(OpenSearchConnection connection, Clock clock) {
        this.store = new LinkageStore(connection);
        this.clock = clock;
    }

    public void record(String personId, String otherId, Decision decision, String reason) {
        store.decide(personId, otherId, decision == Decision.SAME_PERSON, CurrentUser.name(), reason, clock);
    }

    /** Other person id to decision ({@code link_same}/{@code link_different}) for one person. */
    public Map<String, String> decisionsFor(String personId) {
        return named(store.decisionsFor(personId));
    }

    /** The search {@link #decisionsFor} sends, for a page's {@code _msearch}; read its answer with {@link #decisionsFrom}. */
    public OpenSearchConnection.Search decisionsSearch(String personId) {
        return store.decisionsSearch(personId);
    }

    /** {@link #decisionsFor} from the answer to {@link #decisionsSearch}. */
    public Map<String, String> decisionsFrom(String personId, com.fasterxml.jackson.databind.JsonNode answer) {
        return named(LinkageStore.decisionsFrom(personId, answer));
    }

    private static Map<String, String> named(Map<String, String> statuses) {
        Map<String, String> decisions = new HashMap<>();
        statuses.forEach((other, status) -> decisions.put(other, "merged".equals(status) ? "link_same" : "link_different"));
        return decisions;
    }
}
