package org.tessera.portal.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.stereotype.Service;
import org.tessera.indexer.events.EventIndexFields;
import org.tessera.indexer.indicators.Severity;
import org.tessera.indexer.opensearch.OpenSearchConnection;
import org.tessera.indexer.scoring.Contribution;
import org.tessera.indexer.scoring.RiskAssessment;
import org.tessera.portal.audit.AuditTrail;
import org.tessera.portal.audit.AuditedRead;
import org.tessera.portal.audit.ReadPurpose;
import org.tessera.portal.common.AddressPeriods;
import org.tessera.portal.common.Beside;
import org.tessera.portal.common.HouseholdMembers;
import org.tessera.portal.common.Identifiers;
import org.tessera.portal.common.IndexVersion;
import org.tessera.portal.common.IndicatorNames;
import org.tessera.portal.common.Json;
import org.tessera.portal.common.Kept;
import org.tessera.portal.profile.Profile.TrendPoint;
import org.tessera.portal.profile.Profile;
import org.tessera.portal.profile.ProfileService;
import org.tessera.portal.review.ReferralReview.Line;
import org.tessera.portal.review.ReferralReview.Page;
import org.tessera.portal.review.ReferralReview.Risk;
import org.tessera.portal.review.ReferralReview.Section;
import org.tessera.portal.review.ReferralReview.Source;
import org.tessera.portal.review.ReferralReview.Tone;
import org.tessera.portal.risk.RecentHistories;
import org.tessera.portal.risk.RiskDay;
import org.tessera.portal.security.CurrentUser;
import org.tessera.portal.security.Roles;

/**
 * The MASH referral review of one child (docs/portal.md, "Referral review"): identity, household
 * and each adult's relevant history, involvement by agency, current concerns beside the
 * single-threshold view, previous contacts and referrals with their outcomes, what is new since
 * the last review, and the decisions. Opening it and downloading its pack are reads audited with
 * the bound purpose ({@link AuditedRead}); recording a decision is audited as a decision. Thread-safe.
 */
@Service
@RolesAllowed({Roles.PRACTITIONER, Roles.DUTY_MANAGER})
public class ReferralReviewService {

    static final int MAX_EVENTS = 2000;
    private static final Set<String> CSC_HISTORY = Set.of("contact", "referral", "assessment", "section47", "cp_plan");
    private static final Set<String> HOUSING_TYPES = Set.of("homeless_application", "notice_seeking_possession", "eviction",
            "rent_arrears", "tenancy_start");
    /**
     * What puts a record on the page one by one (docs/portal.md, "Engine work of the review page"): its
     * type (contacts and referrals, missed appointments, attendance, exclusions, domestic incidents,
     * crimes, housing), its agency (probation), its codes (DASH, MARAC, offence), an indicator of a
     * concern a section lists, or its date (what is new). A superset of what each section keeps: the
     * sections still apply their own rules to what is read.
     */
    private static final Set<String> LISTED_TYPES;
    private static final List<String> LISTED_CODES = List.of("dash_level", "marac", "offence", "offence_group");
    private static final List<String> LISTED_CONCERNS = List.of("domestic_abuse", "adult_offending", "parental_mental_health",
            "parental_substance_misuse", "housing_instability");
    private static final String MARAC_INDICATOR = "PAR02";
    /** The fields of a record the sections read (never its text, entities or contexts). */
    private static final List<String> SHOWN_FIELDS = List.of(EventIndexFields.EVENT_ID, EventIndexFields.AGENCY, EventIndexFields.RECORD_TYPE,
            EventIndexFields.EVENT_DATE, EventIndexFields.INGESTED_AT, EventIndexFields.TITLE, EventIndexFields.CODES,
            EventIndexFields.PERSON_IDS, EventIndexFields.People.PERSON_ID_PATH, EventIndexFields.People.ROLE_PATH,
            EventIndexFields.Hits.INDICATOR_ID_PATH, EventIndexFields.Hits.PATH + "." + EventIndexFields.Hits.COUNTS);

    static {
        Set<String> types = new LinkedHashSet<>(CSC_HISTORY);
        types.addAll(HOUSING_TYPES);
        types.addAll(List.of("appointment_missed", "attendance", "exclusion", "domestic_incident", "crime"));
        LISTED_TYPES = Set.copyOf(types);
    }

    private final OpenSearchConnection connection;
    private final AuditTrail audit;
    private final RecentHistories scores;
    private final RiskDay day;
    private final DecisionStore decisions;
    private final ProfileService profiles;
    private final IndicatorNames indicators;
    private final Clock clock;
    /** Every index a page reads: the child's history (events, persons), decisions, link decisions, indicators. */
    private static final List<String> READS = List.of("events", "persons", "decisions", "linkage", "indicators");
    static final int KEPT_PAGES = 200;
    private final IndexVersion version;
    private final Kept<Optional<Page>> pages = new Kept<>(KEPT_PAGES);

    public ReferralReviewService(OpenSearchConnection connection, AuditTrail audit, RecentHistories scores, RiskDay day,
                                 DecisionStore decisions, ProfileService profiles, Clock clock) {
        this.connection = connection;
        this.audit = audit;
        this.scores = scores;
        this.day = day;
        this.decisions = decisions;
        this.profiles = profiles;
        this.indicators = new IndicatorNames(connection);
        this.clock = clock;
        this.version = new IndexVersion(connection, READS);
    }

    /** Opens the review (audited with the bound purpose: {@link AuditedRead}). */
    @AuditedRead(value = AuditTrail.REFERRAL_REVIEW_VIEW, person = 0)
    public Optional<Page> open(String personId) {
        return build(personId);
    }

    /**
     * The strategy pack of the review as a file, recorded in the audit trail as a disclosure with
     * the bound purpose, which the pack also prints.
     */
    @AuditedRead(value = AuditTrail.DISCLOSURE, person = 0)
    public Optional<byte[]> pack(String personId, PackFormat format) {
        String purpose = ReadPurpose.current().orElseThrow();
        return build(personId).map(page -> format.render(page, new PackFormat.Stamp(CurrentUser.name(), clock.instant(), purpose)));
    }

    /** Records the MASH decision on the child's referral; returns it as stored. */
    @RolesAllowed(Roles.DUTY_MANAGER)
    public MashDecision decide(String personId, MashDecision.Rag rag, MashDecision.Outcome outcome, String rationale,
                               MashDecision.Consent consent, LocalDate nextReview) {
        RiskAssessment assessment = scores.assess(personId, day.today());
        MashDecision decision = new MashDecision(personId, rag, outcome, rationale, consent, nextReview, clock.instant(),
                CurrentUser.name(), assessment.score(), assessment.band().label());
        decisions.add(decision);
        audit.record(AuditTrail.MASH_DECISION, personId, null, null, rag.label() + ", " + outcome.label());
        return decision;
    }

    /** The latest decision on each of these children (for the watchlist and the profile, which audit their own views). */
    public Map<String, MashDecision> latestDecisions(Collection<String> personIds) {
        return decisions.latest(personIds);
    }

    /** The full text of a record the review cites, if it belongs to the child or the child's household (audited). */
    @AuditedRead(value = AuditTrail.CHRONOLOGY_VIEW, person = 0, detail = "a record cited by the referral review")
    public Optional<Profile.Entry> record(String personId, String eventId) {
        return profiles.record(personId, eventId).or(() -> householdRecord(personId, eventId));
    }

    private Optional<Profile.Entry> householdRecord(String personId, String eventId) {
        Optional<JsonNode> person = person(personId);
        if (person.isEmpty()) {
            return Optional.empty();
        }
        Set<String> adults = members(person.get(), Set.of()).keySet();
        if (adults.isEmpty()) {
            return Optional.empty();
        }
        // That one record, if it is a household adult's: not every adult's history to find it.
        ObjectNode query = eventsQuery(List.copyOf(adults), personId, true);
        query.put("size", 1);
        ((ArrayNode) query.path("query").path("bool").path("filter")).addObject().putObject("term").put(EventIndexFields.EVENT_ID, eventId);
        return eventsFrom(connection.search(connection.alias("events"), query)).stream().findFirst()
                .map(e -> new Profile.Entry(e.id(), e.date(), e.agency(), e.type(), e.title(), e.text(),
                        org.springframework.web.util.HtmlUtils.htmlEscape(e.text() == null ? "" : e.text()), List.of()));
    }

