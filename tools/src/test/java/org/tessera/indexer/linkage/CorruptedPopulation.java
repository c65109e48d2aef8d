package org.tessera.indexer.linkage;

import org.tessera.indexer.ingest.Ids;
import org.tessera.indexer.ingest.PartialDate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Heavily corrupted person records in the manner of FEBRL's {@code dsgen} (Christen, "Probabilistic
 * data generation for deduplication and data linkage", 2005), written here because the FEBRL sets
 * shipped with the tests are lightly corrupted: originals drawn from name and address frequency
 * lists, up to nine duplicates an original (Zipf), several changes a duplicate (typos, OCR-like
 * errors, phonetic variants, nicknames, initials, swapped names, hyphenated surnames, day/month
 * swaps, year digit typos, identifier typos of one to three edits, moves, missing values including
 * at least ten per cent of dates of birth).
 *
 * <p>Unlike {@code dsgen}, originals live in households: parents and children share surname,
 * address and postcode, some twins share a birthday, some sons carry their father's name. So an
 * address or a surname alone is not a match here, as in the county's data, and precision is
 * tested against the traps a child-protection linker must not fall into.
 *
 * <p>A {@link Spec} fixes the name lists (one half of the ranks each: the tuning and held-out sets
 * draw from disjoint names and streets), the corruption mix and the seed. Deterministic.
 */
final class CorruptedPopulation {

    /** One file deduplicated ("C"-like), or two files linked ("F"-like: originals in file a, duplicates in file b). */
    enum Shape {
        DEDUP("dedup"), TWO_FILES("two files");

        final String label;

        Shape(String label) {
            this.label = label.replace(' ', '-');
        }
    }

    /** What changes a duplicate can receive. */
    enum Change {
        GIVEN_TYPO, GIVEN_OCR, GIVEN_PHONETIC, GIVEN_NICKNAME, GIVEN_INITIAL, GIVEN_MISSING,
        FAMILY_TYPO, FAMILY_OCR, FAMILY_PHONETIC, FAMILY_HYPHEN, FAMILY_MISSING, SWAP_NAMES,
        DOB_DAY_MONTH, DOB_YEAR_DIGIT, DOB_YEAR_TRANSPOSE, DOB_DAY, DOB_MONTH, DOB_MISSING,
        ADDRESS_TYPO, ADDRESS_NUMBER, ADDRESS_ABBREVIATION, ADDRESS_MISSING, MOVED,
        POSTCODE_TYPO, POSTCODE_MISSING, ID_ONE_EDIT, ID_TWO_EDITS, ID_THREE_EDITS, ID_MISSING, GENDER_MISSING
    }

