package org.tessera.indexer.linkage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.codec.language.DoubleMetaphone;
import org.junit.jupiter.api.Test;
import org.tessera.indexer.ingest.PartialDate;

class BlockingTest {
    private static final DoubleMetaphone DM = new DoubleMetaphone();
    private static final String[] NAMES = {"amelia", "bella", "chloe", "daisy", "ella", "freya", "grace", "holly", "isla", "jade"};

    private static Features person(int n, String given, String family, LocalDate dob, Map<String, String> ids) {
        PersonOccurrence o = new PersonOccurrence("o" + n, "src", "e" + n, "subject", given, family, List.of(),
                dob == null ? null : PartialDate.of(dob), null, null, null, ids);
        return new Features(o, DM);
    }

    /** A distinct letters-only word for n (names lose digits when normalised). */
    private static String word(int n) {
        StringBuilder b = new StringBuilder();
        do { b.append((char) ('a' + n % 26)); n /= 26; } while (n > 0);
        return b.toString();
    }

    private static Set<Long> pairs(Blocking b) {
        Set<Long> out = new HashSet<>();
        b.forEachPair((i, j, rule) -> assertThat(out.add((long) i << 32 | j)).as("pair %d-%d produced twice", i, j).isTrue());
        return out;
    }

    @Test
    void aBirthdayAHundredPeopleShareIsSplitOnInitialsSoOnlyPairsAgreeingOnANameAreCompared() {
        LocalDate birthday = LocalDate.of(2014, 3, 9);
        List<Features> f = new ArrayList<>();
        for (int n = 0; n < 150; n++) {
            f.add(person(n, NAMES[n % NAMES.length] + word(n), word(n) + "ton", birthday, Map.of()));
        }
        Features[] all = f.toArray(Features[]::new);
        Set<Long> loose = pairs(Blocking.of(all, 1000, 1000));
        Blocking tight = Blocking.of(all, 100, 1000);
        Set<Long> refined = pairs(tight);
        assertThat(loose).hasSize(150 * 149 / 2);
        assertThat(refined).isNotEmpty().hasSizeLessThan(loose.size() / 5);
        assertThat(tight.refinedBlocks()).isPositive();
        // Two with the same given initial still meet: units 0 and 10 are both "amelia...".
        assertThat(refined).contains(10L); // 0 << 32 | 10
    }

    @Test
    void aPairInAnOversizedBlockOfOneRuleIsStillComparedByALaterRule() {
        List<Features> f = new ArrayList<>();
        Map<String, String> placeholder = Map.of("case_ref", "0000");
        // 30 people share a placeholder reference number, so the identifier rule's block is over the cap of 20.
        for (int n = 0; n < 30; n++) {
            f.add(person(n, word(n + 100) + "ina", word(n + 300) + "son", LocalDate.of(1960 + n, 1 + n % 12, 1 + n), placeholder));
        }
        // Two of them are one person whose year of birth was mistyped: only the last rule (family
        // name, initial, decade) brings them together.
        f.add(person(30, "amelia", "quint", LocalDate.of(2011, 5, 5), placeholder));
        f.add(person(31, "amy", "quint", LocalDate.of(2012, 5, 5), placeholder));
        Blocking b = Blocking.of(f.toArray(Features[]::new), 10, 20);
        assertThat(b.skippedBlocks()).isPositive();
        assertThat(pairs(b)).contains(30L << 32 | 31);
    }
    @Test
    void aRecordWithoutAGivenNameMeetsItsPersonAtItsPostcodeThroughTheWideRule() {
        // Rule 2 keys the named record on its given initial ("r") and the unnamed one on its family
        // initial ("d"): they share no key of the six rules. The wide postcode + family initial rule
        // keys both on "d".
        PersonOccurrence named = new PersonOccurrence("o1", "src", "e1", "subject", "Rebecca", "Davis", List.of(),
                null, null, null, "TC5 1PT", Map.of());
        PersonOccurrence unnamed = new PersonOccurrence("o2", "src", "e2", "subject", null, "Davies", List.of(),
                null, null, null, "TC5 1PT", Map.of());
        Features[] f = {new Features(named, DM), new Features(unnamed, DM)};
        List<Integer> rules = new ArrayList<>();
        Blocking.of(f, 100, 1000).forEachPair((i, j, rule) -> rules.add(rule));
        assertThat(rules).containsExactly(Blocking.RULES.indexOf("postcode_family_initial"));
    }