    // ---------------------------------------------------------------------------------------------
    // Building the page

    /** One event as the review reads it. */
    /** An event as the review page reads it: the core {@link org.tessera.indexer.events.Event}, with the page's names for its parts. */
    record Event(org.tessera.indexer.events.Event event, String fetchedText) {
        Event(org.tessera.indexer.events.Event event) {
            this(event, null);
        }

        String id() {
            return event.eventId();
        }

        String agency() {
            return event.agency();
        }

        String type() {
            return Optional.ofNullable(event.recordType()).orElse("record");
        }

        /** The day ({@code yyyy-MM-dd}) of the event date, null when it has none. */
        String date() {
            return event.date() == null ? null : event.date().value().substring(0, Math.min(10, event.date().value().length()));
        }

        String title() {
            return event.title();
        }

        /** The text, where it was read: the page reads it only of records whose MARAC indicator needs it ({@link #maracTextQuery}). */
        String text() {
            return fetchedText != null ? fetchedText : event.text();
        }

        List<String> personIds() {
            return event.personIds();
        }

        List<org.tessera.indexer.events.EventPerson> people() {
            return event.people();
        }

        List<org.tessera.indexer.events.EventHit> hits() {
            return event.hitsOrNone();
        }

        String ingestedAt() {
            return event.ingestedAt();
        }

        Source source() {
            return new Source(id(), agency(), type(), date());
        }

        String code(String field) {
            org.tessera.indexer.events.EventCode code = event.codes().get(field);
            return code == null ? null : code.display();
        }

        String roleOf(String personId) {
            for (var p : people()) {
                if (personId.equals(p.personId())) {
                    return p.role();
                }
            }
            return null;
        }

        LocalDate day() {
            return date() == null ? null : LocalDate.parse(date().substring(0, 10));
        }
    }

    /**
     * The page of the child as the engine shows it now: kept under the fingerprint of every index the
     * page reads ({@link #READS}), the risk day and the child (at most {@value #KEPT_PAGES} pages), so
     * a page is built again as soon as anything it could show has changed and visible (an ingest or
     * arrival, a rescore, a decision, a link decision, an indicator), and otherwise served as built.
     * Nothing of the user goes into a page; each view is still audited by its caller ({@link #open},
     * {@link #pack}), kept page or not.
     */
    private Optional<Page> build(String personId) {
        LocalDate today = day.today();
        Map<String, String> versions = version.byIndex();
        return pages.get(IndexVersion.of(versions, READS) + "|" + today + "|" + personId, () -> build(personId, today, versions));
    }

    private Optional<Page> build(String personId, LocalDate today, Map<String, String> versions) {
        // The person, what the child's records add up to (their number, the dates of birth they give,
        // the adults they name, the latest school and GP), its decisions and the ids of the listed
        // concerns' indicators in one round trip: none depends on another.
        String eventsIndex = connection.alias("events");
        // The child's score, its trend and why (the history the scorer reads: on a child's first view its
        // scrolls, under the fingerprint just read) need only the child's id: read beside the page's searches.
        Beside<RecentHistories.Assessed> assessing = Beside.start(connection.meter(),
                () -> scores.assessWithTimeline(personId, today, 12, versions));
        List<JsonNode> first = connection.msearch(List.of(
                new OpenSearchConnection.Search(connection.alias("persons"), personQuery(personId)),
                new OpenSearchConnection.Search(eventsIndex, overviewQuery(personId)),
                decisions.historySearch(personId),
                indicators.idsSearch(LISTED_CONCERNS)));
        JsonNode personHits = first.get(0).path("hits").path("hits");
        if (personHits.isEmpty()) {
            return Optional.empty();
        }
        JsonNode person = personHits.get(0).path("_source");
        Overview overview = overviewFrom(first.get(1));
        List<MashDecision> history = decisions.historyFrom(first.get(2));
        // The household and significant others, and the child's possible duplicates with the decisions on
        // them, in one round trip: each needs only the person.
        List<OpenSearchConnection.Search> around = new ArrayList<>(profiles.duplicatesSearches(person));
        Optional<OpenSearchConnection.Search> membersSearch = membersSearch(person, overview.namedAdults());
        membersSearch.ifPresent(around::add);
        List<JsonNode> aroundAnswers = connection.msearch(around);
        List<Profile.Candidate> duplicates = profiles.duplicatesFrom(person, aroundAnswers.get(0), aroundAnswers.get(1));
        Map<String, JsonNode> members = membersSearch.isEmpty() ? Map.of() : membersFrom(HouseholdMembers.from(aroundAnswers.get(2)));
        List<String> adultIds = members.entrySet().stream().filter(m -> !m.getValue().path("is_child").asBoolean(false))
                .map(Map.Entry::getKey).toList();
        // Then, in one round trip, only the records a section lists (their shown fields), the text of
        // the records whose MARAC indicator needs it, and the involvement by agency counted at the engine.
        List<String> everyone = new ArrayList<>(List.of(personId));
        everyone.addAll(adultIds);
        ObjectNode listed = listedFilter(indicators.idsFrom(LISTED_CONCERNS, first.get(3)), history, today);
        List<OpenSearchConnection.Search> searches = new ArrayList<>(List.of(
                new OpenSearchConnection.Search(eventsIndex, listedQuery(List.of(personId), personId, false, listed)),
                new OpenSearchConnection.Search(eventsIndex, maracTextQuery(everyone)),
                new OpenSearchConnection.Search(eventsIndex, agenciesQuery(everyone, personId))));
        if (!adultIds.isEmpty()) {
            searches.add(new OpenSearchConnection.Search(eventsIndex, listedQuery(adultIds, personId, true, listed)));
        }
        List<JsonNode> second = connection.msearch(searches);
        Map<String, String> maracTexts = texts(second.get(1));
        List<Event> own = eventsFrom(second.get(0), maracTexts);
        List<Event> household = adultIds.isEmpty() ? List.of() : eventsFrom(second.get(3), maracTexts);
        List<AgencyRow> agencyRows = agencyRows(second.get(2));
        RecentHistories.Assessed assessed = assessing.join();
        RiskAssessment assessment = assessed.assessment();
        List<AddressPeriods.Period> addresses = addresses(person);

        List<TrendPoint> trend = new ArrayList<>();
        for (var point : assessed.timeline().points()) {
            trend.add(new TrendPoint(point.date().toString().substring(0, 7), point.score()));
        }
        Risk risk = new Risk(assessment.score(), assessment.band().label(), assessment.velocity(), today.toString(), trend);

        List<Section> sections = new ArrayList<>();
        sections.add(newSinceLastReview(own, household, history, today, members));
        sections.add(identity(person, overview, addresses, duplicates, today));
        sections.add(household(person, members, own, household, today));
        sections.add(agencies(agencyRows));
        sections.add(concerns(assessment, trend));
        sections.add(singleThreshold(assessment));
        sections.add(previousReferrals(own));
        sections.add(health(own, today));
        sections.add(education(own));
        sections.add(housing(own, household, addresses, today));
        sections.add(decisionHistory(history));
        return Optional.of(new Page(personId, name(person), Json.text(person, "date_of_birth"), risk, sections, history));
    }