    /**
     * @param name           a label for reports
     * @param seed           random seed
     * @param originals      people before duplication
     * @param odd            draw names and streets from the odd ranks of the lists (else the even ones)
     * @param maxChanges     changes a duplicate receives: uniform from 1 to this
     * @param missingDob     share of all records (originals too) with no date of birth, on top of the changes
     * @param noDuplicates   share of originals without any duplicate
     * @param mix            relative weight of each change
     * @param households     originals live in households (families sharing surname, address, postcode; twins, juniors);
     *                       else every original is drawn on its own, as FEBRL's {@code dsgen} does
     * @param maxPerField    changes one field of a duplicate may receive at most (0: no limit), as {@code dsgen}'s
     *                       per-field limit
     * @param shape          one file deduplicated, or two files linked (originals in one, their duplicates in the other)
     */
    record Spec(String name, long seed, int originals, boolean odd, int maxChanges, double missingDob, double noDuplicates,
                Map<Change, Double> mix, boolean households, int maxPerField, Shape shape) {

        /** A household spec (the sets of 2026-12-06 and 07 before session 14): one file, no per-field limit. */
        Spec(String name, long seed, int originals, boolean odd, int maxChanges, double missingDob, double noDuplicates,
             Map<Change, Double> mix) {
            this(name, seed, originals, odd, maxChanges, missingDob, noDuplicates, mix, true, 0, Shape.DEDUP);
        }

        /**
         * The no-household tuning split of a shape (issue #18's sets "C" and "F" are FEBRL {@code dsgen} sets without
         * households): 5,000 independent originals and 5,000 duplicates (up to nine an original, Zipf), up to ten
         * changes a duplicate and at most three a field, 10 % of records without a date of birth; even ranks of the
         * name and street lists, {@link #dsgenMix} (a uniform mix of the thirty changes, tried first, loses two fields a
         * duplicate on average: recall 0.70, far below the issue's 0.88 on its set "C"). A development split.
         */
        static Spec noHouseholdTuning(Shape shape) {
            return new Spec("no-household tuning " + shape.label, shape == Shape.DEDUP ? 20_261_207L : 20_261_208L, 5000, false, 10, 0.10,
                    0, dsgenMix(false), false, 3, shape);
        }

        /**
         * The no-household held-out split of a shape: odd ranks, {@code dsgenMix(true)}, 12 % of records without a
         * date of birth, and the seed frozen in {@code linkage/no-household-held-out.properties} (committed on 2026-12-07
         * before any tuning on the no-household sets; read once, with final code, by {@link HeavyCorruptionLinkageTest}).
         */
        static Spec noHouseholdHeldOut(Shape shape) {
            return noHouseholdHeldOut(shape, "seed.", "no-household held-out ");
        }

        /**
         * The second no-household held-out split of a shape (session 17, issue #18): the held-out recipe of
         * {@link #noHouseholdHeldOut} with the seeds {@code seed2.*} frozen in {@code linkage/no-household-held-out.properties}
         * on 2026-12-07 before any change of that session was measured. Only its figures are read, never its misses.
         */
        static Spec noHouseholdSecondHeldOut(Shape shape) {
            return noHouseholdHeldOut(shape, "seed2.", "no-household second held-out ");
        }

        /**
         * The third no-household held-out split of a shape (session 18, issue #18): the held-out recipe with the seeds
         * {@code seed3.*} frozen in {@code linkage/no-household-held-out.properties} before that session built or measured
         * anything. Only its figures are read, never its misses.
         */
        static Spec noHouseholdThirdHeldOut(Shape shape) {
            return noHouseholdHeldOut(shape, "seed3.", "no-household third held-out ");
        }

        /**
         * The fourth no-household held-out split of a shape (session 19, issue #18): the held-out recipe with the seeds
         * {@code seed4.*} frozen in {@code linkage/no-household-held-out.properties} before that session built or measured
         * anything. Only its figures are read, never its misses.
         */
        static Spec noHouseholdFourthHeldOut(Shape shape) {
            return noHouseholdHeldOut(shape, "seed4.", "no-household fourth held-out ");
        }

        /**
         * The fifth no-household held-out split of a shape (session 20, issue #18): the held-out recipe with the seeds
         * {@code seed5.*} frozen in {@code linkage/no-household-held-out.properties} before that session built or measured
         * anything. Only its figures are read, never its misses or wrong pairs.
         */
        static Spec noHouseholdFifthHeldOut(Shape shape) {
            return noHouseholdHeldOut(shape, "seed5.", "no-household fifth held-out ");
        }

        /**
         * A no-household development split of a new seed (never a held-out seed): the held-out recipe ({@code dsgenMix(true)},
         * 12 % without a date of birth) or the tuning one, on the even ranks of the name and street lists unless {@code odd}.
         */
        static Spec noHouseholdDevelopment(Shape shape, long seed, boolean odd, boolean heldOutRecipe) {
            return new Spec("development " + shape.label + " " + seed, seed, 5000, odd, 10, heldOutRecipe ? 0.12 : 0.10, 0,
                    dsgenMix(heldOutRecipe), false, 3, shape);
        }

        private static Spec noHouseholdHeldOut(Shape shape, String key, String name) {
            java.util.Properties frozen = new java.util.Properties();
            try (var in = CorruptedPopulation.class.getResourceAsStream("/linkage/no-household-held-out.properties")) {
                frozen.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            long seed = Long.parseLong(frozen.getProperty(key + shape.label));
            return new Spec(name + shape.label, seed, 5000, true, 10, 0.12, 0, dsgenMix(true), false, 3, shape);
        }

        /** The tuning split: even ranks, up to five changes, 12 % missing dates of birth. */
        static Spec tuning() {
            return new Spec("tuning", 20_261_206L, 3000, false, 5, 0.12, 0.35, uniformMix());
        }

        /**
         * A second development split (issue #18, December 2026 night): the held-out recipe (odd ranks, up to six
         * changes, 15 % missing dates of birth, the held-out corruption mix) with seed 14142135, used nowhere before.
         * Read while developing beside the tuning split, so a change that fits only the tuning recipe shows there
         * before a held-out split is read; its figures are development figures.
         */
        static Spec secondDevelopment() {
            Spec h = heldOut();
            return new Spec("second development", 14_142_135L, h.originals(), h.odd(), h.maxChanges(), h.missingDob(), h.noDuplicates(), h.mix());
        }

        /**
         * The held-out split: odd ranks (other names, other streets), up to six changes, 15 %
         * missing dates of birth, more OCR and date errors and fewer phonetic ones.
         */
        static Spec heldOut() {
            return new Spec("held-out", 77_003_141L, 3000, true, 6, 0.15, 0.30, heldOutShift(uniformMix(), 1.5));
        }

        /**
         * A second held-out split, generated first on 2026-12-06 after the changes of that day were
         * final (the first held-out split had been read several times by then): the held-out
         * recipe with a seed used nowhere before.
         */
        static Spec freshHeldOut() {
            Spec h = heldOut();
            return new Spec("fresh held-out", 90_210_777L, h.originals(), h.odd(), h.maxChanges(), h.missingDob(), h.noDuplicates(), h.mix());
        }

        /**
         * A third held-out split (the held-out recipe, seed 61803398 used nowhere before), generated
         * and read once after the wide blocking of 2026-12-06 evening was final.
         */
        static Spec thirdHeldOut() {
            Spec h = heldOut();
            return new Spec("third held-out", 61_803_398L, h.originals(), h.odd(), h.maxChanges(), h.missingDob(), h.noDuplicates(), h.mix());
        }

        /**
         * A fourth held-out split (the held-out recipe, seed 27182818 used nowhere before), generated
         * and read once after the consistent-pair threshold of 2026-12-06 night was final (ADR 0028).
         */
        static Spec fourthHeldOut() {
            Spec h = heldOut();
            return new Spec("fourth held-out", 27_182_818L, h.originals(), h.odd(), h.maxChanges(), h.missingDob(), h.noDuplicates(), h.mix());
        }

        /**
         * A fifth held-out split (the held-out recipe, seed 57721566 used nowhere before), generated and first read
         * after the uncontested consistent pairs of 2026-12-06 late evening were final (ADR 0036).
         */
        static Spec fifthHeldOut() {
            Spec h = heldOut();
            return new Spec("fifth held-out", 57_721_566L, h.originals(), h.odd(), h.maxChanges(), h.missingDob(), h.noDuplicates(), h.mix());
        }

        /**
         * A sixth held-out split (the held-out recipe, seed 16180339 used nowhere before), generated and first read
         * after the consistent pairs of ADR 0042 (one disagreeing field, the whole-person reference check) were final.
         */
        static Spec sixthHeldOut() {
            Spec h = heldOut();
            return new Spec("sixth held-out", 16_180_339L, h.originals(), h.odd(), h.maxChanges(), h.missingDob(), h.noDuplicates(), h.mix());
        }

        /**
         * A mix in the proportions of FEBRL's {@code generate.py} (its per-field probabilities: single-character edits
         * most of the time, OCR and phonetic variants less often, a missing value, a new value or swapped words rarely):
         * keystroke changes weigh 3, date and address slips 1, whole-field losses, moves, swaps and hyphenations 0.3.
         * {@code heldOut} shifts weight as the household held-out recipe does (more OCR, date errors and moves).
         */
        static Map<Change, Double> dsgenMix(boolean heldOut) {
            Map<Change, Double> mix = new EnumMap<>(Change.class);
            for (Change c : Change.values()) mix.put(c, 1.0);
            for (Change c : List.of(Change.GIVEN_TYPO, Change.FAMILY_TYPO, Change.ADDRESS_TYPO, Change.POSTCODE_TYPO, Change.ID_ONE_EDIT)) mix.put(c, 3.0);
            for (Change c : List.of(Change.GIVEN_MISSING, Change.FAMILY_MISSING, Change.DOB_MISSING, Change.ADDRESS_MISSING, Change.POSTCODE_MISSING,
                    Change.ID_MISSING, Change.GENDER_MISSING, Change.MOVED, Change.SWAP_NAMES, Change.FAMILY_HYPHEN)) mix.put(c, 0.3);
            for (Change c : List.of(Change.GIVEN_NICKNAME, Change.GIVEN_INITIAL, Change.ID_TWO_EDITS, Change.ID_THREE_EDITS)) mix.put(c, 0.5);
            return heldOut ? heldOutShift(mix, 0.5) : mix;
        }

        /** The held-out recipes' shift of a mix: more OCR and date errors, fewer phonetic ones, moves weighing {@code moved}. */
        private static Map<Change, Double> heldOutShift(Map<Change, Double> mix, double moved) {
            mix.put(Change.GIVEN_OCR, 2.0);
            mix.put(Change.FAMILY_OCR, 2.0);
            mix.put(Change.DOB_YEAR_DIGIT, 1.5);
            mix.put(Change.DOB_DAY_MONTH, 1.5);
            mix.put(Change.GIVEN_PHONETIC, 0.5);
            mix.put(Change.FAMILY_PHONETIC, 0.5);
            mix.put(Change.MOVED, moved);
            return mix;
        }

        private static Map<Change, Double> uniformMix() {
            Map<Change, Double> mix = new EnumMap<>(Change.class);
            for (Change c : Change.values()) mix.put(c, 1.0);
            return mix;
        }
    }

    /** The records and, for scoring only, the original each one was made from. */
    record Labelled(List<PersonOccurrence> occurrences, Map<String, String> entityByOccurrence) {}

    private static final String SOURCE = "corrupted";
    private static final String[] SUFFIXES = {"Road", "Street", "Close", "Avenue", "Lane", "Drive", "Way", "Court", "Gardens", "Crescent",
            "Grove", "Terrace", "Place"};
    private static final Map<String, String> ABBREVIATE = Map.of("Road", "Rd", "Street", "St", "Close", "Cl", "Avenue", "Ave", "Lane", "Ln",
            "Drive", "Dr", "Court", "Ct", "Gardens", "Gdns", "Crescent", "Cres", "Terrace", "Tce");
    private static final String[][] OCR = {{"m", "rn"}, {"rn", "m"}, {"l", "1"}, {"o", "0"}, {"i", "l"}, {"e", "c"}, {"cl", "d"},
            {"h", "b"}, {"u", "v"}, {"n", "ri"}, {"s", "5"}, {"g", "q"}};
    private static final String[][] PHONETIC = {{"ph", "f"}, {"f", "ph"}, {"ck", "k"}, {"c", "k"}, {"k", "c"}, {"ie", "y"}, {"y", "ie"},
            {"ou", "ow"}, {"ei", "ie"}, {"ee", "ea"}, {"ll", "l"}, {"tt", "t"}, {"nn", "n"}, {"s", "z"}, {"z", "s"}, {"th", "t"},
            {"ai", "ay"}, {"er", "a"}, {"en", "an"}};

    private final Spec spec;
    private final Random r;
    private final List<String> maleNames = new ArrayList<>(), femaleNames = new ArrayList<>(), surnames = new ArrayList<>(), stems = new ArrayList<>();
    private final double[] maleWeights, femaleWeights, surnameWeights;
    private final Map<String, List<String>> nicknames = new HashMap<>();
    private final List<String> towns;
    private int events;
    private String file = SOURCE;

    private CorruptedPopulation(Spec spec) {
        this.spec = spec;
        this.r = new Random(spec.seed());
        Map<String, Double> male = new LinkedHashMap<>(), female = new LinkedHashMap<>();
        for (String[] row : csv("/synthetic/given-names.csv")) {
            (row[0].equals("M") ? male : female).merge(row[2], Double.parseDouble(row[3]), Double::sum);
        }
        Map<String, Double> sur = new LinkedHashMap<>();
        for (String[] row : csv("/synthetic/surnames.csv")) sur.merge(row[0], Double.parseDouble(row[1]), Double::sum);
        maleWeights = half(male, maleNames);
        femaleWeights = half(female, femaleNames);
        surnameWeights = half(sur, surnames);
        for (String[] row : csv("/synthetic/nicknames.csv")) {
            List<String> forms = List.of(row[1].split("\\|"));
            nicknames.put(row[0], forms);
        }
        String[] allStems = ("Abbey|Alder|Ash|Aspen|Badger|Barley|Beech|Birch|Blackthorn|Bramble|Brook|Buttercup|Canal|Castle|Cedar|Chapel|"
                + "Cherry|Chestnut|Church|Clover|Coronation|Cromwell|Daisy|Elm|Fern|Field|Forge|Fox|Fuller|Garden|Gladstone|Glebe|Granary|"
                + "Grange|Hawthorn|Hazel|Heath|Heron|Highfield|Holly|Ivy|Juniper|Kestrel|King|Larch|Laurel|Lime|Linden|Maple|Marsh|Meadow|"
                + "Mill|Moor|Nelson|Oak|Orchard|Park|Primrose|Priory|Queen|Railway|Rectory|Riverside|Rowan|Saxon|School|Spring|Station|"
                + "Sycamore|Tannery|Thistle|Tudor|Union|Valley|Victoria|Walnut|Warren|Water|Wellington|Willow|Windmill|Wren|Yew").split("\\|");
        for (int i = spec.odd() ? 1 : 0; i < allStems.length; i += 2) stems.add(allStems[i]);
        towns = spec.odd() ? List.of("Ashcombe", "Brackendale", "Wenlow", "Morrowby") : List.of("Tessbury", "Hollinford", "Stanmere", "Kingsmead");
    }

    /** The records of a spec: originals and their duplicates, each a record of its own. */
    static Labelled generate(Spec spec) {
        return new CorruptedPopulation(spec).generate();
    }

    private Labelled generate() {
        if (!spec.households()) return generateIndependent();
        List<Person> people = new ArrayList<>();
        while (people.size() < spec.originals()) people.addAll(household(people.size()));
        List<PersonOccurrence> out = new ArrayList<>();
        Map<String, String> truth = new LinkedHashMap<>();
        for (Person p : people) {
            emit(out, truth, p, p.given, p.family, p.dob, p.address, p.postcode, p.ref, p.gender, 0);
            int copies = r.nextDouble() < spec.noDuplicates() ? 0 : zipf(9);
            for (int c = 1; c <= copies; c++) duplicate(out, truth, p, c);
        }
        return new Labelled(out, truth);
    }

    /**
     * As {@code dsgen}: independent originals, then as many duplicates handed out to originals taken in
     * random order, up to nine each (Zipf), until the count is reached. Two files: originals in file a, duplicates in b.
     */
    private Labelled generateIndependent() {
        List<Person> people = new ArrayList<>();
        for (int id = 0; id < spec.originals(); id++) {
            boolean male = r.nextBoolean();
            String address = address();
            people.add(person(id, male, pick(surnames, surnameWeights), date(1925, 2015), address, postcode()));
        }
        int[] copies = new int[people.size()];
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < people.size(); i++) order.add(i);
        java.util.Collections.shuffle(order, r);
        int remaining = spec.originals();
        for (int i = 0; i < order.size() && remaining > 0; i++) {
            int k = Math.min(remaining, zipf(9));
            copies[order.get(i)] = k;
            remaining -= k;
        }
        List<PersonOccurrence> out = new ArrayList<>();
        Map<String, String> truth = new LinkedHashMap<>();
        boolean two = spec.shape() == Shape.TWO_FILES;
        for (Person p : people) {
            file = two ? SOURCE + "-a" : SOURCE;
            emit(out, truth, p, p.given, p.family, p.dob, p.address, p.postcode, p.ref, p.gender, 0);
            file = two ? SOURCE + "-b" : SOURCE;
            for (int c = 1; c <= copies[p.id()]; c++) duplicate(out, truth, p, c);
        }
        return new Labelled(out, truth);
    }

