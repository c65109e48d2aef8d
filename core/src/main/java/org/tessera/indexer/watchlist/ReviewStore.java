package org.tessera.indexer.watchlist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.tessera.indexer.opensearch.EngineException;
import org.tessera.indexer.opensearch.EngineJson;
import org.tessera.indexer.opensearch.OpenSearchConnection;

/**
 * Review documents in the {@code reviews} alias, one per child (id = person id). Updates are
 * read-modify-write with optimistic concurrency, so two managers acting at once never lose a
 * history step. Thread-safe.
 */
public final class ReviewStore {

    private static final ObjectMapper JSON = EngineJson.MAPPER;
    private static final int ATTEMPTS = 5;

    private final OpenSearchConnection connection;
    private final String alias;

    public ReviewStore(OpenSearchConnection connection) {
        this.connection = connection;
        this.alias = connection.alias("reviews");
    }

    public Optional<Review> find(String personId) {
        return read(personId).map(Versioned::review);
    }

    /** Reviews of the given children that have one. */
    public Map<String, Review> findAll(Collection<String> personIds) {
        Map<String, Review> reviews = new HashMap<>();
        for (JsonNode source : connection.mget(alias, personIds).values()) {
            Review review = fromJson(source);
            reviews.put(review.personId(), review);
        }
        return reviews;
    }

    /** Applies {@code change} to the current review (or a fresh one) and stores the result, retrying on a concurrent write. */
    public Review update(String personId, UnaryOperator<Review> change) {
        for (int attempt = 1; ; attempt++) {
            Optional<Versioned> current = read(personId);
            Review next = change.apply(current.map(Versioned::review).orElse(Review.none(personId)));
            Map<String, String> query = new HashMap<>(Map.of("refresh", "wait_for"));
            if (current.isPresent()) {
                query.put("if_seq_no", Long.toString(current.get().seqNo()));
                query.put("if_primary_term", Long.toString(current.get().primaryTerm()));
            } else {
                query.put("op_type", "create");
            }
            try {
                connection.index(alias, personId, toJson(next), query);
                return next;
            } catch (EngineException e) {
                if (!e.conflict() || attempt >= ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private record Versioned(Review review, long seqNo, long primaryTerm) { }

    private Optional<Versioned> read(String personId) {
        JsonNode doc;
        try {
            doc = connection.call("GET", "/" + alias + "/_doc/" + encode(personId), (JsonNode) null);
        } catch (EngineException e) {
            if (e.notFound()) {
                return Optional.empty();
            }
            throw e;
        }
        if (!doc.path("found").asBoolean(false)) {
            return Optional.empty();
        }
        return Optional.of(new Versioned(fromJson(doc.path("_source")), doc.path("_seq_no").asLong(), doc.path("_primary_term").asLong()));
    }

    static ObjectNode toJson(Review review) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("person_id", review.personId());
        doc.put("state", review.state().label());
        putNullable(doc, "assigned_to", review.assignedTo());
        putNullable(doc, "reason", review.reason());
        putNullable(doc, "evidence_watermark", review.evidenceWatermark() == null ? null : review.evidenceWatermark().toString());
        doc.put("score_at_review", review.scoreAtReview());
        putNullable(doc, "updated_at", review.updatedAt() == null ? null : review.updatedAt().toString());
        putNullable(doc, "updated_by", review.updatedBy());
        ArrayNode history = doc.putArray("history");
        for (Review.Step step : review.history()) {
            ObjectNode s = history.addObject();
            s.put("state", step.state().label());
            s.put("by", step.by());
            s.put("at", step.at().toString());
            putNullable(s, "reason", step.reason());
        }
        return doc;
    }

    static Review fromJson(JsonNode doc) {
        List<Review.Step> steps = new ArrayList<>();
        for (JsonNode s : doc.path("history")) {
            steps.add(new Review.Step(ReviewState.parse(s.path("state").asText()), s.path("by").asText(),
                    Instant.parse(s.path("at").asText()), text(s, "reason")));
        }
        String watermark = text(doc, "evidence_watermark");
        String updatedAt = text(doc, "updated_at");
        return new Review(doc.path("person_id").asText(), ReviewState.parse(doc.path("state").asText("new")),
                text(doc, "assigned_to"), text(doc, "reason"), watermark == null ? null : LocalDate.parse(watermark.substring(0, 10)),
                doc.path("score_at_review").asDouble(0), updatedAt == null ? null : Instant.parse(updatedAt),
                text(doc, "updated_by"), steps);
    }

    private static void putNullable(ObjectNode node, String field, String value) {
        if (value == null) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String encode(String id) {
        return java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

}