    private Section identity(JsonNode person, Overview overview, List<AddressPeriods.Period> addresses, List<Profile.Candidate> duplicates,
                             LocalDate today) {
        List<Line> lines = new ArrayList<>();
        String dob = Json.text(person, "date_of_birth");
        lines.add(Line.plain(name(person) + (dob == null ? ", date of birth not recorded" : ", born " + dob + age(dob, today))
                + (Json.text(person, "gender") == null ? "" : ", " + Json.text(person, "gender"))));
        List<String> agencies = Json.strings(person.path("agencies"));
        Set<String> dobs = overview.datesOfBirth();
        List<String> identifiers = Identifiers.plain(person.path("identifiers"));
        boolean strong = identifiers.stream().anyMatch(i -> i.startsWith("NHS number") || i.startsWith("UPN"));
        boolean dobsAgree = dobs.size() <= 1;
        // A possible duplicate nobody has decided may hold another part of this child's history (or
        // belong to another child): until it is decided the identity is not confirmed, however well
        // the sources agree.
        long pending = duplicates.stream().filter(c -> c.decision() == null).count();
        boolean sourcesAgree = strong && dobsAgree && agencies.size() >= 2;
        String sure = !sourcesAgree ? "Identity not fully confirmed"
                : pending > 0 ? "Identity not confirmed: " + pending + " possible duplicate record" + (pending == 1 ? "" : "s") + " undecided"
                : "Identity confirmed";
        lines.add(new Line(sure + ": " + agencies.size() + " agenc" + (agencies.size() == 1 ? "y" : "ies") + " ("
                + String.join(", ", agencies).replace('_', ' ') + ") link " + overview.records() + " record" + (overview.records() == 1 ? "" : "s")
                + " to this child; dates of birth across the records " + (dobsAgree ? "agree" : "differ: " + String.join(", ", dobs))
                + (strong ? "; a national identifier is held" : "; no NHS number or UPN held")
                + (duplicates.isEmpty() ? "; no possible duplicate records"
                        : "; possible duplicates: " + pending + " undecided, " + (duplicates.size() - pending) + " decided"
                        + (pending > 0 ? " (decide them on the profile)" : "")),
                sourcesAgree && pending == 0 ? Tone.PLAIN : Tone.CONCERN, List.of()));
        for (String identifier : identifiers) {
            lines.add(Line.plain(identifier));
        }
        if (duplicates.isEmpty()) {
            lines.add(Line.plain("No possible duplicate records"));
        }
        for (Profile.Candidate c : duplicates) {
            lines.add(new Line("Possible duplicate: " + c.name() + (c.dateOfBirth() == null ? "" : ", born " + c.dateOfBirth())
                    + (c.postcodes().isEmpty() ? "" : ", " + String.join(", ", c.postcodes()))
                    + String.format(Locale.ROOT, " (similarity %.0f %%): %s", 100 * c.similarity(), c.decision() == null ? "undecided" : c.decision()),
                    c.decision() == null ? Tone.CONCERN : Tone.PLAIN, List.of()));
        }
        if (addresses.isEmpty()) {
            lines.add(Line.plain("Where the child lives: no address recorded"));
        } else {
            lines.add(Line.plain("Where the child lives: " + addresses.getFirst().describe()));
            for (AddressPeriods.Period p : addresses.subList(1, addresses.size())) {
                lines.add(Line.plain("Previously: " + p.describe()));
            }
        }
        Event school = overview.school();
        lines.add(school == null ? Line.plain("School: not recorded in the sources")
                : new Line("School: " + school.code("school"), Tone.PLAIN, List.of(school.source())));
        Event gp = overview.gp();
        lines.add(gp == null ? Line.plain("GP practice: not recorded in the sources")
                : new Line("GP practice: " + gp.code("gp_practice"), Tone.PLAIN, List.of(gp.source())));
        return new Section("identity", "Identity and how sure we are", sure, lines);
    }

    private Section household(JsonNode person, Map<String, JsonNode> members, List<Event> own, List<Event> household, LocalDate today) {
        List<Line> lines = new ArrayList<>();
        Map<String, String> relationOf = relations(person);
        List<Event> all = new ArrayList<>(own);
        all.addAll(household);
        List<Event> da12 = all.stream().filter(this::domesticAbuse)
                .filter(e -> e.day() != null && !e.day().isBefore(today.minusDays(365))).distinct().toList();
        if (da12.isEmpty()) {
            lines.add(Line.plain("Domestic abuse at the address in the last 12 months: none recorded"));
        } else {
            lines.add(new Line("Domestic abuse at the address in the last 12 months: " + da12.size() + " incident" + (da12.size() == 1 ? "" : "s")
                    + " (" + String.join(", ", da12.stream().map(e -> e.date() + " DASH " + Optional.ofNullable(e.code("dash_level")).orElse("not recorded")).toList()) + ")",
                    Tone.CONCERN, da12.stream().map(Event::source).toList()));
        }
        if (members.isEmpty()) {
            lines.add(Line.plain("No household members or significant others recorded"));
        }
        for (var member : members.entrySet()) {
            JsonNode m = member.getValue();
            String id = member.getKey();
            boolean child = m.path("is_child").asBoolean(false);
            String dob = Json.text(m, "date_of_birth");
            String relation = relationOf.getOrDefault(id, Json.strings(m.path("household_ids")).stream()
                    .anyMatch(h -> Json.strings(person.path("household_ids")).contains(h)) ? "household member" : "linked through records");
            lines.add(new Line(name(m) + ": " + relation + (dob == null ? "" : ", born " + dob + age(dob, today))
                    + (child ? " (child)" : "") + "; known to " + agencyList(m), Tone.HOUSEHOLD, List.of()));
            if (child) {
                continue;
            }
            List<Event> theirs = household.stream().filter(e -> e.personIds().contains(id)).toList();
            List<Event> withChild = own.stream().filter(e -> e.personIds().contains(id)).toList();
            List<Event> both = new ArrayList<>(withChild);
            both.addAll(theirs);
            lines.addAll(adultHistory(name(m), id, both));
        }
        return new Section("household", "Household and significant others", members.size() + " people linked to the child", lines);
    }

    /** An adult's relevant history: domestic abuse with DASH, MARAC, offending, probation risk, mental health, substance misuse. */
    private List<Line> adultHistory(String name, String id, List<Event> events) {
        List<Line> lines = new ArrayList<>();
        List<Event> da = events.stream().filter(this::domesticAbuse).toList();
        if (!da.isEmpty()) {
            List<String> parts = new ArrayList<>();
            for (Event e : da) {
                String role = e.roleOf(id);
                parts.add(e.date() + (e.code("dash_level") == null ? "" : " DASH " + e.code("dash_level"))
                        + (role == null ? "" : " as " + role));
            }
            lines.add(new Line(name + " – domestic abuse: " + da.size() + " incident" + (da.size() == 1 ? "" : "s") + " (" + String.join("; ", parts) + ")",
                    Tone.CONCERN, da.stream().map(Event::source).toList()));
        }
        List<Event> marac = events.stream().filter(e -> e.code("marac") != null || hasIndicator(e, "PAR02") && textHas(e, "marac")).toList();
        if (!marac.isEmpty()) {
            lines.add(new Line(name + " – MARAC: " + String.join(", ", marac.stream().map(e -> e.date()
                    + (e.code("marac") == null ? "" : " (" + e.code("marac") + ")")).toList()), Tone.CONCERN, marac.stream().map(Event::source).toList()));
        }
        List<Event> offences = events.stream().filter(e -> !"probation".equals(e.agency()) && (e.code("offence") != null
                || e.code("offence_group") != null || "crime".equals(e.type()) || concerns(e).contains("adult_offending"))).toList();
        if (!offences.isEmpty()) {
            lines.add(new Line(name + " – offending: " + String.join("; ", offences.stream().map(e -> e.date() + " "
                    + firstNonNull(e.code("offence"), e.code("offence_group"), e.title(), e.type())).toList()), Tone.CONCERN,
                    offences.stream().map(Event::source).toList()));
        }
        List<Event> probation = events.stream().filter(e -> "probation".equals(e.agency())).toList();
        if (!probation.isEmpty()) {
            Event last = probation.stream().max((a, b) -> String.valueOf(a.date()).compareTo(String.valueOf(b.date()))).orElseThrow();
            String riskToChildren = probation.stream().map(e -> e.code("risk_to_children")).filter(v -> v != null).reduce((a, b) -> b).orElse("not recorded");
            lines.add(new Line(name + " – probation: " + firstNonNull(last.code("sentence_type"), last.title(), "supervision")
                    + ", last " + last.date() + "; risk of serious harm " + firstNonNull(last.code("rosh"), last.code("risk_of_harm"), "not recorded")
                    + "; risk to children: " + riskToChildren
                    + (last.code("mappa_category") == null ? "" : "; MAPPA category " + last.code("mappa_category")
                    + (last.code("mappa_level") == null ? "" : " level " + last.code("mappa_level"))),
                    "yes".equalsIgnoreCase(riskToChildren) || last.code("mappa_category") != null ? Tone.CONCERN : Tone.PLAIN,
                    probation.stream().map(Event::source).toList()));
        }
        addConcernLine(lines, name + " – mental health", events, "parental_mental_health");
        addConcernLine(lines, name + " – substance misuse", events, "parental_substance_misuse");
        if (lines.isEmpty()) {
            lines.add(Line.plain(name + " – no domestic abuse, MARAC, offending, probation, mental health or substance misuse recorded"));
        }
        return lines;
    }