    private record Person(int id, String given, String family, LocalDate dob, String gender, String address, String postcode, String ref) {}

    /** A single adult, or a family of one or two parents and one to four children at one address. */
    private List<Person> household(int firstId) {
        String family = pick(surnames, surnameWeights);
        String address = address();
        String postcode = postcode();
        List<Person> out = new ArrayList<>();
        int id = firstId;
        if (r.nextDouble() < 0.35) {
            boolean male = r.nextBoolean();
            out.add(person(id, male, family, date(1950, 2005), address, postcode));
            return out;
        }
        Person mother = person(id++, false, r.nextDouble() < 0.2 ? pick(surnames, surnameWeights) : family, date(1965, 1998), address, postcode);
        out.add(mother);
        Person father = null;
        if (r.nextDouble() < 0.6) {
            father = person(id++, true, family, date(1960, 1996), address, postcode);
            out.add(father);
        }
        int children = 1 + r.nextInt(4);
        LocalDate twinDate = null;
        for (int c = 0; c < children; c++) {
            boolean male = r.nextBoolean();
            LocalDate dob = twinDate != null ? twinDate : date(Math.max(2000, mother.dob().getYear() + 17), 2025);
            twinDate = twinDate == null && r.nextDouble() < 0.06 ? dob : null; // the next child is a twin
            String childFamily = r.nextDouble() < 0.1 ? family + "-" + pick(surnames, surnameWeights) : family;
            Person child = person(id++, male, childFamily, dob, address, postcode);
            while (named(out, child.given())) child = person(child.id(), male, childFamily, dob, address, postcode); // siblings have names of their own
            if (male && father != null && r.nextDouble() < 0.08) { // a son named after his father
                child = new Person(child.id(), father.given(), child.family(), dob, child.gender(), address, postcode, child.ref());
            }
            out.add(child);
        }
        return out;
    }

