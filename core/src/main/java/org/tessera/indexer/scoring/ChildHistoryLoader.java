package org.tessera.indexer.scoring;

import static org.tessera.indexer.scoring.EventQueries.bool;
import static org.tessera.indexer.scoring.EventQueries.dateRange;
import static org.tessera.indexer.scoring.EventQueries.hasHits;
import static org.tessera.indexer.scoring.EventQueries.nested;
import static org.tessera.indexer.scoring.EventQueries.term;
import static org.tessera.indexer.scoring.EventQueries.terms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tessera.indexer.events.EventIndexFields;

/**
 * Loads children's histories from the {@code events} alias in batches: two scrolls per batch, one
 * for the children's own events (all of them, to know where each child lived) and one for the
 * events with hits of the households they lived in (their adults' and their siblings' events: the
 * scorer decides which hits reach the child). Events dated after the as-of date are never
 * read. Thread-safe.
 */
public record ChildHistoryLoader(EventQueries queries, ScoringParameters parameters) implements ChildHistories {

    private static final Logger log = LoggerFactory.getLogger(ChildHistoryLoader.class);
    private static final int BATCH = 500;

    /** The physical name of the {@code events} alias. */
    private String events() {
        return queries.connection().alias("events");
    }

    @Override
    public Map<String, ChildHistory> load(Collection<String> childIds, LocalDate asOf) {
        Map<String, ChildHistory> histories = new LinkedHashMap<>();
        List<String> all = List.copyOf(new LinkedHashSet<>(childIds));
        for (int from = 0; from < all.size(); from += BATCH) {
            histories.putAll(loadBatch(all.subList(from, Math.min(all.size(), from + BATCH)), asOf));
        }
        return histories;
    }

    private Map<String, ChildHistory> loadBatch(List<String> batch, LocalDate asOf) {
        Set<String> wanted = new HashSet<>(batch);
        Map<String, List<RiskEvent>> own = new HashMap<>();
        batch.forEach(id -> own.put(id, new ArrayList<>()));
        int[] skipped = {0};
        JsonNode ofBatch = bool("should", terms(EventIndexFields.PERSON_IDS, batch), terms(EventIndexFields.CHILD_IDS, batch),
                nested("people", terms(EventIndexFields.People.PERSON_ID_PATH, batch)));
        JsonNode ownQuery = bool("filter", ofBatch, dateRange(null, asOf));
        queries.scroll(events(), ownQuery, EventDocuments.SOURCE_FIELDS, (id, source) -> {
            var parsed = EventDocuments.parse(source, id);
            if (parsed.isEmpty()) {
                skipped[0]++;
                return;
            }
            for (RiskEvent.Participant p : parsed.get().people()) {
                if (wanted.contains(p.personId())) {
                    own.get(p.personId()).add(parsed.get());
                }
            }
        });

        // Which children lived (at some time) in which household; the scorer checks the dates.
        Map<String, Set<String>> childrenByHousehold = new HashMap<>();
        own.forEach((child, list) -> {
            for (RiskEvent event : list) {
                for (RiskEvent.Participant p : event.people()) {
                    if (p.personId().equals(child) && p.householdId() != null) {
                        childrenByHousehold.computeIfAbsent(p.householdId(), h -> new HashSet<>()).add(child);
                    }
                }
            }
        });
        Map<String, List<RiskEvent>> household = new HashMap<>();
        Consumer<RiskEvent> toHousemates = event -> {
            Set<String> reached = new HashSet<>();
            for (RiskEvent.Participant p : event.people()) {
                if (p.householdId() != null) {
                    reached.addAll(childrenByHousehold.getOrDefault(p.householdId(), Set.of()));
                }
            }
            for (String child : reached) {
                household.computeIfAbsent(child, c -> new ArrayList<>()).add(event);
            }
        };
        if (!childrenByHousehold.isEmpty()) {
            // The batch's own events are loaded already: they reach its children's siblings from memory.
            Set<String> seen = new HashSet<>();
            own.values().forEach(list -> list.forEach(event -> {
                if (!event.hits().isEmpty() && seen.add(event.eventId())) {
                    toHousemates.accept(event);
                }
            }));
            List<String> households = List.copyOf(childrenByHousehold.keySet());
            ObjectNode householdQuery = bool("filter",
                    nested("people", terms(EventIndexFields.People.HOUSEHOLD_ID_PATH, households)),
                    hasHits(), dateRange(null, asOf));
            ((ObjectNode) householdQuery.path("bool")).putArray("must_not").add(ofBatch);
            queries.scroll(events(), householdQuery, EventDocuments.SOURCE_FIELDS, (id, source) -> {
                var parsed = EventDocuments.parse(source, id);
                if (parsed.isEmpty()) {
                    skipped[0]++;
                    return;
                }
                toHousemates.accept(parsed.get());
            });
        }
        if (skipped[0] > 0) {
            log.warn("{} event documents without an id or a readable event_date were left out of scoring", skipped[0]);
        }
        Map<String, ChildHistory> histories = new LinkedHashMap<>();
        for (String child : batch) {
            List<RiskEvent> all = new ArrayList<>(own.get(child));
            all.addAll(household.getOrDefault(child, List.of()));
            histories.put(child, ChildHistory.of(child, all, parameters));
        }
        return histories;
    }

