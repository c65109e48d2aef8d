package org.tessera.indexer.linkage;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tessera.indexer.ingest.Ids;
import org.tessera.indexer.ingest.PartialDate;
import org.tessera.indexer.normalise.NhsNumber;
import org.tessera.indexer.normalise.Nicknames;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Behaviour of the linker on a small synthetic UK-like population (names, nicknames, typos,
 * transposed dates, moves) plus hand-made hard cases: twins, same-record duplicates,
 * conflicting and shared NHS numbers, human decisions.
 */
class FellegiSunterLinkerTest {
    private static final String[] GIVEN = {"oliver", "george", "harry", "jack", "jacob", "noah", "charlie", "muhammad", "thomas", "oscar",
            "william", "james", "leo", "alfie", "henry", "joshua", "freddie", "archie", "ethan", "isaac", "olivia", "amelia", "isla", "ava",
            "emily", "sophia", "grace", "mia", "poppy", "ella", "lily", "evie", "isabella", "sophie", "ivy", "freya", "harper", "willow",
            "margaret", "elizabeth", "catherine", "rebecca", "samantha", "daniel", "michael", "robert", "richard", "jessica", "hannah", "lucy"};
    private static final String[] FAMILY = {"smith", "jones", "taylor", "brown", "williams", "wilson", "johnson", "davies", "robinson",
            "wright", "thompson", "evans", "walker", "white", "roberts", "green", "hall", "wood", "jackson", "clarke", "patel", "khan",
            "lewis", "james", "phillips", "mason", "mitchell", "rose", "davis", "rodriguez", "cox", "alexander", "morgan", "moore", "hill"};
    private static final Map<String, String> NICK = Map.of("william", "bill", "margaret", "peggy", "elizabeth", "beth", "catherine", "kate",
            "rebecca", "becky", "samantha", "sam", "daniel", "danny", "michael", "mike", "robert", "bob", "richard", "rick");

    private FellegiSunterLinker linker;
    private int counter;

    @BeforeEach
    void setUp() {
        linker = new FellegiSunterLinker(LinkageSettings.defaults(), Nicknames.uk());
        counter = 0;
    }

    record Truth(List<PersonOccurrence> occurrences, Map<String, Integer> personOf) {}

    /** 600 people, 1-4 occurrences each with realistic variation. */
    Truth population(long seed) { return population(seed, 600); }

    Truth population(long seed, int persons) {
        Random r = new Random(seed);
        List<PersonOccurrence> out = new ArrayList<>();
        Map<String, Integer> truth = new HashMap<>();
        for (int p = 0; p < persons; p++) {
            String given = GIVEN[r.nextInt(GIVEN.length)];
            String family = FAMILY[r.nextInt(FAMILY.length)];
            LocalDate dob = LocalDate.of(2005, 1, 1).plusDays(r.nextInt(6000));
            String postcode = "NR" + (1 + r.nextInt(30)) + " " + r.nextInt(10) + (char) ('A' + r.nextInt(26)) + (char) ('A' + r.nextInt(26));
            String gender = r.nextBoolean() ? "M" : "F";
            int copies = 1 + r.nextInt(4);
            for (int c = 0; c < copies; c++) {
                String g = given, f = family, pc = postcode;
                PartialDate d = PartialDate.of(dob);
                double x = r.nextDouble();
                if (x < 0.15 && NICK.containsKey(given)) g = NICK.get(given);
                else if (x < 0.25) g = typo(g, r);
                double y = r.nextDouble();
                if (y < 0.10) f = typo(f, r);
                double z = r.nextDouble();
                if (z < 0.07 && dob.getDayOfMonth() <= 12 && dob.getDayOfMonth() != dob.getMonthValue()) {
                    d = new PartialDate(dob.getYear(), dob.getDayOfMonth(), dob.getMonthValue(), null, PartialDate.Precision.DAY);
                } else if (z < 0.12) {
                    d = PartialDate.of(dob.plusDays(1 + r.nextInt(5)));
                } else if (z < 0.16) {
                    d = PartialDate.ofYear(dob.getYear());
                } else if (z < 0.19) {
                    d = null;
                }
                if (r.nextDouble() < 0.25) pc = "NR" + (1 + r.nextInt(30)) + " " + r.nextInt(10) + "ZZ"; // moved
                PersonOccurrence o = occ("src" + (c % 3), "e" + p + "-" + c, 0, g, f, d, pc, gender, Map.of());
                out.add(o);
                truth.put(o.occurrenceId(), p);
            }
        }
        return new Truth(out, truth);
    }