    private static boolean named(List<Person> household, String given) {
        for (Person p : household) if (p.given().equals(given)) return true;
        return false;
    }

    private Person person(int id, boolean male, String family, LocalDate dob, String address, String postcode) {
        String given = male ? pick(maleNames, maleWeights) : pick(femaleNames, femaleWeights);
        String ref = String.format(Locale.ROOT, "%07d", r.nextInt(10_000_000));
        return new Person(id, given, family, dob, male ? "M" : "F", address, postcode, ref);
    }

    private void duplicate(List<PersonOccurrence> out, Map<String, String> truth, Person p, int copy) {
        String given = p.given, family = p.family, address = p.address, postcode = p.postcode, ref = p.ref, gender = p.gender;
        int[] dob = {p.dob.getYear(), p.dob.getMonthValue(), p.dob.getDayOfMonth()};
        boolean noDob = false;
        int changes = 1 + r.nextInt(spec.maxChanges());
        Map<String, Integer> perField = new HashMap<>();
        for (int k = 0; k < changes; k++) {
            Change change = change();
            for (int tries = 0; spec.maxPerField() > 0 && perField.getOrDefault(field(change), 0) >= spec.maxPerField() && tries < 20; tries++) {
                change = change();
            }
            perField.merge(field(change), 1, Integer::sum);
            switch (change) {
                case GIVEN_TYPO -> given = typo(given);
                case GIVEN_OCR -> given = replaceOne(given, OCR);
                case GIVEN_PHONETIC -> given = replaceOne(given, PHONETIC);
                case GIVEN_NICKNAME -> {
                    List<String> forms = given == null ? null : nicknames.get(given);
                    given = forms == null ? typo(given) : forms.get(r.nextInt(forms.size()));
                }
                case GIVEN_INITIAL -> given = given == null || given.isEmpty() ? given : given.substring(0, 1);
                case GIVEN_MISSING -> given = null;
                case FAMILY_TYPO -> family = typo(family);
                case FAMILY_OCR -> family = replaceOne(family, OCR);
                case FAMILY_PHONETIC -> family = replaceOne(family, PHONETIC);
                case FAMILY_HYPHEN -> family = family == null ? null
                        : family.contains("-") ? family.substring(0, family.indexOf('-')) : family + "-" + pick(surnames, surnameWeights);
                case FAMILY_MISSING -> family = null;
                case SWAP_NAMES -> { String t = given; given = family; family = t; }
                case DOB_DAY_MONTH -> { if (dob[2] <= 12) { int t = dob[1]; dob[1] = dob[2]; dob[2] = t; } }
                case DOB_YEAR_DIGIT -> dob[0] = yearDigit(dob[0]);
                case DOB_YEAR_TRANSPOSE -> dob[0] = yearTranspose(dob[0]);
                case DOB_DAY -> dob[2] = 1 + r.nextInt(28);
                case DOB_MONTH -> dob[1] = 1 + r.nextInt(12);
                case DOB_MISSING -> noDob = true;
                case ADDRESS_TYPO -> address = typo(address);
                case ADDRESS_NUMBER -> address = address == null ? null : address.replaceFirst("^\\d+", Integer.toString(1 + r.nextInt(180)));
                case ADDRESS_ABBREVIATION -> address = abbreviate(address);
                case ADDRESS_MISSING -> address = null;
                case MOVED -> {
                    address = address();
                    postcode = postcode();
                }
                case POSTCODE_TYPO -> postcode = postcode == null ? null : typo(postcode);
                case POSTCODE_MISSING -> postcode = null;
                case ID_ONE_EDIT -> ref = digits(ref, 1);
                case ID_TWO_EDITS -> ref = digits(ref, 2);
                case ID_THREE_EDITS -> ref = digits(ref, 3);
                case ID_MISSING -> ref = null;
                case GENDER_MISSING -> gender = null;
            }
        }
        LocalDate date = noDob ? null : valid(dob);
        emit(out, truth, p, given, family, date, address, postcode, ref, gender, copy);
    }

