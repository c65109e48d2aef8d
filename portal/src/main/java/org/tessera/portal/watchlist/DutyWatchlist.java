package org.tessera.portal.watchlist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Service;
import org.tessera.indexer.common.DaemonThreads;
import org.tessera.indexer.opensearch.OpenSearchConnection;
import org.tessera.indexer.scoring.ScoreService;
import org.tessera.indexer.watchlist.Review;
import org.tessera.indexer.watchlist.ReviewState;
import org.tessera.indexer.watchlist.ReviewStore;
import org.tessera.indexer.watchlist.StoredWatchlist;
import org.tessera.indexer.watchlist.WatchlistEntry;
import org.tessera.indexer.watchlist.WatchlistRanker;
import org.tessera.portal.audit.AuditTrail;
import org.tessera.portal.common.IndexVersion;
import org.tessera.portal.common.Json;
import org.tessera.portal.common.Kept;
import org.tessera.portal.review.DecisionStore;
import org.tessera.portal.review.MashDecision;
import org.tessera.portal.risk.RiskDay;
import org.tessera.portal.security.CurrentUser;
import org.tessera.portal.security.Roles;

/**
 * The duty managers' watchlist: the indexer's ranking (the one the evaluation measures, see
 * docs/evaluation.md) computed from the indexed events as of the risk day, joined with names and review
 * states. Reviews go through the indexer's review store (optimistic concurrency: two managers
 * acting at once cannot lose each other's history).
 *
 * <p>A view does not rank (docs/performance.md, "Portal under load"): the ranking is computed once
 * per change of what it reads and kept, in two levels. The <b>scored list</b> (every child the
 * ranking lists, in its order, with names) depends on the events and persons the engine shows and
 * the day; it is computed only from the children whose stored risk ({@code risk.band} on their
 * person documents, written by every ingest, arrival and the nightly rescore) is amber or red, so
 * its cost follows the watchlist, not the county (a child can only be listed amber or red, and its
 * score only falls while no new event reaches it, which would rescore it). Each of them carries its
 * watchlist standing as the rescore decided it ({@code risk.watchlist}, ADR 0049): the ranking is one
 * scroll of those documents, and only a child whose standing is not of the risk day is decided from
 * its history. When some stored risk
 * is of a later day than the risk day, the stored bands say nothing of that day, and the candidates
 * are, as before, every child a hit of the period reaches. The <b>reviewed list</b> applies the
 * review states to it (one {@code _mget} of the listed children's reviews) and is recomputed when
 * the reviews change. A view itself reads one {@code _stats} (the fingerprint), then in one
 * {@code _msearch} the user's last visit in the audit trail and the latest MASH decisions of the
 * page: two round trips, its audit append running beside both. Concurrent views of a list not yet computed wait for
 * one computation. Thread-safe.
 */
@Service
public class DutyWatchlist {

    private static final List<String> NAME_FIELDS = List.of("person_id", "full_name", "given_names", "family_name", "date_of_birth");
    /**
     * What the ranking reads of a candidate beside its stored risk: its name, and the households it lived in (to batch
     * households together when its standing must be decided from its history).
     */
    private static final List<String> CANDIDATE_FIELDS = List.of("full_name", "given_names", "family_name", "date_of_birth",
            "household_ids");
    private static final int KEPT = 4;
    /** Person documents read at once for the names of listed children the candidates' read did not give. */
    private static final int NAMES_BATCH = 1000;