    /**
     * ADR 0045: a record that lost its names and date of birth still meets its person by a reference one keystroke
     * out (a digit changed, two adjacent digits swapped) and by postcode and house number; a reference two keystrokes
     * out, a valid strong identifier and another house number do not share those keys.
     */
    @Test
    void aReferenceOneKeystrokeOutAndAPostcodeWithHouseNumberShareAWideKey() {
        int oneEdit = Blocking.RULES.indexOf("identifier_one_edit"), address = Blocking.RULES.indexOf("postcode_house_number");
        Features full = features("Ruby", "Cole", "1234567", "12 Elm Road, Tessbury", "TC9 4XY");
        Features swapped = features(null, null, "1243567", null, null);
        Features changed = features(null, null, "1234967", null, null);
        Features twoOut = features(null, null, "2143567", null, null);
        assertThat(shared(oneEdit, full, swapped)).isTrue();
        assertThat(shared(oneEdit, full, changed)).isTrue();
        assertThat(shared(oneEdit, full, twoOut)).isFalse();
        assertThat(shared(address, full, features(null, null, null, "12 Elm Rd", "TC9 4XY"))).isTrue();
        assertThat(shared(address, full, features(null, null, null, "14 Elm Road", "TC9 4XY"))).isFalse();
        // A valid NHS number joins on its own: no deletion keys for it.
        PersonOccurrence nhs = new PersonOccurrence("o-nhs", "src", "e-nhs", "subject", "Ruby", "Cole", List.of(), null, null, null, null,
                Map.of("nhs_number", "9434765919"));
        assertThat(Blocking.keys(oneEdit, new Features(nhs, DM))).isEmpty();
    }

    /**
     * Session 18 (issue #18): a copy whose year of birth, postcode and names past their first letters are mistyped (and
     * whose names are swapped, or whose day and month are swapped as well) meets its person by the birthday and both
     * initials, and only by that wide rule; a sibling of another initial or another birthday does not share the key.
     */
    @Test
    void aCopyCorruptedInEveryOtherKeyedFieldMeetsItsPersonByBirthdayAndInitials() {
        int birthday = Blocking.RULES.indexOf("birthday_initials");
        Features susan = born("Susan", "Booth", LocalDate.of(1971, 4, 16), "TC11 0FY");
        Features copy = born("Susari", "Bootb", LocalDate.of(1917, 4, 16), "TC1 0FY");
        Features swapped = born("Bootb", "Susari", LocalDate.of(1917, 4, 16), "TC1 0FY"); // names swapped
        assertThat(onlyRule(susan, copy)).isEqualTo(birthday);
        assertThat(onlyRule(susan, swapped)).isEqualTo(birthday);
        // day and month swapped, year mistyped
        assertThat(shared(birthday, born("Susan", "Booth", LocalDate.of(1971, 3, 5), null), born("Susn", "Bohtt", LocalDate.of(1917, 5, 3), null))).isTrue();
        assertThat(shared(birthday, susan, born("Sophie", "Booth", LocalDate.of(1971, 4, 17), "TC11 0FY"))).isFalse();
        assertThat(shared(birthday, susan, born("Lucy", "Booth", LocalDate.of(1971, 4, 16), "TC11 0FY"))).isFalse();
    }

    private static Features born(String given, String family, LocalDate dob, String postcode) {
        PersonOccurrence o = new PersonOccurrence("o-" + given + family + dob, "src", "e-" + given + family + dob, "subject", given, family, List.of(),
                dob == null ? null : PartialDate.of(dob), null, null, postcode, Map.of());
        return new Features(o, DM);
    }

    /** The one rule whose pair the blocking of the two gives (fails when none or the pair is not produced). */
    private static int onlyRule(Features a, Features b) {
        List<Integer> rules = new ArrayList<>();
        Blocking.of(new Features[] {a, b}, 100, 1000).forEachPair((i, j, rule) -> rules.add(rule));
        assertThat(rules).hasSize(1);
        return rules.get(0);
    }

    private static Features features(String given, String family, String ref, String address, String postcode) {
        PersonOccurrence o = new PersonOccurrence("o-" + ref + address, "src", "e-" + ref + address, "subject", given, family, List.of(), null, null,
                address, postcode, ref == null ? Map.of() : Map.of("local_ref", ref));
        return new Features(o, DM);
    }

    private static boolean shared(int rule, Features a, Features b) {
        Set<String> keys = new HashSet<>(List.of(Blocking.keys(rule, a)));
        keys.retainAll(List.of(Blocking.keys(rule, b)));
        return !keys.isEmpty();
    }
}