    /** The field a change touches, for the spec's per-field limit (a move changes the address and its postcode). */
    private static String field(Change c) {
        String n = c.name();
        return n.startsWith("GIVEN") || c == Change.SWAP_NAMES ? "given" : n.startsWith("FAMILY") ? "family" : n.startsWith("DOB") ? "dob"
                : n.startsWith("ADDRESS") || c == Change.MOVED ? "address" : n.startsWith("POSTCODE") ? "postcode" : n.startsWith("ID") ? "id" : "gender";
    }

    private void emit(List<PersonOccurrence> out, Map<String, String> truth, Person p, String given, String family, LocalDate dob,
                      String address, String postcode, String ref, String gender, int copy) {
        String eventId = Ids.eventId(file, spec.name() + "-" + events++);
        PartialDate date = dob == null || r.nextDouble() < spec.missingDob() ? null : PartialDate.of(dob);
        PersonOccurrence o = new PersonOccurrence(Ids.occurrenceId(eventId, 0), file, eventId, "subject", given, family, List.of(), date,
                gender, address, postcode, ref == null ? Map.of() : Map.of("local_ref", ref));
        out.add(o);
        truth.put(o.occurrenceId(), Integer.toString(p.id()));
    }

    private Change change() {
        double total = 0;
        for (double w : spec.mix().values()) total += w;
        double x = r.nextDouble() * total;
        for (var e : spec.mix().entrySet()) {
            x -= e.getValue();
            if (x < 0) return e.getKey();
        }
        return Change.GIVEN_TYPO;
    }