    static String typo(String s, Random r) {
        int i = 1 + r.nextInt(s.length() - 1);
        return switch (r.nextInt(3)) {
            case 0 -> s.substring(0, i) + s.substring(i + 1 == s.length() + 1 ? i : Math.min(i + 1, s.length()));
            case 1 -> s.substring(0, i) + (char) ('a' + r.nextInt(26)) + s.substring(i);
            default -> i < s.length() - 1 ? s.substring(0, i) + s.charAt(i + 1) + s.charAt(i) + s.substring(i + 2) : s + "e";
        };
    }

    PersonOccurrence occ(String source, String event, int slot, String given, String family, PartialDate dob, String postcode,
                         String gender, Map<String, String> ids) {
        counter++;
        String eventId = Ids.eventId(source, event);
        return new PersonOccurrence(Ids.occurrenceId(eventId, slot), source, eventId, "subject", given, family, List.of(), dob, gender,
                null, postcode, ids);
    }

    static double[] pairwise(LinkageResult result, Map<String, Integer> truth) {
        Map<String, Map<Integer, Long>> byPerson = new HashMap<>();
        result.personIds().forEach((o, p) -> {
            if (truth.containsKey(o)) byPerson.computeIfAbsent(p, k -> new HashMap<>()).merge(truth.get(o), 1L, Long::sum);
        });
        Map<Integer, Long> sizes = new HashMap<>();
        truth.values().forEach(t -> sizes.merge(t, 1L, Long::sum));
        long truePairs = sizes.values().stream().mapToLong(k -> k * (k - 1) / 2).sum();
        long predicted = 0, correct = 0;
        for (Map<Integer, Long> m : byPerson.values()) {
            long n = m.values().stream().mapToLong(Long::longValue).sum();
            predicted += n * (n - 1) / 2;
            correct += m.values().stream().mapToLong(k -> k * (k - 1) / 2).sum();
        }
        return new double[]{(double) correct / predicted, (double) correct / truePairs};
    }

    @Test
    void linksASyntheticPopulationPreciselyDespiteNicknamesTyposAndTransposedDates() {
        Truth t = population(7);
        LinkageResult result = linker.link(t.occurrences(), Decisions.none());
        double[] pr = pairwise(result, t.personOf());
        System.out.printf("synthetic: P=%.4f R=%.4f, %d review pairs, %s%n", pr[0], pr[1], result.reviewPairs().size(), result.stats());
        System.out.println("lambda " + result.model().lambda() + " iterations " + result.model().iterations());
        result.model().levels().forEach(l -> System.out.printf("  %-18s %-22s m=%.4f u=%.5f w=%.2f%n", l.comparison(), l.level(), l.m(), l.u(), l.log2BayesFactor()));
        assertThat(pr[0]).isGreaterThanOrEqualTo(0.99);
        assertThat(pr[1]).isGreaterThanOrEqualTo(0.85);
        assertThat(result.personIds()).hasSize(t.occurrences().size());
    }

    @Test
    void givesTheSamePersonIdsWhateverTheInputOrder() {
        Truth t = population(11);
        List<PersonOccurrence> shuffled = new ArrayList<>(t.occurrences());
        Collections.shuffle(shuffled, new Random(3));
        LinkageResult a = linker.link(t.occurrences(), Decisions.none());
        LinkageResult b = linker.link(shuffled, Decisions.none());
        assertThat(b.personIds()).isEqualTo(a.personIds());
        assertThat(b.reviewPairs()).isEqualTo(a.reviewPairs());
        String anyOcc = t.occurrences().getFirst().occurrenceId();
        assertThat(a.personIds().get(anyOcc)).startsWith("pe-");
    }