    @Override
    public Set<String> childrenReachedBetween(LocalDate from, LocalDate to) {
        JsonNode withHits = bool("filter", hasHits(), dateRange(from, to));
        Set<String> children = new LinkedHashSet<>(queries.nestedValues(events(), withHits, "people",
                term(EventIndexFields.People.IS_CHILD_PATH, true), EventIndexFields.People.PERSON_ID_PATH));
        Set<String> households = queries.nestedValues(events(), withHits, "people", anyone(), EventIndexFields.People.HOUSEHOLD_ID_PATH);
        children.addAll(childrenOfHouseholds(households, to));
        return children;
    }

    /**
     * Children the given events (new or changed) may reach: children on them, and children
     * recorded in the households of the people on them. For incremental rescoring after ingest.
     */
    public Set<String> childrenReachedByEvents(Collection<String> eventIds, LocalDate asOf) {
        Set<String> children = new LinkedHashSet<>();
        List<String> ids = List.copyOf(eventIds);
        for (int i = 0; i < ids.size(); i += BATCH) {
            JsonNode query = terms("_id", ids.subList(i, Math.min(ids.size(), i + BATCH)));
            children.addAll(queries.nestedValues(events(), query, "people", term(EventIndexFields.People.IS_CHILD_PATH, true), EventIndexFields.People.PERSON_ID_PATH));
            children.addAll(childrenOfHouseholds(queries.nestedValues(events(), query, "people", anyone(), EventIndexFields.People.HOUSEHOLD_ID_PATH), asOf));
        }
        return children;
    }

    private static JsonNode anyone() {
        return EventQueries.object().set("match_all", EventQueries.object());
    }

    @Override
    public Set<String> childrenOfHouseholds(Collection<String> households, LocalDate to) {
        Set<String> children = new LinkedHashSet<>();
        List<String> list = List.copyOf(households);
        for (int i = 0; i < list.size(); i += BATCH) {
            List<String> slice = list.subList(i, Math.min(list.size(), i + BATCH));
            JsonNode inHouseholds = nested("people", terms(EventIndexFields.People.HOUSEHOLD_ID_PATH, slice));
            children.addAll(queries.nestedValues(events(), bool("filter", inHouseholds, dateRange(null, to)), "people",
                    bool("filter", term(EventIndexFields.People.IS_CHILD_PATH, true), terms(EventIndexFields.People.HOUSEHOLD_ID_PATH, slice)), EventIndexFields.People.PERSON_ID_PATH));
        }
        return children;
    }
}
