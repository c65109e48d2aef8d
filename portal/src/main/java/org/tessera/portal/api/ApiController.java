package org.tessera.portal.api;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tessera.indexer.opensearch.EngineException;
import org.tessera.portal.indicators.IndicatorService;
import org.tessera.portal.profile.Profile;
import org.tessera.portal.profile.ProfileService;
import org.tessera.portal.review.MashDecision;
import org.tessera.portal.review.PackFormat;
import org.tessera.portal.review.ReferralReview;
import org.tessera.portal.review.ReferralReviewService;
import org.tessera.portal.search.SearchFilter;
import org.tessera.portal.search.SearchResults;
import org.tessera.portal.search.SearchService;
import org.tessera.portal.watchlist.ReviewAction;
import org.tessera.portal.watchlist.DutyWatchlistEntry;
import org.tessera.portal.watchlist.DutyWatchlist;

/**
 * The REST API (docs/api.md). Authorisation and auditing live in the services it calls: a read of
 * personal data needs the {@code purpose} parameter, bound by {@code PurposeBinding} and recorded
 * once by the audited service method.
 */
@RestController
@RequestMapping("/api")
class ApiController {

    private final SearchService search;
    private final ProfileService profiles;
    private final DutyWatchlist watchlist;
    private final IndicatorService indicators;
    private final ReferralReviewService reviews;

    ApiController(SearchService search, ProfileService profiles, DutyWatchlist watchlist, IndicatorService indicators,
                  ReferralReviewService reviews) {
        this.reviews = reviews;
        this.search = search;
        this.profiles = profiles;
        this.watchlist = watchlist;
        this.indicators = indicators;
    }

    record SearchAnswer(SearchResults.Summary summary, List<SearchResults.PersonResult> people, List<SearchResults.RecordResult> records) {
    }

    @GetMapping("/search")
    SearchAnswer search(@RequestParam("q") String q,
                        @RequestParam(value = "agency", required = false) String agency,
                        @RequestParam(value = "record_type", required = false) String recordType,
                        @RequestParam(value = "indicator", required = false) String indicator,
                        @RequestParam(value = "band", required = false) String band,
                        @RequestParam(value = "district", required = false) String district,
                        @RequestParam(value = "age", required = false) String age,
                        @RequestParam(value = "from", required = false) java.time.LocalDate from,
                        @RequestParam(value = "to", required = false) java.time.LocalDate to,
                        @RequestParam(value = "page", defaultValue = "0") int page,
                        @RequestParam(value = "size", defaultValue = "20") int size) {
        if (size < 1) {
            throw new IllegalArgumentException("size must be at least 1");
        }
        int limit = Math.min(size, 100);
        // long arithmetic: page * size must not overflow into a negative or small offset.
        long offset = (long) page * limit;
        SearchService.checkPage(offset, limit);
        SearchFilter filter = new SearchFilter(agency, recordType, indicator, band, district, age, from, to);
        SearchResults.Summary summary = search.search(q, filter);
        return new SearchAnswer(summary, search.people(q, filter, (int) offset, limit), search.records(q, filter, (int) offset, limit));
    }

    @GetMapping("/persons/{id}")
    ResponseEntity<Profile.View> person(@PathVariable("id") String id) {
        return ResponseEntity.of(profiles.open(id));
    }

    @GetMapping("/persons/{id}/chronology")
    List<Profile.Entry> chronology(@PathVariable("id") String id,
                                   @RequestParam(value = "agency", required = false) String agency,
                                   @RequestParam(value = "indicator", required = false) String indicator) {
        return profiles.chronology(id, agency, indicator);
    }

    /** The chronology as CSV (date, agency, type, title, indicators, text); audited as an export. */
    @GetMapping(value = "/persons/{id}/chronology.csv", produces = "text/csv")
    ResponseEntity<String> exportChronology(@PathVariable("id") String id) {
        StringBuilder csv = new StringBuilder("date,agency,record_type,title,indicators,not_counted,text\r\n");
        for (Profile.Entry entry : profiles.exportChronology(id)) {
            csv.append(org.tessera.indexer.common.SpreadsheetCells.csvRow(entry.date(), entry.agency(), entry.recordType(), entry.title(),
                    String.join(";", entry.evidence().stream().filter(Profile.Evidence::counts).map(Profile.Evidence::indicatorId).toList()),
                    String.join(";", entry.evidence().stream().filter(e -> !e.counts()).map(Profile.Evidence::indicatorId).toList()),
                    entry.text()));
        }
        return ResponseEntity.ok()
                .header("Content-Disposition", "attachment; filename=\"chronology-" + id.replaceAll("[^A-Za-z0-9_-]", "_") + ".csv\"")
                .body(csv.toString());
    }

