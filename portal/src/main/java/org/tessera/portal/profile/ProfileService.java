package org.tessera.portal.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.security.RolesAllowed;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.stereotype.Service;
import org.tessera.indexer.events.Event;
import org.tessera.indexer.events.EventHit;
import org.tessera.indexer.events.EventPerson;
import org.tessera.indexer.events.EventIndexFields;
import org.tessera.indexer.opensearch.OpenSearchConnection;
import org.tessera.portal.risk.RecentHistories;
import org.tessera.portal.audit.AuditTrail;
import org.tessera.portal.common.AddressPeriods;
import org.tessera.portal.audit.AuditedRead;
import org.tessera.portal.common.Highlights;
import org.tessera.portal.common.Identifiers;
import org.tessera.portal.common.IndicatorNames;
import org.tessera.portal.common.SchoolYear;
import org.tessera.portal.common.HouseholdMembers;
import org.tessera.portal.common.Json;
import org.tessera.portal.profile.Profile.Address;
import org.tessera.portal.profile.Profile.Candidate;
import org.tessera.portal.profile.Profile.Contribution;
import org.tessera.portal.profile.Profile.Entry;
import org.tessera.portal.profile.Profile.Evidence;
import org.tessera.portal.profile.Profile.Identity;
import org.tessera.portal.profile.Profile.Member;
import org.tessera.portal.profile.Profile.Risk;
import org.tessera.portal.profile.Profile.TrendPoint;
import org.tessera.portal.profile.Profile.View;
import org.tessera.portal.risk.RiskDay;
import org.tessera.portal.security.Roles;

/**
 * A child's profile, chronology, risk explanation and possible duplicates. Opening a profile, its
 * chronology and an export each need a stated purpose and are audited ({@link AuditedRead}); the
 * score explanation, trend and duplicates are parts of an opened profile's page.
 * Thread-safe.
 */
@Service
@RolesAllowed({Roles.PRACTITIONER, Roles.DUTY_MANAGER})
public class ProfileService {

    /** The school attendance code the chronology groups returns by (a code of the source mappings). */
    private static final String ATTENDANCE_PCT = "attendance_pct";

    static final int MAX_EVENTS = 1000;
    /** What the household list shows of each member. */
    private static final List<String> MEMBER_FIELDS = List.of("person_id", "full_name", "given_names", "family_name", "date_of_birth", "is_child");

    private final OpenSearchConnection connection;
    private final AuditTrail audit;
    private final LinkDecisions decisions;
    private final RecentHistories scores;
    private final RiskDay day;
    private final IndicatorNames indicators;

    public ProfileService(OpenSearchConnection connection, AuditTrail audit, LinkDecisions decisions, RecentHistories scores, RiskDay day) {
        this.indicators = new IndicatorNames(connection);
        this.connection = connection;
        this.audit = audit;
        this.decisions = decisions;
        this.scores = scores;
        this.day = day;
    }

    /** Opens a profile (audited with the bound purpose: {@link AuditedRead}). */
    @AuditedRead(value = AuditTrail.PROFILE_VIEW, person = 0)
    public Optional<View> open(String personId) {
        // The person and its household members in one round trip (the engine reads the person's households itself).
        List<JsonNode> answers = connection.msearch(List.of(personSearch(personId), HouseholdMembers.searchAround(connection, personId, MEMBER_FIELDS)));
        return personFrom(answers.get(0)).map(source -> new View(identity(source), household(source, HouseholdMembers.from(answers.get(1))),
                risk(personId, source)));
    }

    /** Every event of the person in date order, optionally only one agency's or one indicator's (audited). */
    @AuditedRead(value = AuditTrail.CHRONOLOGY_VIEW, person = 0)
    public List<Entry> chronology(String personId, String agency, String indicator) {
        return entries(personId, agency, indicator, null, MAX_EVENTS);
    }

    /** One record of the person's own, by its id, read alone (not the whole chronology); empty when it is not the person's (audited). */
    @AuditedRead(value = AuditTrail.CHRONOLOGY_VIEW, person = 0, detail = "one record")
    public Optional<Entry> record(String personId, String eventId) {
        return entries(personId, null, null, eventId, 1).stream().findFirst();
    }