    /** 1..max with P(k) proportional to 1/k. */
    private int zipf(int max) {
        double total = 0;
        for (int k = 1; k <= max; k++) total += 1.0 / k;
        double x = r.nextDouble() * total;
        for (int k = 1; k <= max; k++) {
            x -= 1.0 / k;
            if (x < 0) return k;
        }
        return max;
    }

    private String typo(String s) {
        if (s == null || s.length() < 2) return s;
        int i = r.nextInt(s.length());
        char c = (char) ('a' + r.nextInt(26));
        return switch (r.nextInt(4)) {
            case 0 -> s.substring(0, i) + s.substring(i + 1);
            case 1 -> s.substring(0, i) + c + s.substring(i);
            case 2 -> s.substring(0, i) + c + s.substring(i + 1);
            default -> i + 1 < s.length() ? s.substring(0, i) + s.charAt(i + 1) + s.charAt(i) + s.substring(i + 2) : s.substring(0, i);
        };
    }

    /** Replaces one occurrence (chosen at random among those present) of one of the patterns. */
    private String replaceOne(String s, String[][] patterns) {
        if (s == null) return null;
        String lower = s.toLowerCase(Locale.ROOT);
        List<int[]> hits = new ArrayList<>();
        for (int p = 0; p < patterns.length; p++) {
            for (int at = lower.indexOf(patterns[p][0]); at >= 0; at = lower.indexOf(patterns[p][0], at + 1)) hits.add(new int[] {p, at});
        }
        if (hits.isEmpty()) return typo(s);
        int[] h = hits.get(r.nextInt(hits.size()));
        String[] pat = patterns[h[0]];
        return s.substring(0, h[1]) + pat[1] + s.substring(h[1] + pat[0].length());
    }