    private void addConcernLine(List<Line> lines, String label, List<Event> events, String concern) {
        List<Event> matching = events.stream().filter(e -> concerns(e).contains(concern)).toList();
        if (!matching.isEmpty()) {
            Set<String> titles = new LinkedHashSet<>();
            for (Event e : matching) {
                for (var h : e.hits()) {
                    if (h.countsTowardsScore() && concern.equals(indicators.concern(h.indicatorId()))) {
                        titles.add(indicators.title(h.indicatorId()));
                    }
                }
            }
            lines.add(new Line(label + ": " + String.join(", ", titles) + " (" + String.join(", ", matching.stream().map(Event::date).toList()) + ")",
                    Tone.CONCERN, matching.stream().map(Event::source).toList()));
        }
    }

    private Section agencies(List<AgencyRow> rows) {
        List<Line> lines = new ArrayList<>();
        for (AgencyRow row : rows) {
            Map<String, Integer> flags = new LinkedHashMap<>();
            row.flags().forEach((id, count) -> flags.merge(indicators.title(id), count, Integer::sum));
            Event last = row.last();
            lines.add(new Line(row.agency().replace('_', ' ') + ": last contact " + last.date() + " (" + last.type().replace('_', ' ') + "); "
                    + row.records() + " record" + (row.records() == 1 ? "" : "s") + "; open episode: " + openEpisode(row) + "; key flags: "
                    + (flags.isEmpty() ? "none" : String.join(", ", flags.entrySet().stream().map(f -> f.getKey() + (f.getValue() > 1 ? " ×" + f.getValue() : "")).toList())),
                    flags.isEmpty() ? Tone.PLAIN : Tone.CONCERN, List.of(last.source())));
        }
        if (lines.isEmpty()) {
            lines.add(Line.plain("No agency holds a record of this child or household"));
        }
        return new Section("agencies", "Involvement by agency", rows.size() + " agencies hold records of the child or household", lines);
    }

    /** An episode still open by the records themselves; "none recorded" when the records do not say. */
    private static String openEpisode(AgencyRow row) {
        if ("social_care".equals(row.agency())) {
            Event plan = row.lastPlan();
            if (plan != null && plan.code("cp_end_date") == null) {
                return "child protection plan since " + plan.date();
            }
        }
        if ("probation".equals(row.agency())) {
            Event last = row.last();
            if (last != null && !"END".equalsIgnoreCase(last.code("supervision_event"))) {
                return "under supervision (last event " + last.date() + ")";
            }
        }
        return "none recorded";
    }

    private Section concerns(RiskAssessment assessment, List<TrendPoint> trend) {
        Map<String, List<Contribution>> byConcern = new LinkedHashMap<>();
        for (Contribution c : assessment.now().contributions()) {
            if (c.addsPoints()) {
                byConcern.computeIfAbsent(c.concern() == null ? c.indicatorId() : c.concern(), k -> new ArrayList<>()).add(c);
            }
        }
        List<Line> lines = new ArrayList<>();
        String first = trend.isEmpty() ? null : String.format(Locale.ROOT, "%.1f in %s", trend.getFirst().score(), trend.getFirst().month());
        lines.add(Line.plain(String.format(Locale.ROOT, "Cumulative score %.1f (%s), %+.1f in the last 30 days", assessment.score(),
                assessment.band().label(), assessment.velocity()) + (first == null ? "" : "; trend from " + first
                + " to " + String.format(Locale.ROOT, "%.1f in %s", trend.getLast().score(), trend.getLast().month()))));
        List<Map.Entry<String, List<Contribution>>> ordered = new ArrayList<>(byConcern.entrySet());
        ordered.sort((a, b) -> Double.compare(points(b.getValue()), points(a.getValue())));
        for (var entry : ordered) {
            List<Contribution> cs = entry.getValue();
            Contribution strongest = cs.getFirst();
            Set<String> titles = new LinkedHashSet<>();
            Set<String> agencies = new LinkedHashSet<>();
            List<Source> sources = new ArrayList<>();
            for (Contribution c : cs) {
                titles.add(c.title() == null ? c.indicatorId() : c.title());
                agencies.add(c.agency());
                Source s = new Source(c.eventId(), c.agency(), c.recordType(), c.date().toString());
                if (!sources.contains(s)) {
                    sources.add(s);
                }
            }
            lines.add(new Line(String.format(Locale.ROOT, "%s: %.1f points from %d hit%s (%s) by %s; strongest %s%s%s",
                    entry.getKey().replace('_', ' '), points(cs), cs.size(), cs.size() == 1 ? "" : "s", String.join(", ", titles),
                    String.join(", ", agencies).replace('_', ' '), strongest.date(),
                    strongest.reach() == null || "DIRECT".equals(strongest.reach().name()) ? "" : " (via " + strongest.reach().name().toLowerCase(Locale.ROOT) + ")",
                    strongest.evidence() == null ? "" : ": “" + org.tessera.portal.common.Highlights.plain(strongest.evidence()) + "”"),
                    Tone.CONCERN, sources));
        }
        if (ordered.isEmpty()) {
            lines.add(Line.plain("No counting concern in the child's records"));
        }
        String summary = String.format(Locale.ROOT, "%d concern%s from %d agenc%s: score %.1f, %s", ordered.size(), ordered.size() == 1 ? "" : "s",
                assessment.now().agencies().size(), assessment.now().agencies().size() == 1 ? "y" : "ies", assessment.score(), assessment.band().label());
        return new Section("concerns", "Current concerns (cumulative)", summary, lines);
    }

    private static double points(List<Contribution> cs) {
        return cs.stream().mapToDouble(Contribution::contribution).sum();
    }

    /** What a single-threshold rule ("any one high-severity event", docs/evaluation.md) would have flagged. */
    private Section singleThreshold(RiskAssessment assessment) {
        List<Contribution> high = assessment.now().contributions().stream()
                .filter(c -> c.counts() && c.severity() == Severity.HIGH).sorted((a, b) -> a.date().compareTo(b.date())).toList();
        List<Line> lines = new ArrayList<>();
        if (high.isEmpty()) {
            lines.add(new Line("Today's single-event rule would not have flagged this child: no single high-severity event; the concern is the accumulation",
                    Tone.CONCERN, List.of()));
        } else {
            Contribution first = high.getFirst();
            lines.add(new Line("Today's single-event rule would have flagged this child on " + first.date() + ": "
                    + (first.title() == null ? first.indicatorId() : first.title()) + " (" + first.agency() + " " + first.recordType() + ")",
                    Tone.PLAIN, List.of(new Source(first.eventId(), first.agency(), first.recordType(), first.date().toString()))));
            long more = high.stream().map(Contribution::eventId).distinct().count() - 1;
            if (more > 0) {
                lines.add(Line.plain(more + " other high-severity event" + (more == 1 ? "" : "s") + " since"));
            }
        }
        return new Section("threshold", "Single-threshold view", high.isEmpty() ? "would not flag" : "would flag", lines);
    }