    private List<Entry> entries(String personId, String agency, String indicator, String eventId, int size) {
        ObjectNode body = Json.object();
        body.put("size", size);
        ArrayNode filters = body.putObject("query").putObject("bool").putArray("filter");
        filters.addObject().putObject("term").put(EventIndexFields.PERSON_IDS, personId);
        if (eventId != null) {
            filters.addObject().putObject("term").put(EventIndexFields.EVENT_ID, eventId);
        }
        if (agency != null && !agency.isBlank()) {
            filters.addObject().putObject("term").put("agency", agency);
        }
        if (indicator != null && !indicator.isBlank()) {
            filters.addObject().putObject("term").put(EventIndexFields.INDICATOR_IDS, indicator);
        }
        ArrayNode sort = body.putArray("sort");
        sort.addObject().putObject(EventIndexFields.EVENT_DATE).put("order", "asc");
        sort.addObject().put(EventIndexFields.EVENT_ID, "asc");
        List<Entry> entries = new ArrayList<>();
        for (JsonNode hit : connection.search(connection.alias("events"), body).path("hits").path("hits")) {
            entries.add(entry(Event.fromDocument(hit.path("_source"))));
        }
        return entries;
    }

    /** An event as a chronology entry, its evidence highlighted in the text. */
    private static Entry entry(Event event) {
        List<Evidence> evidence = new ArrayList<>();
        List<Highlights.Span> spans = new ArrayList<>();
        for (EventHit h : event.hitsOrNone()) {
            Evidence e = new Evidence(h.indicatorId(), h.severity(), h.weight() == null ? 0 : h.weight(), h.countsTowardsScore(),
                    h.contextLabels(), h.evidence(), h.evidenceStart() == null ? -1 : h.evidenceStart(),
                    h.evidenceEnd() == null ? -1 : h.evidenceEnd(), h.field());
            evidence.add(e);
            if (e.field() == null || "text".equals(e.field())) {
                spans.add(new Highlights.Span(e.start(), e.end(),
                        e.indicatorId() + (e.counts() ? "" : " (not counted: " + (e.context() == null ? "context" : e.context()) + ")"),
                        e.counts()));
            }
        }
        String text = event.text();
        return new Entry(event.eventId(), event.date() == null ? null : event.date().value(), event.agency(),
                event.recordType(), event.title(), text, Highlights.mark(text, spans), evidence);
    }