    private final OpenSearchConnection connection;
    private final AuditTrail audit;
    private final RiskDay day;
    private final DecisionStore decisions;
    private final ScoreService scores;
    private final ReviewStore reviewStore;
    private final org.tessera.indexer.watchlist.WatchlistService watchlist;
    private final WatchlistRanker ranker;
    private final StoredWatchlist storedWatchlist;
    private final IndexVersion version;
    private final Kept<Scored> scoredLists = new Kept<>(KEPT);
    private final Kept<List<Reviewed>> reviewedLists = new Kept<>(KEPT);
    private final WatchlistProperties properties;
    private final Clock clock;
    /** Ranks in the background a ranking a view asked for (and did not wait for). */
    private final java.util.concurrent.ExecutorService ranking = DaemonThreads.single("watchlist-ranking");
    /** Looks for changes and ranks them ({@link #rank}; a thread of its own: it may wait for {@link #ranking}). */
    private final java.util.concurrent.ScheduledExecutorService refresher = DaemonThreads.scheduled("watchlist-refresher");
    /** The newest ranking computed (any fingerprint); what a view shows while a newer one is computed. */
    private volatile Scored latest;
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DutyWatchlist.class);

    /** A child's name and date of birth as the list shows them (all a ranking keeps of its person document). */
    private record Named(String name, String dateOfBirth) {
        static Named of(JsonNode source, String personId) {
            return new Named(DutyWatchlist.name(source, personId), Json.text(source, "date_of_birth"));
        }
    }

    /** A listed child as the ranking sees it without reviews, with the newest evidence that adds points and its name. */
    private record Listed(WatchlistEntry entry, LocalDate newestPositiveEvidence, String name, String dateOfBirth) {
    }

    /** The ranking without reviews: every listed child in order, under the fingerprint and day it was ranked for. */
    private record Scored(String key, LocalDate asOf, List<Listed> listed, Instant rankedAt) {
    }

    /**
     * When the list a view shows was ranked, and whether the indices have changed since (a newer
     * ranking is being computed in the background: ADR 0022).
     */
    public record Freshness(Instant rankedAt, boolean updating) {
    }

    /** A listed child with its review applied (state, assignee, reopened) and its rank among the shown. */
    private record Reviewed(Listed listed, WatchlistEntry entry, String reviewReason) {
    }

    public DutyWatchlist(OpenSearchConnection connection, AuditTrail audit, Clock clock, ScoreService scores, RiskDay day,
                            DecisionStore decisions, WatchlistProperties properties) {
        this.properties = properties;
        this.clock = clock;
        this.connection = connection;
        this.decisions = decisions;
        this.audit = audit;
        this.day = day;
        this.scores = scores;
        this.reviewStore = new ReviewStore(connection);
        this.watchlist = new org.tessera.indexer.watchlist.WatchlistService(scores, reviewStore, clock);
        this.ranker = new WatchlistRanker(scores.scorer());
        this.storedWatchlist = new StoredWatchlist(connection);
        this.version = new IndexVersion(connection, List.of("events", "persons", "reviews"));
        if (properties.refreshEvery().isPositive()) {
            // From the start: the first view after a start or an ingest finds the ranking done.
            refresher.scheduleWithFixedDelay(this::rankQuietly, 0, properties.refreshEvery().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        refresher.shutdownNow();
        ranking.shutdownNow();
    }

    private void rankQuietly() {
        try {
            rank();
        } catch (RuntimeException e) {
            log.warn("Ranking the watchlist in the background failed ({}); a view will try again", e.toString());
        }
    }

    /**
     * Ranks what the engine shows now, on the calling thread, unless that ranking is kept or being
     * computed (then it waits for it). The background refresher calls it every
     * {@code tessera.watchlist.refresh-every}; no personal data leaves it.
     */
    public void rank() {
        LocalDate asOf = day.today();
        String key = scoredKey(version.byIndex(), asOf);
        Scored kept = latest;
        if (kept == null || !kept.key().equals(key)) {
            scoredLists.get(key, () -> publish(score(key, asOf)));
        }
    }

    /** When the list views show now was ranked, and whether a newer ranking is under way. */
    public Freshness freshness() {
        Scored kept = latest;
        if (kept == null) {
            return new Freshness(null, true);
        }
        return new Freshness(kept.rankedAt(), !kept.key().equals(scoredKey(version.byIndex(), day.today())));
    }

    /** The watchlist, cumulative pictures first; {@code includeDismissed} also shows dismissed entries. */
    @RolesAllowed({Roles.PRACTITIONER, Roles.DUTY_MANAGER})
    @org.tessera.portal.audit.AuditedRead(AuditTrail.WATCHLIST_VIEW)
    public List<DutyWatchlistEntry> entries(boolean includeDismissed, int limit) {
        LocalDate asOf = day.today();
        List<Reviewed> reviewed = reviewed(asOf, includeDismissed);
        List<Reviewed> shown = reviewed.subList(0, Math.min(Math.max(limit, 0), reviewed.size()));
        List<String> ids = shown.stream().map(r -> r.entry().personId()).toList();
        // The user's last visit and the page's MASH decisions in one round trip; the view's own audit
        // record (being stored beside the read, ADR 0033) is awaited last, to be skipped as the last visit.
        List<OpenSearchConnection.Search> searches = new ArrayList<>(List.of(audit.lastTimeSearch(AuditTrail.WATCHLIST_VIEW)));
        if (!ids.isEmpty()) {
            searches.add(decisions.latestSearch(ids));
        }
        List<JsonNode> answers = connection.msearch(searches);
        Map<String, MashDecision> decided = ids.isEmpty() ? Map.of() : decisions.latestFrom(answers.get(1));
        Optional<Instant> lastVisit = audit.lastTimeFrom(answers.get(0));
        List<DutyWatchlistEntry> entries = new ArrayList<>(shown.size());
        for (Reviewed r : shown) {
            WatchlistEntry e = r.entry();
            boolean fresh = e.state() == ReviewState.NEW && e.latestEvidence() != null
                    && (lastVisit.isEmpty() || e.latestEvidence().isAfter(lastVisit.get().atZone(ZoneOffset.UTC).toLocalDate().minusDays(1)));
            String reviewReason = e.state() == ReviewState.NEW ? null : r.reviewReason();
            entries.add(new DutyWatchlistEntry(e.personId(), r.listed().name(), r.listed().dateOfBirth(),
                    e.section().label(), e.concerns(), e.band().label(), e.score(), e.rise(), e.velocity(), asOf.toString(),
                    e.topIndicators(), e.reason(), fresh, e.state().label(), e.assignedTo(), reviewReason,
                    decided.containsKey(e.personId()) ? decided.get(e.personId()).summary() : null));
        }
        return entries;
    }

    /** The list with review states, kept while the ranking and the reviews are unchanged. */
    private List<Reviewed> reviewed(LocalDate asOf, boolean includeDismissed) {
        Map<String, String> versions = version.byIndex();
        Scored scored = scored(scoredKey(versions, asOf), asOf);
        String reviewedKey = scored.key() + "|" + versions.get("reviews") + "|" + includeDismissed;
        return reviewedLists.get(reviewedKey, () -> applyReviews(scored, includeDismissed));
    }

    private static String scoredKey(Map<String, String> versions, LocalDate asOf) {
        return versions.get("events") + "|" + versions.get("persons") + "|" + asOf;
    }

    /**
     * The ranking of what the engine shows now when it is kept, or computed within
     * {@code tessera.watchlist.fresh-wait} (in the background, never on the view's thread); else
     * the newest ranking of the day, while the background finishes the new one (ADR 0022). With no
     * ranking of the day at all, the view waits for it.
     */
    private Scored scored(String key, LocalDate asOf) {
        Scored kept = latest;
        if (kept != null && kept.key().equals(key)) {
            return kept;
        }
        CompletableFuture<Scored> future = scoredLists.future(key, ranking, () -> publish(score(key, asOf)));
        boolean ofTheDay = kept != null && kept.asOf().equals(asOf);
        try {
            return ofTheDay ? future.get(properties.freshWait().toMillis(), TimeUnit.MILLISECONDS) : future.join();
        } catch (java.util.concurrent.TimeoutException e) {
            return kept;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return kept;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }

    /** Makes {@code scored} the list views show, unless a later ranking is already shown. */
    private Scored publish(Scored scored) {
        synchronized (this) {
            Scored kept = latest;
            if (kept == null || !kept.rankedAt().isAfter(scored.rankedAt()) || !kept.asOf().equals(scored.asOf())) {
                latest = scored;
            }
        }
        return scored;
    }

    /**
     * The ranking without reviews (all listed children, in order), from the children whose stored
     * risk is amber or red (see the class comment), with their names from the same read: one scroll
     * of their person documents, whose {@code risk.watchlist} holds each child's standing as every
     * rescore decided it ({@link org.tessera.indexer.scoring.WatchlistStanding}, ADR 0049). Only children whose standing is not
     * stored for the risk day and the period (scored on another day, or by a version before the
     * standings) are decided from their histories, in batches of {@code tessera.watchlist.rank-batch}
     * ({@link WatchlistRanker#rankInBatches}): a batch's histories are loaded, its children decided
     * and reduced to what a view shows, then dropped, so the memory held follows one batch and the
     * listed entries, not the county. Both parts merge into the one order ({@link WatchlistRanker#numbered}).
     */
    private Scored score(String key, LocalDate asOf) {
        Instant started = clock.instant();
        int periodDays = watchlist.defaultPeriodDays();
        Map<String, Named> people = new HashMap<>();
        List<WatchlistRanker.Ranked<LocalDate>> merged = new ArrayList<>();
        Set<String> undecided;
        int read = 0;
        if (storedRiskLaterThan(asOf)) {
            undecided = scores.loader().childrenReachedBetween(asOf.minusDays(periodDays - 1L), asOf);
        } else {
            Map<String, List<String>> householdsOf = new HashMap<>();
            StoredWatchlist.Read stored = storedWatchlist.read(asOf, periodDays, CANDIDATE_FIELDS, (personId, source) -> {
                people.put(personId, Named.of(source, personId));
                householdsOf.put(personId, Json.strings(source.path("household_ids")));
            });
            merged.addAll(stored.listed());
            read = stored.read();
            undecided = byHousehold(stored.undecided(), householdsOf);
        }
        int fromStored = merged.size();
        if (!undecided.isEmpty()) {
            merged.addAll(ranker.rankInBatches(scores.loader(), undecided, properties.rankBatch(), properties.rankInFlight(), asOf, periodDays,
                    Map.of(), false, (entry, now) -> now.latestAddingEvidence()));
        }
        List<WatchlistRanker.Ranked<LocalDate>> ranked = WatchlistRanker.numbered(merged);
        List<String> missing = ranked.stream().map(r -> r.entry().personId()).filter(id -> !people.containsKey(id)).toList();
        for (int from = 0; from < missing.size(); from += NAMES_BATCH) {
            documents(missing.subList(from, Math.min(missing.size(), from + NAMES_BATCH)))
                    .forEach((personId, source) -> people.put(personId, Named.of(source, personId)));
        }
        List<Listed> listed = new ArrayList<>(ranked.size());
        for (WatchlistRanker.Ranked<LocalDate> r : ranked) {
            WatchlistEntry e = r.entry();
            Named named = people.getOrDefault(e.personId(), new Named(e.personId(), null));
            listed.add(new Listed(e, r.kept(), named.name(), named.dateOfBirth()));
        }
        log.info("Watchlist ranked: {} children listed, {} from the {} stored standings read, {} decided from their histories"
                        + " (batches of {}, {} at once), in {} ms", listed.size(), fromStored, read, undecided.size(), properties.rankBatch(),
                properties.rankInFlight(), java.time.Duration.between(started, clock.instant()).toMillis());
        return new Scored(key, asOf, List.copyOf(listed), started);
    }

    /**
     * The candidates in an order that keeps children of one household together (breadth first over
     * the households they share), so that a batch reads a household's records once instead of once
     * in every batch holding one of its children: what the batches read, not what they list (the
     * merged order does not depend on it). A county whose household keys gather many families (one
     * postcode, no house number) has households of a hundred people and more.
     */
    static Set<String> byHousehold(Set<String> candidates, Map<String, List<String>> householdsOf) {
        Map<String, List<String>> childrenOf = new HashMap<>();
        for (String child : candidates) {
            for (String household : householdsOf.getOrDefault(child, List.of())) {
                childrenOf.computeIfAbsent(household, h -> new ArrayList<>()).add(child);
            }
        }
        Set<String> ordered = new LinkedHashSet<>();
        Set<String> households = new HashSet<>();
        ArrayDeque<String> next = new ArrayDeque<>();
        for (String start : candidates) {
            if (ordered.add(start)) {
                next.add(start);
            }
            while (!next.isEmpty()) {
                for (String household : householdsOf.getOrDefault(next.poll(), List.of())) {
                    if (households.add(household)) {
                        for (String child : childrenOf.get(household)) {
                            if (ordered.add(child)) {
                                next.add(child);
                            }
                        }
                    }
                }
            }
        }
        return ordered;
    }

    /** Whether any child's stored risk was scored for a day after {@code asOf} (its band may be lower than that day's). */
    private boolean storedRiskLaterThan(LocalDate asOf) {
        ObjectNode query = Json.object();
        query.putObject("range").putObject("risk.as_of").put("gt", asOf.toString());
        return connection.count(connection.alias("persons"), query) > 0;
    }

    /**
     * The review states applied as {@link WatchlistRanker} applies them: a dismissed child stays off
     * the list (or is shown dismissed) unless counting evidence dated after the review's watermark adds
     * points; ranks count the children shown.
     */
    private List<Reviewed> applyReviews(Scored scored, boolean includeDismissed) {
        Map<String, Review> reviews = reviewStore.findAll(scored.listed().stream().map(l -> l.entry().personId()).toList());
        List<Reviewed> shown = new ArrayList<>();
        int rank = 1;
        for (Listed l : scored.listed()) {
            WatchlistEntry e = l.entry();
            Review review = reviews.get(e.personId());
            boolean reopened = false;
            if (review != null && review.state() == ReviewState.DISMISSED) {
                if (review.evidenceWatermark() == null
                        || l.newestPositiveEvidence() != null && l.newestPositiveEvidence().isAfter(review.evidenceWatermark())) {
                    reopened = true;
                } else if (!includeDismissed) {
                    continue;
                }
            }
            ReviewState state = review == null || reopened ? ReviewState.NEW : review.state();
            String assignee = review == null || reopened ? null : review.assignedTo();
            shown.add(new Reviewed(l, new WatchlistEntry(rank++, e.section(), e.personId(), e.concerns(), e.score(), e.band(), e.bandAtStart(),
                    e.enteredBand(), e.rise(), e.velocity(), e.reason(), e.topIndicators(), state, assignee, reopened, e.latestEvidence()),
                    review == null ? null : review.reason()));
        }
        return List.copyOf(shown);
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

    /** Person documents by id, names and date of birth only ({@code _mget}); missing ones are left out. */
    private Map<String, JsonNode> documents(List<String> personIds) {
        return connection.mget(connection.alias("persons"), personIds, Map.of("_source_includes", String.join(",", NAME_FIELDS)));
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