    private Section previousReferrals(List<Event> own) {
        List<Line> lines = new ArrayList<>();
        List<Event> history = own.stream().filter(e -> CSC_HISTORY.contains(e.type())).toList();
        List<Event> nfa = history.stream().filter(ReferralReviewService::endedNfa).toList();
        if (nfa.size() >= 2) {
            lines.add(new Line("Repeat no further action: " + nfa.size() + " contacts or referrals ended NFA ("
                    + String.join(", ", nfa.stream().map(Event::date).toList()) + ")", Tone.CONCERN, nfa.stream().map(Event::source).toList()));
        }
        for (Event e : history) {
            lines.add(new Line(e.type().replace('_', ' ') + " " + e.date() + (e.title() == null ? "" : " – " + e.title()) + ": outcome "
                    + outcome(e), endedNfa(e) ? Tone.CONCERN : Tone.PLAIN, List.of(e.source())));
        }
        if (history.isEmpty()) {
            lines.add(Line.plain("No previous contact, referral, assessment, section 47 enquiry or plan recorded by children's social care"));
        }
        return new Section("history", "Previous contacts and referrals",
                history.size() + " recorded, " + nfa.size() + " ended with no further action", lines);
    }

    private static boolean endedNfa(Event e) {
        return "nfa".equalsIgnoreCase(e.code("outcome")) || "yes".equalsIgnoreCase(e.code("referral_nfa"));
    }

    private static String outcome(Event e) {
        if (endedNfa(e)) {
            return "no further action";
        }
        if ("cp_plan".equals(e.type())) {
            return e.code("cp_end_date") == null ? "plan open" : "plan ended " + e.code("cp_end_date");
        }
        if ("section47".equals(e.type())) {
            return "yes".equalsIgnoreCase(e.code("resulted_in_cp_plan")) ? "child protection plan" : "no plan";
        }
        String o = firstNonNull(e.code("outcome"), e.code("referral_nfa") == null ? null : "NFA: " + e.code("referral_nfa"));
        return o == null ? "not recorded" : o.replace('_', ' ');
    }

    private Section health(List<Event> own, LocalDate today) {
        List<Line> lines = new ArrayList<>();
        List<Event> ae = own.stream().filter(e -> "a_and_e_attendance".equals(e.type()) && recent(e, today)).toList();
        List<Event> missed = own.stream().filter(e -> "appointment_missed".equals(e.type())
                || "health_visit".equals(e.type()) && ("no_access".equals(e.code("contact_outcome")) || "declined".equals(e.code("contact_outcome")))).toList();
        lines.add(new Line("A&E attendances in the last 12 months: " + ae.size()
                + (ae.isEmpty() ? "" : " (" + String.join("; ", ae.stream().map(e -> e.date() + " " + orEmpty(e.code("chief_complaint"), e.title())).toList()) + ")"),
                ae.size() >= 2 ? Tone.CONCERN : Tone.PLAIN, ae.stream().map(Event::source).toList()));
        lines.add(new Line("Missed health appointments (was not brought, no access): " + missed.size()
                + (missed.isEmpty() ? "" : " (" + String.join("; ", missed.stream().map(e -> e.date() + " " + orEmpty(e.code("appointment_type"), e.title(), e.type()).replace('_', ' ')).toList()) + ")"),
                missed.isEmpty() ? Tone.PLAIN : Tone.CONCERN, missed.stream().map(Event::source).toList()));
        return new Section("health", "Health", ae.size() + " A&E attendance" + (ae.size() == 1 ? "" : "s") + " in 12 months, " + missed.size() + " missed appointment" + (missed.size() == 1 ? "" : "s"), lines);
    }

    private Section education(List<Event> own) {
        List<Line> lines = new ArrayList<>();
        Map<String, List<Event>> byYear = new TreeMap<>(Comparator.reverseOrder());
        for (Event e : own) {
            if ("attendance".equals(e.type()) && e.code("attendance_pct") != null && e.day() != null) {
                byYear.computeIfAbsent(org.tessera.portal.common.SchoolYear.of(e.day()), k -> new ArrayList<>()).add(e);
            }
        }
        List<String> years = new ArrayList<>(byYear.keySet());
        for (int i = 0; i < years.size(); i++) {
            List<Event> returns = byYear.get(years.get(i));
            double mean = returns.stream().mapToDouble(e -> Double.parseDouble(e.code("attendance_pct"))).average().orElse(0);
            String trend = "";
            if (i + 1 < years.size()) {
                double before = byYear.get(years.get(i + 1)).stream().mapToDouble(e -> Double.parseDouble(e.code("attendance_pct"))).average().orElse(0);
                trend = String.format(Locale.ROOT, ", %s from %.0f %% in %s", mean < before - 0.5 ? "down" : mean > before + 0.5 ? "up" : "level", before, years.get(i + 1));
            }
            lines.add(new Line(String.format(Locale.ROOT, "Attendance %s: %.0f %% over %d return%s%s%s", years.get(i), mean, returns.size(),
                    returns.size() == 1 ? "" : "s", trend, mean < 90 ? " (persistent absence: below 90 %)" : ""),
                    mean < 90 ? Tone.CONCERN : Tone.PLAIN, returns.stream().map(Event::source).toList()));
        }
        if (byYear.isEmpty()) {
            lines.add(Line.plain("School attendance: no returns recorded"));
        }
        List<Event> exclusions = own.stream().filter(e -> "exclusion".equals(e.type())).toList();
        lines.add(new Line("Exclusions: " + (exclusions.isEmpty() ? "none recorded" : exclusions.size() + " ("
                + String.join("; ", exclusions.stream().map(e -> e.date() + " " + orEmpty(e.code("exclusion_category")) + " " + orEmpty(e.code("exclusion_reason"))).toList()) + ")"),
                exclusions.isEmpty() ? Tone.PLAIN : Tone.CONCERN, exclusions.stream().map(Event::source).toList()));
        return new Section("education", "School", years.isEmpty() ? "no attendance returns" : lines.getFirst().text(), lines);
    }

    private Section housing(List<Event> own, List<Event> household, List<AddressPeriods.Period> addresses, LocalDate today) {
        List<Line> lines = new ArrayList<>();
        String threeYearsAgo = today.minusYears(3).toString();
        long moves = addresses.stream().filter(p -> p.from() != null && p.from().compareTo(threeYearsAgo) >= 0).count();
        lines.add(new Line("Addresses: " + addresses.size() + " period" + (addresses.size() == 1 ? "" : "s") + " of residence, "
                + moves + " move" + (moves == 1 ? "" : "s") + " in the last 3 years", moves >= 2 ? Tone.CONCERN : Tone.PLAIN, List.of()));
        List<Event> all = new ArrayList<>(own);
        all.addAll(household);
        List<Event> events = all.stream().filter(e -> "housing".equals(e.agency()) && HOUSING_TYPES.contains(e.type())
                || concerns(e).contains("housing_instability")).distinct().toList();
        for (Event e : events) {
            lines.add(new Line(e.type().replace('_', ' ') + " " + e.date() + (e.title() == null ? "" : " – " + e.title())
                    + (own.contains(e) ? "" : " (household record)"), "tenancy_start".equals(e.type()) ? Tone.PLAIN : Tone.CONCERN, List.of(e.source())));
        }
        if (events.isEmpty()) {
            lines.add(Line.plain("No homelessness, eviction, notice or arrears recorded"));
        }
        boolean unstable = moves >= 2 || events.stream().anyMatch(e -> !"tenancy_start".equals(e.type()));
        return new Section("housing", "Housing", unstable ? "signs of instability" : "no sign of instability", lines);
    }