    /**
     * The chronology as a practitioner reads it (docs/portal.md), one page at a time, paged at the
     * engine: the child's records and, marked as such, the household adults' records that do not
     * name the child; routine attendance returns grouped into one line per school year with the
     * trend; newest first unless the filter says otherwise; filtered by agency, concern, person and
     * period. A page reads at most {@value #PAGE} + 1 ordinary records (sorted and filtered by the
     * engine, {@code search_after} the cursor) and the returns of the school years whose line falls
     * within the page's dates; the school years themselves (mean, latest return, agency, concerns)
     * and the filter's choices come from aggregations, not documents. So a page costs the same
     * however long the child's history is ({@code ChronologyPagingIT}). {@code after} null: the first page.
     */
    @AuditedRead(value = AuditTrail.CHRONOLOGY_VIEW, person = 0)
    public Profile.ChronologyPage readableChronology(String personId, Profile.ChronologyFilter filter, Profile.ChronologyCursor after) {
        // The person, its household members and, for a concern filter, its indicators' ids in one round
        // trip: none needs another (the engine reads the person's households itself).
        List<OpenSearchConnection.Search> first = new ArrayList<>(List.of(personSearch(personId),
                HouseholdMembers.searchAround(connection, personId, MEMBER_FIELDS)));
        if (filter.concern() != null) {
            first.add(indicators.idsSearch(List.of(filter.concern())));
        }
        List<JsonNode> firstAnswers = connection.msearch(first);
        Optional<JsonNode> person = personFrom(firstAnswers.get(0));
        if (person.isEmpty()) {
            return Profile.ChronologyPage.EMPTY;
        }
        List<String> ids = new ArrayList<>();
        ids.add(personId);
        household(person.get(), HouseholdMembers.from(firstAnswers.get(1))).stream().filter(m -> !m.child()).map(Member::personId).forEach(ids::add);
        LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
        List<SchoolYearRange> years = SchoolYearRange.around(today);

        ObjectNode body = Json.object();
        body.put("size", PAGE + 1);
        body.put("track_total_hits", false);
        ObjectNode bool = body.putObject("query").putObject("bool");
        ArrayNode filters = bool.putArray("filter");
        filters.add(terms(EventIndexFields.PERSON_IDS, strings(ids)));
        bool.putArray("must_not").add(routineReturns(personId));
        if (filter.agency() != null) {
            filters.addObject().putObject("term").put(EventIndexFields.AGENCY, filter.agency());
        }
        if (filter.personId() != null) {
            filters.addObject().putObject("term").put(EventIndexFields.PERSON_IDS, filter.personId());
        }
        if (filter.concern() != null) {
            ObjectNode counting = filters.addObject().putObject("nested").put("path", EventIndexFields.Hits.PATH)
                    .putObject("query").putObject("bool");
            ArrayNode must = counting.putArray("filter");
            must.addObject().putObject("term").put(EventIndexFields.Hits.PATH + "." + EventIndexFields.Hits.COUNTS, true);
            must.add(terms(EventIndexFields.Hits.INDICATOR_ID_PATH, strings(indicators.idsFrom(List.of(filter.concern()), firstAnswers.get(2)))));
        }
        if (filter.from() != null || filter.to() != null) {
            ObjectNode range = filters.addObject().putObject("range").putObject(EventIndexFields.EVENT_DATE);
            if (filter.from() != null) {
                range.put("gte", filter.from().toString());
            }
            if (filter.to() != null) {
                range.put("lt", filter.to().plusDays(1).toString());
            }
        }
        String order = filter.newestFirst() ? "desc" : "asc";
        ArrayNode sort = body.putArray("sort");
        sort.addObject().putObject(EventIndexFields.EVENT_DATE).put("order", order).put("missing", "_last");
        sort.addObject().putObject(EventIndexFields.EVENT_ID).put("order", order);
        if (after != null) {
            body.putArray("search_after").add(after.dateMillis()).add(after.eventId());
        }
        body.putObject("_source").putArray("excludes").add("entities").add(EventIndexFields.Contexts.PATH).add(EventIndexFields.Entities.NAMES);
        // The aggregations see the whole chronology, not the filtered page: a search of their own over the
        // people's records, sent with the page's in one _msearch. (A global aggregation under the page's
        // search, as before, visited every record of the county to find the people's.)
        ObjectNode whole = Json.object();
        whole.put("size", 0);
        whole.put("track_total_hits", false);
        whole.putObject("query").putObject("bool").putArray("filter").add(terms(EventIndexFields.PERSON_IDS, strings(ids)));
        ObjectNode everything = whole.putObject("aggs");
        if (after == null) {
            everything.putObject("agencies").putObject("terms").put("field", EventIndexFields.AGENCY).put("size", 100);
            countingIndicators(everything);
        }
        ObjectNode returns = everything.putObject("returns");
        returns.set("filter", routineReturns(personId));
        ObjectNode byYear = returns.putObject("aggs").putObject("years");
        ArrayNode ranges = byYear.putObject("date_range").put("field", EventIndexFields.EVENT_DATE).putArray("ranges");
        for (SchoolYearRange year : years) {
            ranges.addObject().put("key", year.name()).put("from", year.from().toString()).put("to", year.to().toString());
        }
        ObjectNode yearAggs = byYear.putObject("aggs");
        yearAggs.putObject("mean").putObject("avg").put("field", EventIndexFields.CODES + "." + ATTENDANCE_PCT);
        yearAggs.putObject("last").putObject("max").put("field", EventIndexFields.EVENT_DATE);
        ObjectNode latestAgency = yearAggs.putObject("agency");
        latestAgency.putObject("terms").put("field", EventIndexFields.AGENCY).put("size", 1).putObject("order").put("latest", "desc");
        latestAgency.putObject("aggs").putObject("latest").putObject("max").put("field", EventIndexFields.EVENT_DATE);
        countingIndicators(yearAggs);

        String events = connection.alias("events");
        List<JsonNode> answers = connection.msearch(List.of(new OpenSearchConnection.Search(events, body), new OpenSearchConnection.Search(events, whole)));
        JsonNode hits = answers.get(0).path("hits").path("hits");
        boolean more = hits.size() > PAGE;
        record Dated(long millis, Profile.ChronologyLine line) {
        }
        List<Dated> lines = new ArrayList<>();
        Profile.ChronologyCursor next = null;
        for (int i = 0; i < Math.min(hits.size(), PAGE); i++) {
            JsonNode hit = hits.get(i);
            lines.add(new Dated(hit.path("sort").path(0).asLong(), line(Event.fromDocument(hit.path("_source")), personId, 1)));
            if (more && i == PAGE - 1) {
                next = new Profile.ChronologyCursor(hit.path("sort").path(0).asLong(), hit.path("sort").path(1).asText());
            }
        }

        // The school years whose line (dated by its latest return) falls within this page's dates:
        // newest first, page k holds [its last line's date, the previous page's last date); oldest
        // first, (the previous page's last date, its last line's date]. The pages partition the time line.
        Long bound = after == null ? null : after.dateMillis();
        Long edge = next == null ? null : next.dateMillis();
        JsonNode aggs = answers.get(1).path("aggregations");
        List<YearLine> shownYears = new ArrayList<>();
        Double previous = null;
        String previousYear = null;
        for (JsonNode bucket : aggs.path("returns").path("years").path("buckets")) {
            if (bucket.path("doc_count").asLong() == 0) {
                continue;
            }
            String name = bucket.path("key").asText();
            double mean = bucket.path("mean").path("value").asDouble();
            long last = bucket.path("last").path("value").asLong();
            String agency = bucket.path("agency").path("buckets").path(0).path("key").asText(null);
            List<String> concerns = concernsOf(bucket);
            String trend = previous == null ? "" : String.format(java.util.Locale.ROOT, ", %s from %.0f %% in %s",
                    mean < previous - 0.5 ? "down" : mean > previous + 0.5 ? "up" : "level", previous, previousYear);
            previous = mean;
            previousYear = name;
            boolean inPage = filter.newestFirst()
                    ? (edge == null || last >= edge) && (bound == null || last < bound)
                    : (bound == null || last > bound) && (edge == null || last <= edge);
            String lastDay = java.time.Instant.ofEpochMilli(last).atZone(java.time.ZoneOffset.UTC).toLocalDate().toString();
            boolean kept = inPage
                    && (filter.agency() == null || filter.agency().equals(agency))
                    && (filter.concern() == null || concerns.contains(filter.concern()))
                    && (filter.personId() == null || filter.personId().equals(personId))
                    && (filter.from() == null || lastDay.compareTo(filter.from().toString()) >= 0)
                    && (filter.to() == null || lastDay.compareTo(filter.to().toString()) <= 0);
            if (kept) {
                shownYears.add(new YearLine(years.stream().filter(y -> y.name().equals(name)).findFirst().orElseThrow(), mean,
                        bucket.path("doc_count").asInt(), last, trend));
            }
        }
        Map<String, List<Event>> returnsByYear = returnsOf(personId, shownYears);
        for (YearLine year : shownYears) {
            List<Event> yearReturns = returnsByYear.getOrDefault(year.range().name(), List.of());
            if (!yearReturns.isEmpty()) {
                lines.add(new Dated(year.lastMillis(), attendanceLine(personId, year, yearReturns)));
            }
        }
        java.util.Comparator<Dated> byDate = java.util.Comparator.comparingLong(Dated::millis);
        lines.sort(filter.newestFirst() ? byDate.reversed() : byDate);

        List<String> agencies = new ArrayList<>();
        List<String> concerns = new ArrayList<>();
        if (after == null) {
            aggs.path("agencies").path("buckets").forEach(b -> agencies.add(b.path("key").asText()));
            agencies.sort(null);
            concerns.addAll(concernsOf(aggs));
            concerns.sort(null);
        }
        return new Profile.ChronologyPage(lines.stream().map(Dated::line).toList(), next, agencies, concerns);
    }