    private String abbreviate(String address) {
        if (address == null) return null;
        for (var e : ABBREVIATE.entrySet()) if (address.contains(" " + e.getKey())) return address.replace(" " + e.getKey(), " " + e.getValue());
        return typo(address);
    }

    private String digits(String ref, int edits) {
        if (ref == null) return null;
        char[] c = ref.toCharArray();
        for (int e = 0; e < edits; e++) {
            int i = r.nextInt(c.length);
            if (r.nextBoolean() && i + 1 < c.length) { char t = c[i]; c[i] = c[i + 1]; c[i + 1] = t; }
            else c[i] = (char) ('0' + (c[i] - '0' + 1 + r.nextInt(9)) % 10);
        }
        return new String(c);
    }

    private int yearDigit(int year) {
        int position = 2 + r.nextInt(2); // the tens or the units
        char[] c = Integer.toString(year).toCharArray();
        c[position] = (char) ('0' + (c[position] - '0' + 1 + r.nextInt(9)) % 10);
        return Integer.parseInt(new String(c));
    }

    private static int yearTranspose(int year) {
        char[] c = Integer.toString(year).toCharArray();
        char t = c[2]; c[2] = c[3]; c[3] = t;
        return Integer.parseInt(new String(c));
    }

    private static LocalDate valid(int[] dob) {
        int day = Math.min(dob[2], LocalDate.of(dob[0], dob[1], 1).lengthOfMonth());
        return LocalDate.of(dob[0], dob[1], day);
    }