    private Section newSinceLastReview(List<Event> own, List<Event> household, List<MashDecision> history, LocalDate today,
                                       Map<String, JsonNode> members) {
        List<Line> lines = new ArrayList<>();
        List<Event> all = new ArrayList<>(own);
        all.addAll(household);
        String since;
        List<Event> fresh;
        if (history.isEmpty()) {
            since = "no previous review recorded: records of the last 30 days";
            String from = today.minusDays(30).toString();
            fresh = all.stream().filter(e -> e.date() != null && e.date().compareTo(from) >= 0).toList();
        } else {
            Instant last = history.getFirst().decidedAt();
            since = "since the last review on " + last.toString().substring(0, 10) + " (" + history.getFirst().outcome().label() + ")";
            fresh = all.stream().filter(e -> e.ingestedAt() != null ? e.ingestedAt().compareTo(last.toString()) > 0
                    : e.date() != null && e.date().compareTo(last.toString().substring(0, 10)) > 0).toList();
        }
        List<Event> sorted = new ArrayList<>(fresh);
        sorted.sort((a, b) -> String.valueOf(b.date()).compareTo(String.valueOf(a.date())));
        for (Event e : sorted) {
            Set<String> flags = new LinkedHashSet<>();
            for (var h : e.hits()) {
                if (h.countsTowardsScore()) {
                    flags.add(indicators.title(h.indicatorId()));
                }
            }
            String who = own.contains(e) ? "" : " (household: " + String.join(", ", e.personIds().stream().filter(members::containsKey)
                    .map(id -> name(members.get(id))).toList()) + ")";
            lines.add(new Line(e.date() + " " + Optional.ofNullable(e.agency()).orElse("").replace('_', ' ') + " " + e.type().replace('_', ' ')
                    + (e.title() == null ? "" : " – " + e.title()) + who + (flags.isEmpty() ? "" : ": " + String.join(", ", flags)),
                    Tone.NEW, List.of(e.source())));
        }
        if (sorted.isEmpty()) {
            lines.add(Line.plain("Nothing new"));
        }
        return new Section("new", "What is new", sorted.size() + " record" + (sorted.size() == 1 ? "" : "s") + " " + since, lines);
    }

    private Section decisionHistory(List<MashDecision> history) {
        List<Line> lines = new ArrayList<>();
        for (MashDecision d : history) {
            lines.add(Line.plain(d.summary() + "; consent: " + d.consent().label()
                    + (d.nextReview() == null ? "" : "; next review " + d.nextReview()) + "; rationale: " + d.rationale()));
        }
        if (history.isEmpty()) {
            lines.add(Line.plain("No MASH decision recorded yet"));
        }
        return new Section("decisions", "MASH decisions", history.isEmpty() ? "none" : history.getFirst().summary(), lines);
    }

    // ---------------------------------------------------------------------------------------------
    // Reading

    /** A domestic abuse incident: a police record of one (its type, a DASH level, or a domestic abuse indicator on it). */
    private boolean domesticAbuse(Event e) {
        return "domestic_incident".equals(e.type()) || e.code("dash_level") != null
                || "police".equals(e.agency()) && concerns(e).contains("domestic_abuse");
    }

    /** Concerns of the counting hits of an event. */
    private Set<String> concerns(Event e) {
        Set<String> concerns = new LinkedHashSet<>();
        for (var h : e.hits()) {
            if (h.countsTowardsScore()) {
                concerns.add(indicators.concern(h.indicatorId()));
            }
        }
        return concerns;
    }

    private static boolean hasIndicator(Event e, String id) {
        for (var h : e.hits()) {
            if (id.equals(h.indicatorId()) && h.countsTowardsScore()) {
                return true;
            }
        }
        return false;
    }

    private static boolean textHas(Event e, String word) {
        return e.text() != null && e.text().toLowerCase(Locale.ROOT).contains(word);
    }

    private static boolean recent(Event e, LocalDate today) {
        return e.day() != null && !e.day().isBefore(today.minusDays(365)) && !e.day().isAfter(today);
    }

    private static Event latest(List<Event> events, java.util.function.Predicate<Event> which) {
        return events.stream().filter(which).max((a, b) -> String.valueOf(a.date()).compareTo(String.valueOf(b.date()))).orElse(null);
    }

    /** The search of the records naming {@code personIds} (newest first; {@code household} leaves out the child's own): bounded by the people's own records (at most {@value #MAX_EVENTS}), never the county's. */
    private static ObjectNode eventsQuery(List<String> personIds, String childId, boolean household) {
        ObjectNode body = Json.object();
        body.put("size", MAX_EVENTS);
        ObjectNode bool = body.putObject("query").putObject("bool");
        ArrayNode ids = bool.putArray("filter").addObject().putObject("terms").putArray(EventIndexFields.PERSON_IDS);
        personIds.forEach(ids::add);
        if (household) {
            bool.putArray("must_not").addObject().putObject("term").put(EventIndexFields.PERSON_IDS, childId);
        }
        body.putObject("_source").putArray("excludes").add("entities").add(EventIndexFields.Contexts.PATH).add(EventIndexFields.Entities.NAMES)
                .add(EventIndexFields.CONCEPT_MATCHES);
        ArrayNode sort = body.putArray("sort");
        sort.addObject().putObject(EventIndexFields.EVENT_DATE).put("order", "desc");
        sort.addObject().put(EventIndexFields.EVENT_ID, "asc");
        return body;
    }

    private static List<Event> eventsFrom(JsonNode answer) {
        return eventsFrom(answer, Map.of());
    }

    /** The events of an answer, each with its text from {@code texts} where its {@code _source} left the text out. */
    private static List<Event> eventsFrom(JsonNode answer, Map<String, String> texts) {
        List<Event> events = new ArrayList<>();
        for (JsonNode hit : answer.path("hits").path("hits")) {
            var event = org.tessera.indexer.events.Event.fromDocument(hit.path("_source"));
            events.add(new Event(event, event.text() == null ? texts.get(event.eventId()) : null));
        }
        return events;
    }

    /**
     * What the child's records add up to, counted at the engine whatever their number: how many they are,
     * the dates of birth they give the child (newest record first), the adults they name (not children,
     * not professionals) and the latest record naming a school and a GP practice.
     */
    record Overview(long records, Set<String> datesOfBirth, Set<String> namedAdults, Event school, Event gp) {
    }

    /**
     * One agency's involvement with the child or household, counted at the engine: its records, the
     * latest (the child's own before the household's on the same day, as the page always chose), its
     * latest child protection plan, and its counting hits by indicator in order of first appearance.
     */
    record AgencyRow(String agency, long records, Event last, Event lastPlan, Map<String, Integer> flags) {
    }

    private static final String OWN = "own";
    private static final String HOUSEHOLD = "household";

    private static ObjectNode overviewQuery(String childId) {
        ObjectNode body = Json.object();
        body.put("size", 0);
        body.put("track_total_hits", true);
        body.putObject("query").putObject("term").put(EventIndexFields.PERSON_IDS, childId);
        ObjectNode aggs = body.putObject("aggs");
        ObjectNode people = aggs.putObject("people");
        people.putObject("nested").put("path", EventIndexFields.People.PATH);
        ObjectNode peopleAggs = people.putObject("aggs");
        ObjectNode adults = peopleAggs.putObject("adults");
        ArrayNode not = adults.putObject("filter").putObject("bool").putArray("must_not");
        not.addObject().putObject("term").put(EventIndexFields.People.IS_CHILD_PATH, true);
        not.addObject().putObject("term").put(EventIndexFields.People.ROLE_PATH, "professional");
        not.addObject().putObject("term").put(EventIndexFields.People.PERSON_ID_PATH, childId);
        // "map": the values of the child's own records, not the county's. A terms aggregation on a field with
        // as many values as the county has people otherwise builds its answer over every one of them.
        adults.putObject("aggs").putObject("ids").putObject("terms").put("field", EventIndexFields.People.PERSON_ID_PATH).put("size", 500)
                .put("execution_hint", "map");
        ObjectNode self = peopleAggs.putObject("child");
        self.putObject("filter").putObject("term").put(EventIndexFields.People.PERSON_ID_PATH, childId);
        ObjectNode dobs = self.putObject("aggs").putObject("dobs");
        dobs.putObject("terms").put("field", EventIndexFields.People.DATE_OF_BIRTH_PATH).put("size", 100).put("execution_hint", "map");
        ObjectNode records = dobs.putObject("aggs").putObject("records");
        records.putObject("reverse_nested");
        records.putObject("aggs").putObject("newest").putObject("max").put("field", EventIndexFields.EVENT_DATE);
        for (String code : List.of("school", "gp_practice")) {
            ObjectNode agg = aggs.putObject(code);
            agg.putObject("filter").putObject("exists").put("field", EventIndexFields.CODES + "." + code);
            agg.putObject("aggs").putObject("latest").set("top_hits", latestHit(SHOWN_FIELDS));
        }
        return body;
    }