    /** The records a page shows at most (besides the grouped returns of the school years it reaches). */
    public static final int PAGE_SIZE = 50;
    private static final int PAGE = PAGE_SIZE;

    /** A school year's attendance line of a page: its mean, returns, latest return and trend, from the aggregation. */
    private record YearLine(SchoolYearRange range, double mean, int returns, long lastMillis, String trend) {
    }

    /** A school year as a date range, September to September. */
    record SchoolYearRange(String name, LocalDate from, LocalDate to) {

        /** The school years from 25 years before {@code today} to the one after it (a child's and a young adult's). */
        static List<SchoolYearRange> around(LocalDate today) {
            List<SchoolYearRange> years = new ArrayList<>();
            for (int start = today.getYear() - 25; start <= today.getYear() + 1; start++) {
                LocalDate from = LocalDate.of(start, 9, 1);
                years.add(new SchoolYearRange(SchoolYear.of(from), from, from.plusYears(1)));
            }
            return years;
        }
    }

    /** The child's own attendance returns with a percentage: grouped per school year, never shown one by one. */
    private static ObjectNode routineReturns(String personId) {
        ObjectNode node = Json.object();
        ArrayNode all = node.putObject("bool").putArray("filter");
        all.addObject().putObject("term").put(EventIndexFields.PERSON_IDS, personId);
        all.addObject().putObject("term").put(EventIndexFields.RECORD_TYPE, "attendance");
        all.addObject().putObject("exists").put("field", EventIndexFields.CODES + "." + ATTENDANCE_PCT);
        all.addObject().putObject("exists").put("field", EventIndexFields.EVENT_DATE);
        return node;
    }