    private LocalDate date(int fromYear, int toYear) {
        return LocalDate.of(fromYear, 1, 1).plusDays(r.nextInt((toYear - fromYear + 1) * 365));
    }

    /** A house number, street and town from the spec's half of the lists. */
    private String address() {
        return (1 + r.nextInt(180)) + " " + stems.get(r.nextInt(stems.size())) + " " + SUFFIXES[r.nextInt(SUFFIXES.length)]
                + ", " + towns.get(r.nextInt(towns.size()));
    }

    private String postcode() {
        String letters = "ABDEFGHJLNPQRSTUWXYZ";
        return "TC" + (1 + r.nextInt(20)) + " " + r.nextInt(10) + letters.charAt(r.nextInt(letters.length())) + letters.charAt(r.nextInt(letters.length()));
    }

    private <T> T pick(List<T> values, double[] cumulative) {
        double x = r.nextDouble() * cumulative[cumulative.length - 1];
        int i = java.util.Arrays.binarySearch(cumulative, x);
        return values.get(Math.min(values.size() - 1, i >= 0 ? i : -i - 1));
    }

    /** Every other rank of a frequency list (the spec's half), with cumulative weights. */
    private double[] half(Map<String, Double> weights, List<String> names) {
        List<Map.Entry<String, Double>> ranked = new ArrayList<>(weights.entrySet());
        ranked.sort(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        List<Double> cumulative = new ArrayList<>();
        double sum = 0;
        for (int i = spec.odd() ? 1 : 0; i < ranked.size(); i += 2) {
            names.add(ranked.get(i).getKey());
            sum += ranked.get(i).getValue();
            cumulative.add(sum);
        }
        return cumulative.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static List<String[]> csv(String resource) {
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                CorruptedPopulation.class.getResourceAsStream(resource), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) continue;
                rows.add(line.split(","));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }
}
