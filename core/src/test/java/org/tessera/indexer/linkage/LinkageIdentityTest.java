package org.tessera.indexer.linkage;

import org.junit.jupiter.api.Test;
import org.tessera.indexer.ingest.Ids;
import org.tessera.indexer.ingest.PartialDate;
import org.tessera.indexer.normalise.NhsNumber;
import org.tessera.indexer.normalise.Nicknames;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Performance work on the linker must not change what it concludes: the full result (person id of
 * every occurrence, every review pair with its exact weight, probability, levels and reason, the
 * stats and the fitted model) is reduced to a digest and compared with the digest the code gave
 * before the work (fixture {@code linkage/result-digests.properties}, recorded at commit 4577d76).
 * The populations cover what the linker's paths read: typos and nicknames; strong identifiers
 * (units of identical occurrences, joins, mistyped numbers); addresses, other names, two people in
 * one record, decisions; blocks large enough to be refined and skipped; and the FEBRL data.
 *
 * <p>A change meant to alter results re-records the fixture: run this test, then copy
 * {@code target/linkage/result-digests.properties} over the fixture, and say why in the commit.
 *
 * <p>Re-recorded for issue #18 (branch {@code linkage}), where the model changed on purpose and
 * every population's result with it: a year of birth one keystroke out with day and month agreeing
 * is a level of its own ({@code year_typo}); identifiers are compared in edits 0 / 1 / 2 / more; family
 * name, address and postcode agreeing together count once where the data shows households share
 * them ({@link MatchModel#dependence}); names swapped and mistyped are read as swapped; a one-letter
 * given name is an initial, not a newborn placeholder; a day and month shared lets a generation-apart
 * pair through to the model; a merge a guard refuses is shown in the review queue with its reason;
 * an adult role never joins a person whose dates of birth are all a child's; swapped names share a
 * blocking key, and a record without a given name is blocked on postcode and family initial. The populations, and
 * the rule that one thread gives what several give, are unchanged.
 *
 * <p>Re-recorded again for issue #18 on 2026-12-06 (afternoon), on purpose, where a result moved: two
 * whole-cluster guards refuse merges (ADR 0017): a record whose given name and reference are both
 * unrelated to a person's corroborated ones (only where the data has households), and two persons
 * whose corroborated birthdays differ by more than a typo; the ambiguity rule reads only the hard
 * refusals. The FEBRL figures did not move (FEBRL has no households; P 1.0000, R 0.9976 on both).
 */
class LinkageIdentityTest {
    private static final Nicknames NICKNAMES = Nicknames.uk();
    private static final String[] STREETS = {"High Street", "Church Rd", "Station Road", "Mill Lane", "Park Ave", "Victoria St",
            "Queens Gdns", "Manor Close", "The Crescent", "Green Lane"};
    private static final String[] MIDDLE = {"rose", "james", "may", "john", "louise", "alexander", "grace", "david"};

    private final FellegiSunterLinkerTest generator = new FellegiSunterLinkerTest();

    @Test
    void linksTheSyntheticPopulationsExactlyAsBeforeThePerformanceWork() {
        Map<String, String> expected = fixture();
        Map<String, String> actual = new TreeMap<>();
        LinkageSettings defaults = LinkageSettings.defaults();
        // Small blocks so that refinement and the size cap both happen at test scale.
        LinkageSettings smallBlocks = new LinkageSettings(0.995, 0.5, 4, 7, 20_000, 60, true, 20260601L, true, 0.995, 0.995);

        FellegiSunterLinkerTest.Truth plain = generator.population(42, 5000);
        actual.put("plain-42-5000", digest(link(defaults, plain.occurrences(), Decisions.none())));

        FellegiSunterLinkerTest.Truth rich = generator.population(7, 3000);
        List<PersonOccurrence> richOccurrences = enrich(rich, 7);
        actual.put("rich-7-3000", digest(link(defaults, richOccurrences, decisions(richOccurrences, 7))));
        actual.put("rich-7-3000-small-blocks", digest(link(smallBlocks, richOccurrences, decisions(richOccurrences, 7))));

        // Real-shaped data with addresses and a weak identifier column.
        actual.put("febrl3", digest(FebrlLinkageTest.evaluate("dataset3.csv").result()));
        actual.put("febrl4", digest(FebrlLinkageTest.evaluate("dataset4a.csv", "dataset4b.csv").result()));

        writeActual(actual);
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void givesTheSameResultOnOneThreadAsOnSeveral() {
        FellegiSunterLinkerTest.Truth rich = generator.population(7, 3000);
        List<PersonOccurrence> occurrences = enrich(rich, 7);
        String expected = fixture().get("rich-7-3000");
        for (int threads : new int[] {1, 3}) {
            LinkageResult result = new FellegiSunterLinker(LinkageSettings.defaults(), NICKNAMES, threads).link(occurrences, decisions(occurrences, 7));
            assertThat(digest(result)).as("%d threads", threads).isEqualTo(expected);
        }
    }

    private static LinkageResult link(LinkageSettings settings, List<PersonOccurrence> occurrences, Decisions decisions) {
        return new FellegiSunterLinker(settings, NICKNAMES).link(occurrences, decisions);
    }

    /**
     * Adds what {@code population} leaves out: valid, mistyped and borrowed NHS numbers, a
     * source's own person ids, repeated identical rows (collapsed into units), addresses with
     * abbreviations, other names, a second person in some records, and unnamed newborns.
     */
    static List<PersonOccurrence> enrich(FellegiSunterLinkerTest.Truth truth, long seed) {
        Random r = new Random(seed);
        List<PersonOccurrence> out = new ArrayList<>();
        int extra = 0;
        for (PersonOccurrence o : truth.occurrences()) {
            int person = truth.personOf().get(o.occurrenceId());
            Map<String, String> ids = new TreeMap<>();
            double x = r.nextDouble();
            if (x < 0.45) ids.put("nhs_number", nhsNumber(person));
            else if (x < 0.48) ids.put("nhs_number", nhsNumber(person + 1 + r.nextInt(50))); // someone else's
            else if (x < 0.50) ids.put("nhs_number", "12345678" + r.nextInt(10) + r.nextInt(10)); // mostly invalid
            if (r.nextDouble() < 0.15) ids.put("source_person_id", "SP" + (person % 997));
            if (r.nextDouble() < 0.05) ids.put("local_ref", "L" + (person * 7 + r.nextInt(2)));
            String address = r.nextDouble() < 0.6 ? (1 + person % 80) + " " + STREETS[person % STREETS.length] + ", Norwich" : null;
            if (address != null && r.nextDouble() < 0.2) address = address.replace("Road", "Rd").replace("Street", "St").replace("Norwich", "Norwch");
            List<String> other = switch (r.nextInt(20)) {
                case 0 -> List.of(MIDDLE[person % MIDDLE.length]);
                case 1 -> List.of("Sally " + o.familyName() + "-" + MIDDLE[r.nextInt(MIDDLE.length)]);
                default -> List.of();
            };
            String gender = switch (r.nextInt(10)) {
                case 0 -> "Male";
                case 1 -> "unknown";
                case 2 -> null;
                default -> o.gender();
            };
            PersonOccurrence enriched = new PersonOccurrence(o.occurrenceId(), o.source(), o.eventId(), o.role(), o.givenNames(),
                    o.familyName(), other, o.dateOfBirth(), gender, address, o.postcode(), ids);
            out.add(enriched);
            // The same row again in another record (attendance, appointments): one unit when it carries a strong identifier.
            if (r.nextDouble() < 0.15) {
                String eventId = Ids.eventId(o.source(), "repeat-" + extra++);
                out.add(new PersonOccurrence(Ids.occurrenceId(eventId, 0), o.source(), eventId, o.role(), o.givenNames(), o.familyName(),
                        other, o.dateOfBirth(), gender, address, o.postcode(), ids));
            }
            // A second person in the record: a sibling of one name and birthday (twins), or an unnamed newborn.
            double y = r.nextDouble();
            if (y < 0.03) {
                out.add(new PersonOccurrence(Ids.occurrenceId(o.eventId(), 1), o.source(), o.eventId(), "sibling", o.givenNames(),
                        o.familyName(), List.of(), o.dateOfBirth(), o.gender(), address, o.postcode(), Map.of()));
            } else if (y < 0.05) {
                out.add(new PersonOccurrence(Ids.occurrenceId(o.eventId(), 1), o.source(), o.eventId(), "child", "Baby",
                        o.familyName(), List.of(), o.dateOfBirth(), null, address, o.postcode(), Map.of()));
            }
        }
        return out;
    }

    /** A valid NHS number for a person number (the nine leading digits skip those without a check digit). */
    private static String nhsNumber(int person) {
        for (long lead = 400_000_000L + person * 13L; ; lead++) {
            String nine = Long.toString(lead);
            int check = NhsNumber.checkDigit(nine);
            if (check >= 0) return nine + check;
        }
    }

    /** Some merge and split decisions between neighbouring occurrences (sorted by id, so often strangers). */
    private static Decisions decisions(List<PersonOccurrence> occurrences, long seed) {
        List<String> ids = occurrences.stream().map(PersonOccurrence::occurrenceId).sorted().toList();
        Random r = new Random(seed);
        Set<OccurrencePair> merge = new HashSet<>(), split = new HashSet<>();
        for (int k = 0; k < 40; k++) {
            int i = r.nextInt(ids.size() - 1);
            OccurrencePair p = new OccurrencePair(ids.get(i), ids.get(i + 1));
            if (k % 2 == 0) merge.add(p); else if (!merge.contains(p)) split.add(p);
        }
        return new Decisions(merge, split);
    }

    /** SHA-256 of a canonical text of everything the result says, except the run time. */
    static String digest(LinkageResult result) {
        System.out.printf("identity: %s, %d review pairs%n", result.stats(), result.reviewPairs().size());
        return Ids.sha256Hex(canonical(result));
    }

    /** Everything the result says except the run time, one fact a line, in a fixed order. */
    static String canonical(LinkageResult result) {
        StringBuilder s = new StringBuilder();
        LinkageResult.Stats st = result.stats();
        s.append("stats ").append(st.occurrences()).append(' ').append(st.distinct()).append(' ').append(st.persons()).append(' ')
                .append(st.candidatePairs()).append(' ').append(st.skippedBlocks()).append(' ').append(st.strongLinks()).append(' ')
                .append(st.modelLinks()).append(' ').append(st.guardedPairs()).append('\n');
        MatchModel model = result.model();
        s.append("model ").append(model.lambda()).append(' ').append(model.iterations()).append('\n');
        for (MatchModel.Level l : model.levels()) {
            s.append("level ").append(l.comparison()).append(' ').append(l.level()).append(' ').append(l.m()).append(' ').append(l.u()).append('\n');
        }
        new TreeMap<>(result.personIds()).forEach((occurrence, person) -> s.append("person ").append(occurrence).append(' ').append(person).append('\n'));
        for (ReviewPair p : result.reviewPairs()) {
            s.append("review ").append(p.pair().first()).append(' ').append(p.pair().second()).append(' ').append(p.matchWeight()).append(' ')
                    .append(p.matchProbability()).append(' ').append(new TreeMap<>(p.levels())).append(' ').append(p.reason()).append('\n');
        }
        return s.toString();
    }

    private static Map<String, String> fixture() {
        try (InputStream in = LinkageIdentityTest.class.getResourceAsStream("/linkage/result-digests.properties")) {
            Properties p = new Properties();
            if (in != null) p.load(in);
            Map<String, String> out = new TreeMap<>();
            p.forEach((k, v) -> out.put((String) k, (String) v));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the digests this code gives beside the build, to re-record the fixture when a change is meant. */
    private static void writeActual(Map<String, String> actual) {
        StringBuilder s = new StringBuilder("# Digests of LinkageResult (LinkageIdentityTest.digest), one per population\n");
        actual.forEach((k, v) -> s.append(k).append('=').append(v).append('\n'));
        try {
            Path file = Path.of("target", "linkage", "result-digests.properties");
            Files.createDirectories(file.getParent());
            Files.writeString(file, s, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