    /** Adds the counting hits' indicator ids as an aggregation named {@code counting} (nested, then filtered). */
    private static void countingIndicators(ObjectNode aggs) {
        ObjectNode nested = aggs.putObject("counting");
        nested.putObject("nested").put("path", EventIndexFields.Hits.PATH);
        ObjectNode counts = nested.putObject("aggs").putObject("counts");
        counts.putObject("filter").putObject("term").put(EventIndexFields.Hits.PATH + "." + EventIndexFields.Hits.COUNTS, true);
        counts.putObject("aggs").putObject("ids").putObject("terms").put("field", EventIndexFields.Hits.INDICATOR_ID_PATH).put("size", 500);
    }

    /** The concerns of the {@code counting} aggregation under {@code node}. */
    private List<String> concernsOf(JsonNode node) {
        Set<String> concerns = new LinkedHashSet<>();
        for (JsonNode bucket : node.path("counting").path("counts").path("ids").path("buckets")) {
            concerns.add(indicators.concern(bucket.path("key").asText()));
        }
        return new ArrayList<>(concerns);
    }

    /** The returns of these school years (one search, oldest first), by school year. */
    private Map<String, List<Event>> returnsOf(String personId, List<YearLine> years) {
        Map<String, List<Event>> byYear = new TreeMap<>();
        if (years.isEmpty()) {
            return byYear;
        }
        ObjectNode body = Json.object();
        body.put("size", years.stream().mapToInt(YearLine::returns).sum());
        ObjectNode bool = body.putObject("query").putObject("bool");
        bool.putArray("filter").add(routineReturns(personId));
        ArrayNode any = bool.putArray("should");
        for (YearLine year : years) {
            any.addObject().putObject("range").putObject(EventIndexFields.EVENT_DATE)
                    .put("gte", year.range().from().toString()).put("lt", year.range().to().toString());
        }
        bool.put("minimum_should_match", 1);
        body.putObject("_source").putArray("excludes").add("entities").add(EventIndexFields.Contexts.PATH).add(EventIndexFields.Entities.NAMES);
        body.putArray("sort").addObject().putObject(EventIndexFields.EVENT_DATE).put("order", "asc");
        for (JsonNode hit : connection.search(connection.alias("events"), body).path("hits").path("hits")) {
            Event event = Event.fromDocument(hit.path("_source"));
            byYear.computeIfAbsent(SchoolYear.of(LocalDate.parse(event.date().value().substring(0, 10))), k -> new ArrayList<>()).add(event);
        }
        return byYear;
    }

    /** One school year's returns as one line: the mean and trend, every return's own note kept, its evidence highlighted. */
    private Profile.ChronologyLine attendanceLine(String personId, YearLine year, List<Event> returns) {
        Event last = returns.getLast();
        StringBuilder text = new StringBuilder();
        StringBuilder highlighted = new StringBuilder();
        for (Event r : returns) {
            String heading = r.date().value().substring(0, 10) + ": " + r.codeNumber(ATTENDANCE_PCT) + " %\n";
            Entry one = entry(r);
            text.append(heading).append(one.text() == null ? "" : one.text() + "\n");
            highlighted.append(Highlights.mark(heading, List.of())).append(one.highlighted().isEmpty() ? "" : one.highlighted() + "\n");
        }
        Entry summary = new Entry(last.eventId(), last.date().value(), last.agency(), "attendance",
                String.format(java.util.Locale.ROOT, "Attendance %s: %.0f %% over %d return%s%s", year.range().name(), year.mean(), returns.size(),
                        returns.size() == 1 ? "" : "s", year.trend()), text.toString(), highlighted.toString(),
                returns.stream().flatMap(r -> entry(r).evidence().stream()).toList());
        return new Profile.ChronologyLine(summary, false, List.of(), concerns(summary), returns.size(), List.of(personId));
    }

    private static ArrayNode strings(java.util.Collection<String> values) {
        ArrayNode array = Json.object().arrayNode();
        values.forEach(array::add);
        return array;
    }

    private Profile.ChronologyLine line(Event event, String childId, int grouped) {
        Entry entry = entry(event);
        List<String> personIds = event.personIds();
        List<String> people = new ArrayList<>();
        for (EventPerson p : event.people()) {
            String name = p.name();
            if (name != null && !"professional".equals(p.role())) {
                people.add(name + (p.role() == null ? "" : " (" + p.role() + ")"));
            }
        }
        return new Profile.ChronologyLine(entry, !personIds.contains(childId), people, concerns(entry), grouped, personIds);
    }

