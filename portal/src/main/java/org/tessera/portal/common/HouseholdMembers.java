package org.tessera.portal.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.tessera.indexer.opensearch.OpenSearchConnection;

/**
 * The person documents around one person: those named as related, and those sharing one of the
 * person's households (at most 50, the person excluded). One query for the profile and the review.
 */
public final class HouseholdMembers {

    private HouseholdMembers() {
    }

    /** The stored sources of the members, in the engine's order; none when there is nothing to look for. */
    public static List<JsonNode> of(OpenSearchConnection connection, String personId, Collection<String> relatedIds,
                                    Collection<String> householdIds) {
        return of(connection, personId, relatedIds, householdIds, List.of());
    }

    /** As {@link #of(OpenSearchConnection, String, Collection, Collection)}, only {@code sourceFields} of each (all when empty). */
    public static List<JsonNode> of(OpenSearchConnection connection, String personId, Collection<String> relatedIds,
                                    Collection<String> householdIds, List<String> sourceFields) {
        return search(connection, personId, relatedIds, householdIds, sourceFields)
                .map(search -> from(connection.search(search.index(), search.body())))
                .orElse(List.of());
    }

    /**
     * The search {@link #of} sends, for a page to send in an {@code _msearch} beside its own (read its
     * answer with {@link #from}); empty when there is nothing to look for.
     */
    public static java.util.Optional<OpenSearchConnection.Search> search(OpenSearchConnection connection, String personId,
                                                                         Collection<String> relatedIds, Collection<String> householdIds,
                                                                         List<String> sourceFields) {
        if (relatedIds.isEmpty() && householdIds.isEmpty()) {
            return java.util.Optional.empty();
        }
        ObjectNode related = Json.object();
        relatedIds.forEach(related.putObject("terms").putArray("person_id")::add);
        ObjectNode households = Json.object();
        householdIds.forEach(households.putObject("terms").putArray("household_ids")::add);
        return java.util.Optional.of(search(connection, personId, sourceFields, related, households));
    }

    /** The members search: anyone but the person matching {@code related} or {@code households}, at most 50. */
    private static OpenSearchConnection.Search search(OpenSearchConnection connection, String personId, List<String> sourceFields,
                                                      ObjectNode related, ObjectNode households) {
        ObjectNode body = Json.object();
        body.put("size", 50);
        if (!sourceFields.isEmpty()) {
            ArrayNode source = body.putArray("_source");
            sourceFields.forEach(source::add);
        }
        ObjectNode bool = body.putObject("query").putObject("bool");
        bool.put("minimum_should_match", 1);
        bool.putArray("must_not").addObject().putObject("term").put("person_id", personId);
        bool.putArray("should").add(related).add(households);
        return new OpenSearchConnection.Search(connection.alias("persons"), body);
    }

    /**
     * As {@link #search}, for a person whose document is not read yet: the engine looks up the
     * person's relations and households itself (terms lookups of the person document, whose id is its
     * {@code person_id}), so the page sends this beside the person's own search in one {@code _msearch}
     * rather than after it. The same members, in the same order, as {@link #search} given the person's
     * relations and households; none when the person has neither (or no document).
     */
    public static OpenSearchConnection.Search searchAround(OpenSearchConnection connection, String personId, List<String> sourceFields) {
        String persons = connection.alias("persons");
        ObjectNode related = Json.object();
        related.putObject("terms").putObject("person_id").put("index", persons).put("id", personId).put("path", "relations.person_id");
        ObjectNode households = Json.object();
        households.putObject("terms").putObject("household_ids").put("index", persons).put("id", personId).put("path", "household_ids");
        return search(connection, personId, sourceFields, related, households);
    }

    /** The members' stored sources in the answer to {@link #search}, in the engine's order. */
    public static List<JsonNode> from(JsonNode answer) {
        List<JsonNode> members = new ArrayList<>();
        for (JsonNode hit : answer.path("hits").path("hits")) {
            members.add(hit.path("_source"));
        }
        return members;
    }
}