    @Test
    void neverMergesTwoPeopleOfTheSameRecordEvenWithIdenticalDetails() {
        Truth t = population(13);
        List<PersonOccurrence> occ = new ArrayList<>(t.occurrences());
        PartialDate dob = PartialDate.of(LocalDate.of(2015, 3, 3));
        PersonOccurrence twinA = occ("police", "INC-9", 0, "alex", "kowalski", dob, "NR5 1AB", null, Map.of());
        PersonOccurrence twinB = occ("police", "INC-9", 1, "alex", "kowalski", dob, "NR5 1AB", null, Map.of());
        PersonOccurrence later = occ("health", "V-1", 0, "alex", "kowalski", dob, "NR5 1AB", null, Map.of());
        occ.addAll(List.of(twinA, twinB, later));
        LinkageResult r = linker.link(occ, Decisions.none());
        assertThat(r.personIds().get(twinA.occurrenceId())).isNotEqualTo(r.personIds().get(twinB.occurrenceId()));
        // A third record fits both twins equally: it is given to neither, but offered for review.
        assertThat(r.personIds().get(later.occurrenceId())).isNotIn(r.personIds().get(twinA.occurrenceId()), r.personIds().get(twinB.occurrenceId()));
        assertThat(r.reviewPairs()).filteredOn(p -> p.pair().first().equals(later.occurrenceId()) || p.pair().second().equals(later.occurrenceId()))
                .hasSize(2).allSatisfy(p -> assertThat(p.reason()).contains("another person"));
    }

    @Test
    void givesARecordToNeitherOfTwoDifferentChildrenWithTheSameNameAndBirthDate() {
        Truth t = population(43);
        List<PersonOccurrence> occ = new ArrayList<>(t.occurrences());
        PartialDate dob = PartialDate.of(LocalDate.of(2013, 11, 15));
        PersonOccurrence healthA = occ("health", "A-1", 0, "jacob", "jones", dob, "NR2 1TP", "M", Map.of("nhs_number", "9434765919"));
        PersonOccurrence healthB = occ("health", "A-2", 0, "jacob", "jones", dob, "NR4 0DF", "M", Map.of("nhs_number", "4010232137"));
        PersonOccurrence school = occ("education", "S-1", 0, "jacob", "jones", dob, null, "M", Map.of());
        occ.addAll(List.of(healthA, healthB, school));
        LinkageResult r = linker.link(occ, Decisions.none());
        assertThat(r.personIds().get(healthA.occurrenceId())).isNotEqualTo(r.personIds().get(healthB.occurrenceId()));
        assertThat(r.personIds().get(school.occurrenceId())).isNotIn(r.personIds().get(healthA.occurrenceId()), r.personIds().get(healthB.occurrenceId()));
    }

    @Test
    void doesNotJoinFatherAndSonOfOneNameThroughARecordWithoutDateOfBirth() {
        Truth t = population(47);
        List<PersonOccurrence> occ = new ArrayList<>(t.occurrences());
        PersonOccurrence son = occ("health", "H-10", 0, "richard", "smith", PartialDate.of(LocalDate.of(2023, 1, 27)), "NR1 1DF", "M", Map.of("nhs_number", "9434765919"));
        PersonOccurrence father = occ("police", "P-10", 0, "richard", "smith", PartialDate.of(LocalDate.of(1988, 1, 23)), "NR1 1DF", "M", Map.of("pnc", "06/163887N"));
        PersonOccurrence noDate = occ("housing", "T-10", 0, "richard", "smith", null, "NR1 1DF", "M", Map.of());
        occ.addAll(List.of(son, father, noDate));
        LinkageResult r = linker.link(occ, Decisions.none());
        assertThat(r.personIds().get(son.occurrenceId())).isNotEqualTo(r.personIds().get(father.occurrenceId()));
    }

    @Test
    void neverAutoMergesUnnamedNewbornsAcrossRecordsButOffersThemForReview() {
        Truth t = population(41);
        List<PersonOccurrence> occ = new ArrayList<>(t.occurrences());
        PartialDate dob = PartialDate.of(LocalDate.of(2024, 3, 18));
        PersonOccurrence twin1 = occ("health", "HV-1", 0, "Baby", "white", dob, "NR6 4FJ", null, Map.of());
        PersonOccurrence twin2 = occ("health", "HV-2", 0, "Baby", "white", dob, "NR6 4FJ", null, Map.of());
        occ.addAll(List.of(twin1, twin2));
        LinkageResult r = linker.link(occ, Decisions.none());
        assertThat(r.personIds().get(twin1.occurrenceId())).isNotEqualTo(r.personIds().get(twin2.occurrenceId()));
        assertThat(r.reviewPairs()).anySatisfy(p -> {
            assertThat(p.pair()).isEqualTo(new OccurrencePair(twin1.occurrenceId(), twin2.occurrenceId()));
            assertThat(p.reason()).contains("placeholder");
        });
    }