    private static Overview overviewFrom(JsonNode answer) {
        JsonNode aggs = answer.path("aggregations");
        Set<String> adults = new LinkedHashSet<>();
        for (JsonNode bucket : aggs.path("people").path("adults").path("ids").path("buckets")) {
            adults.add(bucket.path("key").asText());
        }
        List<JsonNode> dobBuckets = new ArrayList<>();
        aggs.path("people").path("child").path("dobs").path("buckets").forEach(dobBuckets::add);
        // In the order the records give them, newest record first (undated records last).
        dobBuckets.sort(Comparator.comparingDouble(
                (JsonNode b) -> b.path("records").path("newest").path("value").asDouble(Double.NEGATIVE_INFINITY)).reversed());
        Set<String> dobs = new LinkedHashSet<>();
        dobBuckets.forEach(b -> dobs.add(b.path("key").asText()));
        return new Overview(answer.path("hits").path("total").path("value").asLong(), dobs, adults,
                eventsFrom(aggs.path("school").path("latest"), Map.of()).stream().findFirst().orElse(null),
                eventsFrom(aggs.path("gp_practice").path("latest"), Map.of()).stream().findFirst().orElse(null));
    }

    /**
     * A {@code top_hits} of the latest record as {@link #latest} picks it: the latest day, an undated
     * record before any (as its "null" date sorts), then the lowest id.
     */
    private static ObjectNode latestHit(List<String> fields) {
        ObjectNode top = Json.object();
        top.put("size", 1);
        ArrayNode sort = top.putArray("sort");
        sort.addObject().putObject(EventIndexFields.EVENT_DATE).put("order", "desc").put("missing", "_first");
        sort.addObject().put(EventIndexFields.EVENT_ID, "asc");
        ArrayNode includes = top.putObject("_source").putArray("includes");
        fields.forEach(includes::add);
        return top;
    }

    /** A {@code top_hits} of the first record in the page's order (newest first, undated last, then by id). */
    private static ObjectNode firstHit(List<String> fields) {
        ObjectNode top = Json.object();
        top.put("size", 1);
        ArrayNode sort = top.putArray("sort");
        sort.addObject().putObject(EventIndexFields.EVENT_DATE).put("order", "desc");
        sort.addObject().put(EventIndexFields.EVENT_ID, "asc");
        ArrayNode includes = top.putObject("_source").putArray("includes");
        fields.forEach(includes::add);
        return top;
    }

    /** The filter of the records a section lists one by one: see {@link #LISTED_TYPES}. */
    private static ObjectNode listedFilter(List<String> concernIndicators, List<MashDecision> history, LocalDate today) {
        ObjectNode filter = Json.object();
        ObjectNode bool = filter.putObject("bool");
        bool.put("minimum_should_match", 1);
        ArrayNode should = bool.putArray("should");
        ArrayNode types = should.addObject().putObject("terms").putArray(EventIndexFields.RECORD_TYPE);
        LISTED_TYPES.stream().sorted().forEach(types::add);
        ArrayNode ae = should.addObject().putObject("bool").putArray("filter");
        ae.addObject().putObject("term").put(EventIndexFields.RECORD_TYPE, "a_and_e_attendance");
        ae.addObject().putObject("range").putObject(EventIndexFields.EVENT_DATE).put("gte", today.minusDays(365).toString())
                .put("lte", today.toString());
        ArrayNode visits = should.addObject().putObject("bool").putArray("filter");
        visits.addObject().putObject("term").put(EventIndexFields.RECORD_TYPE, "health_visit");
        visits.addObject().putObject("terms").putArray(EventIndexFields.CODES + ".contact_outcome").add("no_access").add("declined");
        should.addObject().putObject("term").put(EventIndexFields.AGENCY, "probation");
        for (String code : LISTED_CODES) {
            should.addObject().putObject("exists").put("field", EventIndexFields.CODES + "." + code);
        }
        ArrayNode indicatorIds = should.addObject().putObject("terms").putArray(EventIndexFields.INDICATOR_IDS);
        concernIndicators.forEach(indicatorIds::add);
        indicatorIds.add(MARAC_INDICATOR);
        // What is new (a day wider than the window newSinceLastReview applies, which it still applies).
        if (history.isEmpty()) {
            should.addObject().putObject("range").putObject(EventIndexFields.EVENT_DATE).put("gte", today.minusDays(30).toString());
        } else {
            String lastDay = history.getFirst().decidedAt().toString().substring(0, 10);
            should.addObject().putObject("range").putObject(EventIndexFields.INGESTED_AT).put("gte", lastDay);
            ObjectNode notIngested = should.addObject().putObject("bool");
            notIngested.putArray("must_not").addObject().putObject("exists").put("field", EventIndexFields.INGESTED_AT);
            notIngested.putArray("filter").addObject().putObject("range").putObject(EventIndexFields.EVENT_DATE).put("gte", lastDay);
        }
        return filter;
    }

    /** The listed records naming any of {@code personIds} (their shown fields), in the page's order; {@code household} leaves out the child's own. */
    private static ObjectNode listedQuery(List<String> personIds, String childId, boolean household, ObjectNode listed) {
        ObjectNode body = eventsQuery(personIds, childId, household);
        ((ArrayNode) body.path("query").path("bool").path("filter")).add(listed);
        ArrayNode includes = Json.object().putArray("includes");
        SHOWN_FIELDS.forEach(includes::add);
        body.putObject("_source").putArray("includes").addAll(includes);
        return body;
    }

    /** The text of the records with a MARAC indicator and no MARAC code: whether the text says MARAC decides whether it is one. */
    private static ObjectNode maracTextQuery(List<String> personIds) {
        ObjectNode body = Json.object();
        body.put("size", MAX_EVENTS);
        ObjectNode bool = body.putObject("query").putObject("bool");
        ArrayNode filter = bool.putArray("filter");
        ArrayNode ids = filter.addObject().putObject("terms").putArray(EventIndexFields.PERSON_IDS);
        personIds.forEach(ids::add);
        filter.addObject().putObject("term").put(EventIndexFields.INDICATOR_IDS, MARAC_INDICATOR);
        bool.putArray("must_not").addObject().putObject("exists").put("field", EventIndexFields.CODES + ".marac");
        body.putObject("_source").putArray("includes").add(EventIndexFields.EVENT_ID).add(EventIndexFields.TEXT);
        body.putArray("sort").addObject().put(EventIndexFields.EVENT_ID, "asc");
        return body;
    }

    private static Map<String, String> texts(JsonNode answer) {
        Map<String, String> texts = new LinkedHashMap<>();
        for (JsonNode hit : answer.path("hits").path("hits")) {
            var event = org.tessera.indexer.events.Event.fromDocument(hit.path("_source"));
            if (event.eventId() != null && event.text() != null) {
                texts.put(event.eventId(), event.text());
            }
        }
        return texts;
    }

