package org.tessera.indexer.watchlist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import org.tessera.indexer.opensearch.EngineJson;
import org.tessera.indexer.opensearch.OpenSearchConnection;
import org.tessera.indexer.scoring.Band;
import org.tessera.indexer.scoring.WatchlistStanding;

/**
 * The watchlist read from the standings every rescore stores with a child's risk
 * ({@code risk.watchlist}, {@link WatchlistStanding}; ADR 0049): one scroll of the person documents
 * of the children stored amber or red (only they can be listed: a score only falls while no new
 * event reaches the child, which would rescore it). A child whose standing is of the as-of day and
 * the period gives its entry (or none) without its history being read; the others (scored on
 * another day, or before the standings were stored) are returned undecided, for
 * {@link WatchlistRanker#rankInBatches} to decide from their histories. The merged entries, sorted
 * by {@link WatchlistRanker#numbered}, are the list the ranking of every candidate's history gives
 * (WatchlistBatchesIT). Stateless; thread-safe.
 */
public record StoredWatchlist(OpenSearchConnection connection) {

    private static final int PAGE = 1000;

    /**
     * What one read found.
     *
     * @param listed    the listed children's entries (rank 0, review state NEW: reviews are applied by
     *                  the caller), each with the date of its newest evidence that adds points
     * @param undecided children whose standing is not stored for the day and period, in the read's order
     * @param read      person documents read
     */
    public record Read(List<WatchlistRanker.Ranked<LocalDate>> listed, Set<String> undecided, int read) {
        public Read {
            listed = List.copyOf(listed);
            undecided = Collections.unmodifiableSet(new LinkedHashSet<>(undecided));
        }
    }

    /**
     * Reads the stored standings as of {@code asOf} over {@code periodDays}, handing {@code each}
     * every document read (its {@code person_id} and the {@code fields} asked for, beside
     * {@code person_id} and {@code risk}), e.g. for names.
     */
    public Read read(LocalDate asOf, int periodDays, Collection<String> fields, BiConsumer<String, JsonNode> each) {
        ObjectNode query = EngineJson.object();
        ArrayNode filter = query.putObject("bool").putArray("filter");
        filter.addObject().putObject("term").put("is_child", true);
        filter.addObject().putObject("terms").putArray("risk.band").add(Band.AMBER.label()).add(Band.RED.label());
        Set<String> read = new LinkedHashSet<>(List.of("person_id", "risk"));
        read.addAll(fields);
        List<WatchlistRanker.Ranked<LocalDate>> listed = new ArrayList<>();
        Set<String> undecided = new LinkedHashSet<>();
        int[] documents = {0};
        connection.scroll(connection.alias("persons"), query, PAGE, read, (id, source) -> {
            String personId = source.path("person_id").asText(id);
            documents[0]++;
            switch (WatchlistStanding.stored(source.path("risk"), asOf, periodDays)) {
                case WatchlistStanding.Stored.Listed stored -> listed.add(new WatchlistRanker.Ranked<>(
                        WatchlistEntry.of(personId, stored.standing(), ReviewState.NEW, null, false), stored.standing().latestAddingEvidence()));
                case WatchlistStanding.Stored.NotListed notListed -> {
                    return;
                }
                case WatchlistStanding.Stored.Unknown unknown -> undecided.add(personId);
            }
            each.accept(personId, source);
        });
        return new Read(listed, undecided, documents[0]);
    }
}