    private List<String> concerns(Entry entry) {
        return entry.evidence().stream().filter(Evidence::counts).map(e -> indicators.concern(e.indicatorId())).distinct().toList();
    }

    /**
     * The chronology for export (CSV by the API): like {@link #chronology} but recorded in the
     * audit trail as an export, with the purpose the user stated.
     */
    @AuditedRead(value = AuditTrail.EXPORT, person = 0, detail = "chronology csv")
    public List<Entry> exportChronology(String personId) {
        return chronology(personId, null, null);
    }

    /**
     * The score's own explanation (the scorer's contributions as of the risk day), per indicator:
     * counting hits, points now, latest date, and the evidence of the strongest hit. Strongest first.
     */
    public List<Contribution> contributions(String personId) {
        Map<String, Contribution> byIndicator = new LinkedHashMap<>();
        for (var c : scores.assess(personId, day.today()).now().contributions()) {
            if (!c.counts() || c.contribution() <= 0) {
                continue;
            }
            Contribution before = byIndicator.get(c.indicatorId());
            byIndicator.put(c.indicatorId(), before == null
                    ? new Contribution(c.indicatorId(), c.title(), c.concern(), 1, c.contribution(), c.date().toString(),
                            c.evidence() == null ? null : Highlights.plain(c.evidence()), c.reach().name().toLowerCase(java.util.Locale.ROOT))
                    : new Contribution(before.indicatorId(), before.title(), before.concern(), before.hits() + 1,
                            before.points() + c.contribution(), max(before.lastDate(), c.date().toString()), before.example(), before.reach()));
        }
        List<Contribution> contributions = new ArrayList<>(byIndicator.values());
        contributions.sort((x, y) -> Double.compare(y.points(), x.points()));
        return contributions;
    }

    /** Month-end scores over the last three years up to the risk day, as the scorer computes them (decay included). */
    public List<TrendPoint> trend(String personId) {
        List<TrendPoint> points = new ArrayList<>();
        for (var point : scores.timeline(personId, day.today(), 36).points()) {
            points.add(new TrendPoint(point.date().toString().substring(0, 7), point.score()));
        }
        return points;
    }