    /**
     * Involvement by agency over the records of the child and its household adults: per agency its
     * count, the latest record of each side, the latest child protection plan (children's social care),
     * and per counting indicator its hits and the first record of each side that has one.
     */
    private static ObjectNode agenciesQuery(List<String> personIds, String childId) {
        ObjectNode body = Json.object();
        body.put("size", 0);
        ArrayNode ids = body.putObject("query").putObject("bool").putArray("filter").addObject().putObject("terms")
                .putArray(EventIndexFields.PERSON_IDS);
        personIds.forEach(ids::add);
        ObjectNode agency = body.putObject("aggs").putObject("agency");
        agency.putObject("terms").put("field", EventIndexFields.AGENCY).put("missing", "unknown").put("size", 500);
        ObjectNode perAgency = agency.putObject("aggs");
        for (String side : List.of(OWN, HOUSEHOLD)) {
            ObjectNode ofSide = perAgency.putObject(side);
            ofSide.set("filter", side(side, childId));
            ObjectNode sideAggs = ofSide.putObject("aggs");
            sideAggs.putObject("last").set("top_hits", latestHit(SHOWN_FIELDS));
            ObjectNode plan = sideAggs.putObject("plan");
            ArrayNode planFilter = plan.putObject("filter").putObject("bool").putArray("filter");
            planFilter.addObject().putObject("term").put(EventIndexFields.AGENCY, "social_care");
            planFilter.addObject().putObject("term").put(EventIndexFields.RECORD_TYPE, "cp_plan");
            plan.putObject("aggs").putObject("last").set("top_hits", latestHit(SHOWN_FIELDS));
        }
        ObjectNode flags = perAgency.putObject("flags");
        flags.putObject("nested").put("path", EventIndexFields.Hits.PATH);
        ObjectNode counting = flags.putObject("aggs").putObject("counting");
        counting.putObject("filter").putObject("bool").putArray("must_not").addObject().putObject("term")
                .put(EventIndexFields.Hits.PATH + "." + EventIndexFields.Hits.COUNTS, false);
        ObjectNode indicator = counting.putObject("aggs").putObject("ids");
        indicator.putObject("terms").put("field", EventIndexFields.Hits.INDICATOR_ID_PATH).put("size", 500);
        ObjectNode records = indicator.putObject("aggs").putObject("records");
        records.putObject("reverse_nested");
        ObjectNode recordAggs = records.putObject("aggs");
        for (String side : List.of(OWN, HOUSEHOLD)) {
            ObjectNode ofSide = recordAggs.putObject(side);
            ofSide.set("filter", side(side, childId));
            ofSide.putObject("aggs").putObject("first").set("top_hits", firstHit(List.of(EventIndexFields.EVENT_ID,
                    EventIndexFields.Hits.INDICATOR_ID_PATH, EventIndexFields.Hits.PATH + "." + EventIndexFields.Hits.COUNTS)));
        }
        return body;
    }

    /** The filter of one side of the records: the child's own, or the household's without the child. */
    private static ObjectNode side(String side, String childId) {
        ObjectNode term = Json.object();
        term.putObject("term").put(EventIndexFields.PERSON_IDS, childId);
        if (OWN.equals(side)) {
            return term;
        }
        ObjectNode filter = Json.object();
        filter.putObject("bool").putArray("must_not").add(term);
        return filter;
    }

    /** A counting indicator of an agency, where it first appears in the page's order (child's records, then the household's). */
    private record FirstHit(String indicator, int count, int side, long date, String eventId, int position) {
    }

    private static List<AgencyRow> agencyRows(JsonNode answer) {
        Map<String, AgencyRow> rows = new TreeMap<>();
        for (JsonNode bucket : answer.path("aggregations").path("agency").path("buckets")) {
            String agency = bucket.path("key").asText();
            List<Event> lasts = new ArrayList<>();
            List<Event> plans = new ArrayList<>();
            for (String side : List.of(OWN, HOUSEHOLD)) {
                lasts.addAll(eventsFrom(bucket.path(side).path("last"), Map.of()));
                plans.addAll(eventsFrom(bucket.path(side).path("plan").path("last"), Map.of()));
            }
            List<FirstHit> firsts = new ArrayList<>();
            for (JsonNode ids : bucket.path("flags").path("counting").path("ids").path("buckets")) {
                String indicator = ids.path("key").asText();
                for (int side = 0; side < 2; side++) {
                    JsonNode hits = ids.path("records").path(side == 0 ? OWN : HOUSEHOLD).path("first").path("hits").path("hits");
                    if (!hits.isEmpty()) {
                        JsonNode hit = hits.get(0);
                        Event e = new Event(org.tessera.indexer.events.Event.fromDocument(hit.path("_source")));
                        int position = 0;
                        while (position < e.hits().size() && !(indicator.equals(e.hits().get(position).indicatorId())
                                && e.hits().get(position).countsTowardsScore())) {
                            position++;
                        }
                        JsonNode date = hit.path("sort").path(0);
                        firsts.add(new FirstHit(indicator, ids.path("doc_count").asInt(), side,
                                date.isNumber() ? date.asLong() : Long.MIN_VALUE, e.id(), position));
                        break;
                    }
                }
            }
            firsts.sort(Comparator.comparingInt(FirstHit::side)
                    .thenComparing(FirstHit::date, Comparator.reverseOrder())
                    .thenComparing(FirstHit::eventId).thenComparingInt(FirstHit::position));
            Map<String, Integer> flags = new LinkedHashMap<>();
            firsts.forEach(f -> flags.put(f.indicator(), f.count()));
            rows.put(agency, new AgencyRow(agency, bucket.path("doc_count").asLong(), latest(lasts, e -> true),
                    latest(plans, e -> true), flags));
        }
        return List.copyOf(rows.values());
    }

    private Optional<JsonNode> person(String personId) {
        JsonNode hits = connection.search(connection.alias("persons"), personQuery(personId)).path("hits").path("hits");
        return hits.isEmpty() ? Optional.empty() : Optional.of(hits.get(0).path("_source"));
    }

    private static ObjectNode personQuery(String personId) {
        ObjectNode body = Json.object();
        body.put("size", 1);
        body.putObject("query").putObject("term").put("person_id", personId);
        return body;
    }

    /**
     * Household members and significant others: the person's relations, people sharing a
     * household, and adults named with the child in its records (partners, ex-partners, visitors:
     * {@link Overview#namedAdults}).
     */
    private Map<String, JsonNode> members(JsonNode person, Set<String> namedAdults) {
        return membersSearch(person, namedAdults)
                .map(search -> membersFrom(HouseholdMembers.from(connection.search(search.index(), search.body()))))
                .orElse(Map.of());
    }

    /** The search for the people related to the child, sharing its households or named on its records; none when there are none. */
    private Optional<OpenSearchConnection.Search> membersSearch(JsonNode person, Set<String> namedAdults) {
        Set<String> ids = new LinkedHashSet<>(relations(person).keySet());
        ids.addAll(namedAdults);
        return HouseholdMembers.search(connection, Json.text(person, "person_id"), ids, Json.strings(person.path("household_ids")), List.of());
    }

    /** The members by id, adults first, in the engine's order otherwise. */
    private static Map<String, JsonNode> membersFrom(List<JsonNode> found) {
        Map<String, JsonNode> members = new LinkedHashMap<>();
        for (JsonNode member : found) {
            members.put(Json.text(member, "person_id"), member);
        }
        // Adults first, then by relation order.
        Map<String, JsonNode> ordered = new LinkedHashMap<>();
        members.entrySet().stream().filter(m -> !m.getValue().path("is_child").asBoolean(false)).forEach(m -> ordered.put(m.getKey(), m.getValue()));
        members.forEach(ordered::putIfAbsent);
        return ordered;
    }

    private static Map<String, String> relations(JsonNode person) {
        Map<String, String> relationOf = new LinkedHashMap<>();
        for (JsonNode relation : person.path("relations")) {
            relationOf.put(relation.path("person_id").asText(), Optional.ofNullable(Json.text(relation, "relation")).orElse("related"));
        }
        return relationOf;
    }

    private static List<AddressPeriods.Period> addresses(JsonNode person) {
        List<AddressPeriods.Record> records = new ArrayList<>();
        for (JsonNode a : person.path("addresses")) {
            records.add(new AddressPeriods.Record(Json.text(a, "address"), Json.text(a, "postcode"), Json.text(a, "from"), Json.text(a, "to")));
        }
        return AddressPeriods.of(records);
    }

    private static String agencyList(JsonNode person) {
        List<String> agencies = Json.strings(person.path("agencies"));
        return agencies.isEmpty() ? "no agency (no records of their own: ask who they are)" : String.join(", ", agencies).replace('_', ' ');
    }

    static String name(JsonNode source) {
        String full = Json.text(source, "full_name");
        if (full != null) {
            return full;
        }
        String joined = (String.join(" ", Json.strings(source.path("given_names"))) + " " + String.join(" ", Json.strings(source.path("family_name")))).trim();
        return joined.isEmpty() ? Json.text(source, "person_id") : joined;
    }

    private static String age(String dob, LocalDate today) {
        try {
            return " (age " + Period.between(LocalDate.parse(dob.substring(0, 10)), today).getYears() + ")";
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static String orEmpty(String... values) {
        String first = firstNonNull(values);
        return first == null ? "" : first;
    }

    private static String firstNonNull(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