    @Test
    void keepsApartPeopleWithIdenticalDetailsButDifferentValidNhsNumbers() {
        Truth t = population(17);
        List<PersonOccurrence> occ = new ArrayList<>(t.occurrences());
        PartialDate dob = PartialDate.of(LocalDate.of(2012, 6, 1));
        PersonOccurrence a = occ("health", "H-1", 0, "jack", "smith", dob, "NR2 2AA", "M", Map.of("nhs_number", "9434765919"));
        PersonOccurrence b = occ("health", "H-2", 0, "jack", "smith", dob, "NR2 2AA", "M", Map.of("nhs_number", "4010232137"));
        occ.addAll(List.of(a, b));
        LinkageResult r = linker.link(occ, Decisions.none());
        assertThat(r.personIds().get(a.occurrenceId())).isNotEqualTo(r.personIds().get(b.occurrenceId()));
        assertThat(r.stats().guardedPairs()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void mergesOnASharedValidNhsNumberDespiteNicknameAndNewSurname() {
        Truth t = population(19);
        List<PersonOccurrence> occ = new ArrayList<>(t.occurrences());
        PersonOccurrence a = occ("health", "H-3", 0, "margaret", "hughes", PartialDate.of(LocalDate.of(2010, 2, 14)), "NR3 1AA", "F", Map.of("nhs_number", "9434765919"));
        PersonOccurrence b = occ("education", "S-3", 0, "peggy", "hughes-martin", PartialDate.of(LocalDate.of(2010, 2, 14)), "NR9 9ZZ", "F", Map.of("nhs_number", "943 476 5919"));
        occ.addAll(List.of(a, b));
        LinkageResult r = linker.link(occ, Decisions.none());
        assertThat(r.personIds().get(a.occurrenceId())).isEqualTo(r.personIds().get(b.occurrenceId()));
        assertThat(r.stats().strongLinks()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void sendsASharedNhsNumberOnClearlyDifferentPeopleToReviewInsteadOfMerging() {
        Truth t = population(23);
        List<PersonOccurrence> occ = new ArrayList<>(t.occurrences());
        PersonOccurrence child = occ("health", "H-4", 0, "poppy", "evans", PartialDate.of(LocalDate.of(2016, 8, 9)), "NR4 4AA", "F", Map.of("nhs_number", "9434765919"));
        PersonOccurrence adult = occ("health", "H-5", 0, "gordon", "mcallister", PartialDate.of(LocalDate.of(1971, 1, 30)), "NR7 7BB", "M", Map.of("nhs_number", "9434765919"));
        occ.addAll(List.of(child, adult));
        LinkageResult r = linker.link(occ, Decisions.none());
        assertThat(r.personIds().get(child.occurrenceId())).isNotEqualTo(r.personIds().get(adult.occurrenceId()));
        assertThat(r.reviewPairs()).anySatisfy(p -> {
            assertThat(p.pair()).isEqualTo(new OccurrencePair(child.occurrenceId(), adult.occurrenceId()));
            assertThat(p.reason()).contains("nhs_number");
        });
    }

    @Test
    void invalidNhsNumbersAreNotProofOfIdentity() {
        assertThat(NhsNumber.isValid("1234567890")).isFalse();
        Truth t = population(29);
        List<PersonOccurrence> occ = new ArrayList<>(t.occurrences());
        PersonOccurrence a = occ("health", "H-6", 0, "ivy", "cox", PartialDate.of(LocalDate.of(2014, 5, 5)), "NR1 1AA", "F", Map.of("nhs_number", "1234567890"));
        PersonOccurrence b = occ("health", "H-7", 0, "noah", "hill", PartialDate.of(LocalDate.of(2009, 9, 9)), "NR8 8AA", "M", Map.of("nhs_number", "1234567890"));
        occ.addAll(List.of(a, b));
        LinkageResult r = linker.link(occ, Decisions.none());
        assertThat(r.personIds().get(a.occurrenceId())).isNotEqualTo(r.personIds().get(b.occurrenceId()));
        assertThat(r.stats().strongLinks()).isZero();
    }

    @Test
    void humanDecisionsOverrideTheModel() {
        Truth t = population(31);
        List<PersonOccurrence> occ = new ArrayList<>(t.occurrences());
        PartialDate dob = PartialDate.of(LocalDate.of(2011, 11, 11));
        PersonOccurrence a = occ("police", "P-1", 0, "leo", "walker", dob, "NR6 6AA", "M", Map.of());
        PersonOccurrence b = occ("social", "C-1", 0, "leo", "walker", dob, "NR6 6AA", "M", Map.of());
        PersonOccurrence c = occ("police", "P-2", 0, "leonard", "fitzgerald", PartialDate.ofYear(1999), null, null, Map.of());
        occ.addAll(List.of(a, b, c));
        LinkageResult before = linker.link(occ, Decisions.none());
        assertThat(before.personIds().get(a.occurrenceId())).isEqualTo(before.personIds().get(b.occurrenceId()));
        assertThat(before.personIds().get(a.occurrenceId())).isNotEqualTo(before.personIds().get(c.occurrenceId()));

        Decisions d = new Decisions(Set.of(new OccurrencePair(a.occurrenceId(), c.occurrenceId())),
                Set.of(new OccurrencePair(a.occurrenceId(), b.occurrenceId())));
        LinkageResult after = linker.link(occ, d);
        assertThat(after.personIds().get(a.occurrenceId())).isEqualTo(after.personIds().get(c.occurrenceId()));
        assertThat(after.personIds().get(a.occurrenceId())).isNotEqualTo(after.personIds().get(b.occurrenceId()));
    }

    @Test
    void reviewPairsLieBetweenTheThresholdsAndSayWhy() {
        Truth t = population(37);
        LinkageResult r = linker.link(t.occurrences(), Decisions.none());
        LinkageSettings s = LinkageSettings.defaults();
        assertThat(r.reviewPairs()).isNotEmpty();
        assertThat(r.reviewPairs()).allSatisfy(p -> {
            assertThat(p.matchProbability()).isBetween(s.reviewProbability(), s.autoMatchProbability());
            assertThat(p.levels()).containsKeys("given_name", "family_name", "date_of_birth");
            assertThat(r.personIds().get(p.pair().first())).isNotEqualTo(r.personIds().get(p.pair().second()));
        });
    }

    @Test
    void comparesDatesOfBirthAtTheRightLevel() {
        PartialDate d = PartialDate.of(LocalDate.of(2012, 3, 4));
        assertThat(Comparisons.dob(d, d)).isEqualTo(1);
        assertThat(Comparisons.dob(d, PartialDate.of(LocalDate.of(2012, 4, 3)))).isEqualTo(2);
        assertThat(Comparisons.dob(d, PartialDate.of(LocalDate.of(2012, 3, 5)))).isEqualTo(3);
        assertThat(Comparisons.dob(d, PartialDate.ofYearMonth(2012, 3))).isEqualTo(4);
        assertThat(Comparisons.dob(d, PartialDate.of(LocalDate.of(2012, 9, 9)))).isEqualTo(5);
        assertThat(Comparisons.dob(d, PartialDate.of(LocalDate.of(2001, 9, 9)))).isEqualTo(6);
        assertThat(Comparisons.dob(d, null)).isZero();
        assertThat(Comparisons.withinOneEdit("4223", "4232")).isTrue();
        assertThat(Comparisons.withinOneEdit("4223", "4323")).isTrue();
        assertThat(Comparisons.withinOneEdit("4223", "5323")).isFalse();
    }

    @Test
    void anIdentityIsUniqueOnlyWhenNoOtherIdentifierOfItsSchemeSharesItsNameAndBirthDate() {
        PartialDate dob = PartialDate.of(LocalDate.of(2012, 7, 21));
        org.apache.commons.codec.language.DoubleMetaphone dm = new org.apache.commons.codec.language.DoubleMetaphone();
        Features school = new Features(occ("education", "S-1", 0, "amelia", "smith", dob, null, "F", Map.of("upn", "V999211616161")), dm);
        Features gp = new Features(occ("health", "H-1", 0, "amelia", "smith", dob, null, null, Map.of("nhs_number", "9434765919")), dm);
        Features otherGp = new Features(occ("health", "H-2", 0, "amelia", "smith", dob, null, null, Map.of("nhs_number", "4010232137")), dm);
        Features noIdentifier = new Features(occ("police", "P-1", 0, "amelia", "smith", dob, null, null, Map.of()), dm);
        // One school record and one GP record of that name and birthday: one child, as far as the data shows.
        assertThat(FellegiSunterLinker.uniqueIdentities(new Features[] {school, gp, noIdentifier})).containsExactly(true, true, false);
        // A second NHS number for the same name and birthday: two children, so neither pair is special.
        assertThat(FellegiSunterLinker.uniqueIdentities(new Features[] {school, gp, otherGp})).containsExactly(false, false, false);
    }
}