    /** The watchlist's first {@code limit} children (200 unless asked, at most 10,000: {@code tessera bench portal --children spread} reads them all). */
    @GetMapping("/watchlist")
    List<DutyWatchlistEntry> watchlist(@RequestParam(value = "include_dismissed", defaultValue = "false") boolean includeDismissed,
                                       @RequestParam(value = "limit", defaultValue = "200") int limit) {
        if (limit < 1 || limit > 10_000) {
            throw new IllegalArgumentException("limit must be between 1 and 10000: " + limit);
        }
        return watchlist.entries(includeDismissed, limit);
    }

    record ReviewRequest(String action, String assignee, String reason) {
    }

    @PostMapping("/watchlist/{id}/review")
    Map<String, String> review(@PathVariable("id") String id, @RequestBody ReviewRequest request) {
        return Map.of("person_id", id, "state", watchlist.review(id, ReviewAction.parse(request.action()), request.assignee(), request.reason()));
    }

    /** The referral review page's content (audited as a referral review view with the bound purpose). */
    @GetMapping("/review/{id}")
    ResponseEntity<ReferralReview.Page> review(@PathVariable("id") String id) {
        return ResponseEntity.of(reviews.open(id));
    }

    /** The strategy pack, {@code format} {@code pdf} (default) or {@code docx} (audited as a disclosure with the bound purpose). */
    @GetMapping("/review/{id}/pack")
    ResponseEntity<byte[]> pack(@PathVariable("id") String id, @RequestParam(value = "format", defaultValue = "pdf") String format) {
        PackFormat packFormat = choice(PackFormat.class, format, "format");
        return reviews.pack(id, packFormat)
                .map(bytes -> ResponseEntity.ok()
                        .header("Content-Type", packFormat.contentType())
                        .header("Content-Disposition", "attachment; filename=\"strategy-pack-" + id.replaceAll("[^A-Za-z0-9_-]", "_") + "." + packFormat.extension() + "\"")
                        .body(bytes))
                .orElse(ResponseEntity.notFound().build());
    }

    record DecisionRequest(String rag, String outcome, String rationale, String consent, java.time.LocalDate nextReview) {
    }

    @PostMapping("/review/{id}/decision")
    MashDecision decide(@PathVariable("id") String id, @RequestBody DecisionRequest request) {
        return reviews.decide(id, choice(MashDecision.Rag.class, request.rag(), "rag"),
                choice(MashDecision.Outcome.class, request.outcome(), "outcome"), request.rationale(),
                choice(MashDecision.Consent.class, request.consent(), "consent"), request.nextReview());
    }

    /** An enum constant by name in any case; a missing or unknown value is a 400 naming the field and the choices. */
    private static <E extends Enum<E>> E choice(Class<E> type, String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required: one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " must be one of " + java.util.Arrays.toString(type.getEnumConstants()) + ", was " + value);
        }
    }

    record IndicatorTest(String text) {
    }

    @PostMapping("/indicators/test")
    List<IndicatorService.Match> testIndicators(@RequestBody IndicatorTest request) {
        return indicators.test(request.text());
    }

    /** Any other path under /api: a 404 (through the error page), never the portal's HTML page. */
    @RequestMapping("/**")
    void noSuchRoute() {
        throw new org.springframework.web.server.ResponseStatusException(HttpStatus.NOT_FOUND, "no such API route");
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, String>> badRequest(IllegalArgumentException e) {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(Map.of("error", e.getMessage()));
    }

    /** A parameter of the wrong type (page=abc, a date that is no date): the caller's mistake, named. */
    @ExceptionHandler({org.springframework.web.method.annotation.MethodArgumentTypeMismatchException.class,
            org.springframework.web.bind.MissingServletRequestParameterException.class,
            org.springframework.http.converter.HttpMessageNotReadableException.class})
    ResponseEntity<Map<String, String>> badParameter(Exception e) {
        String message = e instanceof org.springframework.web.method.annotation.MethodArgumentTypeMismatchException mismatch
                ? "parameter '" + mismatch.getName() + "' has the wrong type"
                : e instanceof org.springframework.web.bind.MissingServletRequestParameterException missing
                ? "parameter '" + missing.getParameterName() + "' is required" : "the request body could not be read";
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(Map.of("error", message));
    }

    /**
     * The engine refused the request (a 4xx: the request was too large or malformed) or could not
     * answer (5xx, unreachable): 400 or 503 with a reason, never mistaken for a refusal of access.
     */
    @ExceptionHandler(EngineException.class)
    ResponseEntity<Map<String, String>> engineError(EngineException e) {
        boolean refused = e.status() >= 400 && e.status() < 500;
        return ResponseEntity.status(refused ? HttpStatus.BAD_REQUEST : HttpStatus.SERVICE_UNAVAILABLE)
                .body(Map.of("error", refused ? "the search engine refused this request: narrow the search"
                        : "the search engine is unavailable: try again shortly"));
    }
}
