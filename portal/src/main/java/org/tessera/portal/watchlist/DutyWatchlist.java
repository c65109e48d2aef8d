package org.tessera.portal.watchlist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.tessera.indexer.opensearch.OpenSearchConnection;
import org.tessera.indexer.scoring.ScoreService;
import org.tessera.indexer.watchlist.Review;
import org.tessera.indexer.watchlist.ReviewState;
import org.tessera.indexer.watchlist.ReviewStore;
import org.tessera.portal.audit.AuditTrail;
import org.tessera.portal.common.Json;
import org.tessera.portal.review.DecisionStore;
import org.tessera.portal.review.MashDecision;
import org.tessera.portal.risk.RiskDay;
import org.tessera.portal.security.CurrentUser;
import org.tessera.portal.security.Roles;

/**
 * The duty managers' watchlist: the indexer's ranking (the one the evaluation measures, see
 * docs/evaluation.md) computed from the indexed events as of the risk day, joined with names and review
 * states. Reviews go through the indexer's review store (optimistic concurrency: two managers
 * acting at once cannot lose each other's history). Thread-safe.
 */
@Service
public class DutyWatchlist {

    private final OpenSearchConnection connection;
    private final AuditTrail audit;
    private final RiskDay day;
    private final DecisionStore decisions;
    private final org.tessera.indexer.watchlist.WatchlistService watchlist;

    public DutyWatchlist(OpenSearchConnection connection, AuditTrail audit, Clock clock, ScoreService scores, RiskDay day,
                            DecisionStore decisions) {
        this.connection = connection;
        this.decisions = decisions;
        this.audit = audit;
        this.day = day;
        this.watchlist = new org.tessera.indexer.watchlist.WatchlistService(scores, new ReviewStore(connection), clock);
    }

    /** The watchlist, cumulative pictures first; {@code includeDismissed} also shows dismissed entries. */
    @RolesAllowed({Roles.PRACTITIONER, Roles.DUTY_MANAGER})
    @org.tessera.portal.audit.AuditedRead(AuditTrail.WATCHLIST_VIEW)
    public List<DutyWatchlistEntry> entries(boolean includeDismissed, int limit) {
        Optional<Instant> lastVisit = audit.lastTime(AuditTrail.WATCHLIST_VIEW);
        LocalDate asOf = day.today();
        var listed = watchlist.watchlist(asOf, watchlist.defaultPeriodDays(), limit, includeDismissed);
        List<String> ids = listed.stream().map(org.tessera.indexer.watchlist.WatchlistEntry::personId).toList();
        Map<String, JsonNode> people = documents("persons", ids);
        Map<String, JsonNode> reviews = documents("reviews", ids);
        Map<String, MashDecision> decided = decisions.latest(ids);
        List<DutyWatchlistEntry> entries = new ArrayList<>(listed.size());
        for (var e : listed) {
            JsonNode person = people.getOrDefault(e.personId(), Json.object());
            boolean fresh = e.state() == ReviewState.NEW && e.latestEvidence() != null
                    && (lastVisit.isEmpty() || e.latestEvidence().isAfter(lastVisit.get().atZone(ZoneOffset.UTC).toLocalDate().minusDays(1)));
            String reviewReason = e.state() == ReviewState.NEW ? null : Json.text(reviews.getOrDefault(e.personId(), Json.object()), "reason");
            entries.add(new DutyWatchlistEntry(e.personId(), name(person, e.personId()), Json.text(person, "date_of_birth"),
                    e.section().label(), e.concerns(), e.band().label(), e.score(), e.rise(), e.velocity(), asOf.toString(),
                    e.topIndicators(), e.reason(), fresh, e.state().label(), e.assignedTo(), reviewReason,
                    decided.containsKey(e.personId()) ? decided.get(e.personId()).summary() : null));
        }
        return entries;
    }

    /** Acknowledge, assign, escalate or dismiss; returns the new state. */
    @RolesAllowed(Roles.DUTY_MANAGER)
    public String review(String personId, ReviewAction action, String assignee, String reason) {
        if (action == ReviewAction.DISMISS && (reason == null || reason.isBlank())) {
            throw new IllegalArgumentException("a dismissal needs a reason");
        }
        if (action == ReviewAction.ASSIGN && (assignee == null || assignee.isBlank())) {
            throw new IllegalArgumentException("an assignment needs someone to assign to");
        }
        String user = CurrentUser.name();
        String why = reason == null || reason.isBlank() ? null : reason.trim();
        Review review = switch (action) {
            case ACKNOWLEDGE -> watchlist.acknowledge(personId, user);
            case ASSIGN -> watchlist.assign(personId, user, assignee.trim());
            case ESCALATE -> watchlist.escalate(personId, user, why == null ? "escalated" : why);
            case DISMISS -> watchlist.dismiss(personId, user, why, day.today());
        };
        audit.record(AuditTrail.REVIEW, personId, null, null, action.state() + (action == ReviewAction.ASSIGN ? " to " + assignee : ""));
        return review.state().label();
    }

    /** Documents of an index by id ({@code _mget}); missing ones are left out. */
    private Map<String, JsonNode> documents(String index, List<String> personIds) {
        Map<String, JsonNode> found = new HashMap<>();
        if (personIds.isEmpty()) {
            return found;
        }
        ObjectNode body = Json.object();
        ArrayNode ids = body.putArray("ids");
        personIds.forEach(ids::add);
        for (JsonNode doc : Json.call(connection, "POST", "/" + connection.alias(index) + "/_mget", body).path("docs")) {
            if (doc.path("found").asBoolean(false)) {
                found.put(doc.path("_id").asText(), doc.path("_source"));
            }
        }
        return found;
    }

    private static String name(JsonNode source, String personId) {
        String full = Json.text(source, "full_name");
        if (full != null) {
            return full;
        }
        String joined = (String.join(" ", Json.strings(source.path("given_names"))) + " " + String.join(" ", Json.strings(source.path("family_name")))).trim();
        return joined.isEmpty() ? personId : joined;
    }
}