    private static String max(String a, String b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** Other person records sharing a date of birth and a similar name, with any recorded decision. */
    public List<Candidate> duplicates(String personId) {
        return person(personId).map(this::duplicates).orElse(List.of());
    }

    /** As {@link #duplicates(String)}, for a person document already read (its {@code _source}). */
    public List<Candidate> duplicates(JsonNode source) {
        String personId = Json.text(source, "person_id");
        return duplicatesFrom(connection.search(connection.alias("persons"), duplicatesSearch(source).body()), decisions.decisionsFor(personId));
    }

    /**
     * The two searches {@link #duplicates(JsonNode)} sends (the similar person records, the decisions
     * recorded on the person's pairs), for a page to send in an {@code _msearch} beside its own; read
     * their answers with {@link #duplicatesFrom(JsonNode, JsonNode, JsonNode)}.
     */
    public List<OpenSearchConnection.Search> duplicatesSearches(JsonNode source) {
        return List.of(duplicatesSearch(source), decisions.decisionsSearch(Json.text(source, "person_id")));
    }

    /** {@link #duplicates(JsonNode)} from the answers to {@link #duplicatesSearches}, in their order. */
    public List<Candidate> duplicatesFrom(JsonNode source, JsonNode similar, JsonNode decided) {
        return duplicatesFrom(similar, decisions.decisionsFrom(Json.text(source, "person_id"), decided));
    }

    private OpenSearchConnection.Search duplicatesSearch(JsonNode source) {
        String personId = Json.text(source, "person_id");
        ObjectNode body = Json.object();
        body.put("size", 10);
        ObjectNode bool = body.putObject("query").putObject("bool");
        bool.putArray("must_not").addObject().putObject("term").put("person_id", personId);
        ArrayNode should = bool.putArray("should");
        String names = String.join(" ", Json.strings(source.path("given_names"))) + " " + String.join(" ", Json.strings(source.path("family_name")));
        should.addObject().putObject("match").putObject("all_names").put("query", names.trim()).put("fuzziness", "AUTO");
        String dob = Json.text(source, "date_of_birth");
        if (dob != null) {
            should.addObject().putObject("term").putObject("date_of_birth").put("value", dob).put("boost", 3);
        }
        bool.put("minimum_should_match", dob == null ? 1 : 2);
        return new OpenSearchConnection.Search(connection.alias("persons"), body);
    }

    private static List<Candidate> duplicatesFrom(JsonNode answer, Map<String, String> decided) {
        List<Candidate> candidates = new ArrayList<>();
        JsonNode hits = answer.path("hits");
        double max = hits.path("max_score").asDouble(1);
        for (JsonNode hit : hits.path("hits")) {
            JsonNode other = hit.path("_source");
            String otherId = Json.text(other, "person_id");
            candidates.add(new Candidate(otherId, name(other), Json.text(other, "date_of_birth"), Json.strings(other.path("postcodes")),
                    max <= 0 ? 0 : hit.path("_score").asDouble() / max, decided.get(otherId)));
        }
        return candidates;
    }

    /**
     * Who lives with whom over time and who is linked to whom around the person (part of an opened
     * profile or review page): one persons query for the members, one aggregation for the records
     * each pair has in common (at most 50 members, as on the profile).
     */
    public HouseholdNetwork network(String personId) {
        Optional<JsonNode> person = person(personId);
        if (person.isEmpty()) {
            return new HouseholdNetwork(List.of(), List.of(), List.of());
        }
        JsonNode focus = person.get();
        Map<String, String> relationOf = relationsOf(focus);
        List<JsonNode> others = HouseholdMembers.of(connection, personId, relationOf.keySet(), Json.strings(focus.path("household_ids")));
        List<String> ids = new ArrayList<>();
        ids.add(personId);
        others.forEach(o -> ids.add(Json.text(o, "person_id")));
        ObjectNode body = Json.object();
        body.put("size", 0);
        ArrayNode any = body.putObject("query").putObject("bool").putArray("filter").addObject().putObject("terms").putArray(EventIndexFields.PERSON_IDS);
        ids.forEach(any::add);
        ObjectNode filters = body.putObject("aggs").putObject("pairs").putObject("adjacency_matrix").putObject("filters");
        for (int i = 0; i < ids.size(); i++) {
            filters.putObject("p" + i).putObject("term").put(EventIndexFields.PERSON_IDS, ids.get(i));
        }
        Map<String, Long> records = new LinkedHashMap<>();
        Map<String, Long> inCommon = new LinkedHashMap<>();
        for (JsonNode bucket : connection.search(connection.alias("events"), body)
                .path("aggregations").path("pairs").path("buckets")) {
            String[] keys = bucket.path("key").asText().split("&");
            long count = bucket.path("doc_count").asLong();
            if (keys.length == 1) {
                records.put(ids.get(Integer.parseInt(keys[0].substring(1))), count);
            } else {
                inCommon.put(HouseholdNetwork.pair(ids.get(Integer.parseInt(keys[0].substring(1))), ids.get(Integer.parseInt(keys[1].substring(1)))), count);
            }
        }
        return HouseholdNetwork.of(networkSource(focus), others.stream().map(ProfileService::networkSource).toList(), relationOf, records, inCommon);
    }

    private static Map<String, String> relationsOf(JsonNode source) {
        Map<String, String> relations = new LinkedHashMap<>();
        for (JsonNode relation : source.path("relations")) {
            relations.put(relation.path("person_id").asText(), Objects.toString(Json.text(relation, "relation"), "related"));
        }
        return relations;
    }

    private static HouseholdNetwork.Source networkSource(JsonNode source) {
        List<AddressPeriods.Record> addresses = new ArrayList<>();
        Set<String> postcodes = new LinkedHashSet<>();
        for (JsonNode a : source.path("addresses")) {
            addresses.add(new AddressPeriods.Record(Json.text(a, "address"), Json.text(a, "postcode"), Json.text(a, "from"), Json.text(a, "to")));
            postcodes.add(Json.text(a, "postcode"));
        }
        // A person known only by postcodes (no dated address) still shows where they were seen.
        for (String postcode : Json.strings(source.path("postcodes"))) {
            if (!postcodes.contains(postcode)) {
                addresses.add(new AddressPeriods.Record(null, postcode, null, null));
            }
        }
        return new HouseholdNetwork.Source(Json.text(source, "person_id"), name(source), Json.text(source, "date_of_birth"),
                source.path("is_child").asBoolean(false), addresses, Json.strings(source.path("household_ids")), relationsOf(source));
    }

    /** Records a merge/split decision between two person records (the linker applies it on its next run). */
    public void decide(String personId, String otherId, LinkDecisions.Decision decision, String reason) {
        decisions.record(personId, otherId, decision, reason);
        audit.record(AuditTrail.LINK_DECISION, personId, null, null, decision + " with " + otherId);
    }

    private Optional<JsonNode> person(String personId) {
        OpenSearchConnection.Search search = personSearch(personId);
        return personFrom(connection.search(search.index(), search.body()));
    }

    private OpenSearchConnection.Search personSearch(String personId) {
        ObjectNode body = Json.object();
        body.put("size", 1);
        body.putObject("query").putObject("term").put("person_id", personId);
        return new OpenSearchConnection.Search(connection.alias("persons"), body);
    }

    private static Optional<JsonNode> personFrom(JsonNode answer) {
        JsonNode hits = answer.path("hits").path("hits");
        return hits.isEmpty() ? Optional.empty() : Optional.of(hits.get(0).path("_source"));
    }

    private static String name(JsonNode source) {
        String full = Json.text(source, "full_name");
        if (full != null) {
            return full;
        }
        return (String.join(" ", Json.strings(source.path("given_names"))) + " " + String.join(" ", Json.strings(source.path("family_name")))).trim();
    }

    private static Identity identity(JsonNode source) {
        // Periods of residence: a postcode-only record confirms a known address, it is not a move.
        List<AddressPeriods.Record> records = new ArrayList<>();
        for (JsonNode a : source.path("addresses")) {
            records.add(new AddressPeriods.Record(Json.text(a, "address"), Json.text(a, "postcode"), Json.text(a, "from"), Json.text(a, "to")));
        }
        List<Address> addresses = new ArrayList<>();
        for (AddressPeriods.Period p : AddressPeriods.of(records)) {
            addresses.add(new Address(p.address() == null ? "postcode only" : p.address(), p.postcode(), p.from(), p.to()));
        }
        List<String> identifiers = Identifiers.plain(source.path("identifiers"));
        Set<String> dobs = new LinkedHashSet<>();
        if (Json.text(source, "date_of_birth") != null) {
            dobs.add(Json.text(source, "date_of_birth"));
        }
        dobs.addAll(Json.strings(source.path("dob_text")));
        List<String> aliases = new ArrayList<>(Json.strings(source.path("all_names")));
        return new Identity(Json.text(source, "person_id"), name(source), Json.strings(source.path("given_names")),
                Json.strings(source.path("family_name")), aliases, new ArrayList<>(dobs), Json.text(source, "gender"),
                source.path("is_child").asBoolean(false), identifiers, addresses, Json.strings(source.path("agencies")),
                Json.strings(source.path("household_ids")));
    }

    /** The household list of a person from its members' documents ({@link HouseholdMembers#searchAround}). */
    private static List<Member> household(JsonNode source, List<JsonNode> others) {
        Map<String, String> relationOf = new LinkedHashMap<>();
        for (JsonNode relation : source.path("relations")) {
            relationOf.put(relation.path("person_id").asText(), Json.text(relation, "relation"));
        }
        List<Member> members = new ArrayList<>();
        for (JsonNode other : others) {
            String id = Json.text(other, "person_id");
            members.add(new Member(id, name(other), relationOf.getOrDefault(id, "household member"),
                    Json.text(other, "date_of_birth"), other.path("is_child").asBoolean(false)));
        }
        return members;
    }

    /**
     * A child's risk as of the risk day; nothing for adults. The stored {@code risk} of the person
     * document when it was scored for that day (every write of events rescores the children they
     * reach, with the scorer the explanation and trend use): no event is read. Otherwise (another
     * day, or never scored) from the child's history.
     */
    private Risk risk(String personId, JsonNode source) {
        if (!source.path("is_child").asBoolean(false)) {
            return new Risk(null, null, null, null, List.of());
        }
        LocalDate asOf = day.today();
        JsonNode stored = source.path("risk");
        if (asOf.toString().equals(Json.text(stored, "as_of")) && stored.path("score").isNumber() && Json.text(stored, "band") != null) {
            return new Risk(stored.path("score").asDouble(), Json.text(stored, "band"), stored.path("velocity").asDouble(0), asOf.toString(),
                    Json.strings(stored.path("top_indicators")));
        }
        var assessment = scores.assess(personId, asOf);
        return new Risk(assessment.score(), assessment.band().label(), assessment.velocity(), asOf.toString(),
                assessment.now().topIndicators(5));
    }

    /** A {@code terms} query on one field (a query, not a read of a document: EventDocumentBoundaryTest). */
    private static ObjectNode terms(String field, ArrayNode values) {
        ObjectNode query = Json.object();
        query.putObject("terms").set(field, values);
        return query;
    }
}
