package org.tessera.indexer.nlp.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tessera.indexer.nlp.EntityMention;
import org.tessera.indexer.nlp.EntityType;

/**
 * Generates practitioner-voice case notes with gold entity annotations, for training and
 * evaluating the entity model. Deterministic for a given seed and family.
 *
 * <p>Names, towns and organisations are split so that a quarter of each list appears only in
 * held-out notes: the evaluation then measures names the model never saw, in wording it
 * never saw. Not thread-safe (it owns a random generator); make one per thread.
 */
public final class CaseNoteTemplateGenerator {

    private static final Pattern SLOT = Pattern.compile("\\{([A-Z]+)}");

    private static final String[] MONTHS = {"January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December"};
    private static final String[] DAYS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
        "Saturday", "Sunday"};
    private static final String[] POSTCODE_AREAS = {"GL1", "GL2", "GL3", "GL4", "GL5", "GL6", "GL7",
        "GL10", "GL11", "GL12", "GL14", "GL15", "GL16", "GL18", "GL20", "GL50", "GL51", "GL52",
        "GL53", "GL54", "BS16", "BS35", "BS1", "HR8", "HR9", "WR12", "SN6", "NP16", "B12", "M1"};
    private static final String INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ";

    private final TemplateFamily family;
    private final SplittableRandom random;
    private final List<String> templates;
    private final List<String> fillers;
    private final List<String> firstNames;
    private final List<String> surnames;
    private final List<String> towns;
    private final List<String> schools;
    private final List<String> surgeries;
    private final List<String> hospitals;
    private final List<String> agencies;
    private final List<String> otherOrgs;

    public CaseNoteTemplateGenerator(TemplateFamily family, long seed) {
        this.family = Objects.requireNonNull(family, "family");
        this.random = new SplittableRandom(seed);
        boolean train = family == TemplateFamily.TRAINING;
        this.templates = train ? NoteTemplates.TRAINING : NoteTemplates.HELD_OUT;
        this.fillers = train ? NoteTemplates.TRAINING_FILLERS : NoteTemplates.HELD_OUT_FILLERS;
        this.firstNames = share(NoteVocabulary.FIRST_NAMES, train);
        this.surnames = share(NoteVocabulary.SURNAMES, train);
        this.towns = share(NoteVocabulary.TOWNS, train);
        this.schools = share(NoteVocabulary.SCHOOLS, train);
        this.surgeries = share(NoteVocabulary.SURGERIES, train);
        this.hospitals = share(NoteVocabulary.HOSPITALS, train);
        this.agencies = share(NoteVocabulary.AGENCIES, train);
        this.otherOrgs = share(NoteVocabulary.OTHER_ORGS, train);
    }

    /** Training sees three quarters of a list; held-out sees all of it, the last quarter being new. */
    private static List<String> share(List<String> all, boolean train) {
        if (!train) {
            return all;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (i % 4 != 3) {
                out.add(all.get(i));
            }
        }
        return List.copyOf(out);
    }

    public TemplateFamily family() {
        return family;
    }

    /** Generates {@code count} notes. */
    public List<AnnotatedNote> notes(int count) {
        List<AnnotatedNote> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(next());
        }
        return out;
    }

    /** One note of 2 to 8 sentences, some of them entity-free fillers, some with a header line. */
    public AnnotatedNote next() {
        StringBuilder text = new StringBuilder();
        List<EntityMention> gold = new ArrayList<>();
        List<String[]> cast = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            // Training notes mix in invented names so that the model learns the contexts and
            // shapes of names rather than memorising a list.
            boolean invent = family == TemplateFamily.TRAINING && random.nextInt(10) < 5;
            cast.add(new String[] {
                invent ? inventedName() : pick(firstNames),
                invent && random.nextBoolean() ? inventedName() : pick(surnames)});
        }
        if (random.nextInt(3) == 0) {
            text.append(random.nextBoolean() ? "Home visit - " : "Case note ");
            appendDate(text, gold);
            text.append('\n');
        }
        int sentences = 2 + random.nextInt(7);
        for (int s = 0; s < sentences; s++) {
            if (s > 0) {
                text.append(random.nextInt(5) == 0 ? "\n" : " ");
            }
            int roll = random.nextInt(10);
            if (roll < 2) {
                text.append(pick(fillers));
            } else if (roll < 6 && family == TemplateFamily.TRAINING) {
                compose(cast, text, gold);
            } else if (roll < 7 && family == TemplateFamily.TRAINING) {
                String predicate = pick(NoteTemplates.OPENING_PREDICATES);
                text.append(pick(NoteTemplates.OPENING_WORDS))
                        .append(predicate.startsWith(":") ? "" : " ").append(predicate);
            } else {
                render(pick(templates), cast, text, gold);
            }
        }
        return new AnnotatedNote(text.toString(), gold);
    }

    private void render(String template, List<String[]> cast, StringBuilder text, List<EntityMention> gold) {
        Matcher m = SLOT.matcher(template);
        int last = 0;
        while (m.find()) {
            text.append(template, last, m.start());
            String slot = m.group(1);
            switch (slot) {
                case "P" -> {
                    String[] who = cast.get(random.nextInt(cast.size()));
                    add(text, gold, EntityType.PERSON, who[0] + " " + who[1]);
                }
                case "F" -> add(text, gold, EntityType.PERSON, cast.get(random.nextInt(cast.size()))[0]);
                case "S" -> add(text, gold, EntityType.PERSON, cast.get(random.nextInt(cast.size()))[1]);
                case "ADDR" -> add(text, gold, EntityType.LOCATION, address());
                case "STREET" -> add(text, gold, EntityType.LOCATION, street());
                case "TOWN" -> add(text, gold, EntityType.LOCATION, pick(towns));
                case "PC" -> add(text, gold, EntityType.POSTCODE, postcode());
                case "TEL" -> add(text, gold, EntityType.PHONE, phone());
                case "NHS" -> add(text, gold, EntityType.NHS_NUMBER, nhsNumber());
                case "DATE" -> appendDate(text, gold);
                case "MY" -> add(text, gold, EntityType.DATE, MONTHS[random.nextInt(12)] + " " + year());
                case "SCHOOL" -> add(text, gold, EntityType.ORGANISATION, pick(schools));
                case "GP" -> add(text, gold, EntityType.ORGANISATION, pick(surgeries));
                case "HOSP" -> add(text, gold, EntityType.ORGANISATION, pick(hospitals));
                case "AGENCY" -> add(text, gold, EntityType.ORGANISATION, pick(agencies));
                case "ORG" -> add(text, gold, EntityType.ORGANISATION, pick(otherOrgs));
                default -> throw new IllegalStateException("unknown slot {" + slot + "} in template: " + template);
            }
            last = m.end();
        }
        text.append(template, last, template.length());
    }

    /** A training sentence built from parts around one or two names. */
    private void compose(List<String[]> cast, StringBuilder text, List<EntityMention> gold) {
        switch (random.nextInt(8)) {
            case 5 -> {
                text.append(pick(NoteTemplates.BEFORE_ORG)).append(' ');
                add(text, gold, EntityType.ORGANISATION, anyOrganisation());
                text.append('.');
            }
            case 6 -> {
                add(text, gold, EntityType.ORGANISATION, anyOrganisation());
                text.append(' ').append(pick(NoteTemplates.AFTER_ORG));
            }
            case 7 -> render(pick(NoteTemplates.PLACE_SENTENCES), cast, text, gold);
            case 0 -> {
                text.append(pick(NoteTemplates.BEFORE_NAME)).append(' ');
                name(cast, text, gold);
                text.append(random.nextBoolean() ? "." : " today.");
            }
            case 1 -> {
                text.append(pick(NoteTemplates.ROLES)).append(' ');
                name(cast, text, gold);
                text.append(' ').append(pick(NoteTemplates.AFTER_NAME));
            }
            case 2 -> {
                name(cast, text, gold);
                text.append(' ').append(pick(NoteTemplates.AFTER_NAME));
            }
            case 3 -> {
                text.append(pick(NoteTemplates.BEFORE_NAME)).append(' ');
                name(cast, text, gold);
                text.append(" and ");
                name(cast, text, gold);
                text.append('.');
            }
            default -> {
                text.append(pick(NoteTemplates.BEFORE_NAME)).append(' ')
                        .append(pick(NoteTemplates.ROLES).toLowerCase(Locale.ROOT)).append(' ');
                name(cast, text, gold);
                text.append(" on ");
                appendDate(text, gold);
                text.append('.');
            }
        }
    }

    private String anyOrganisation() {
        return switch (random.nextInt(5)) {
            case 0 -> pick(schools);
            case 1 -> pick(surgeries);
            case 2 -> pick(hospitals);
            case 3 -> pick(agencies);
            default -> pick(otherOrgs);
        };
    }

    /** A cast member's name as full name, first name, or title and surname. */
    private void name(List<String[]> cast, StringBuilder text, List<EntityMention> gold) {
        String[] who = cast.get(random.nextInt(cast.size()));
        switch (random.nextInt(4)) {
            case 0, 1 -> add(text, gold, EntityType.PERSON, who[0] + " " + who[1]);
            case 2 -> add(text, gold, EntityType.PERSON, who[0]);
            default -> {
                text.append(TITLES[random.nextInt(TITLES.length)]).append(' ');
                add(text, gold, EntityType.PERSON, who[1]);
            }
        }
    }

    private static final String[] TITLES = {"Mr", "Mrs", "Ms", "Miss", "Dr"};

    private static void add(StringBuilder text, List<EntityMention> gold, EntityType type, String value) {
        int start = text.length();
        text.append(value);
        gold.add(new EntityMention(type, value, start, text.length()));
    }

    private void appendDate(StringBuilder text, List<EntityMention> gold) {
        add(text, gold, EntityType.DATE, date());
    }

    private static final String[] ONSETS = {"B", "C", "D", "F", "G", "H", "J", "K", "L", "M", "N", "P",
        "R", "S", "T", "V", "W", "Z", "Br", "Ch", "Cl", "Dr", "Gr", "Kr", "Sh", "St", "Tr", "El", "A", "O"};
    private static final String[] VOWELS = {"a", "e", "i", "o", "u", "ai", "ea", "ie", "ou", "y", "ay"};
    private static final String[] CODAS = {"n", "r", "l", "s", "th", "nd", "rk", "ck", "m", "tt", "ll",
        "", "", "ry", "son", "ton", "ley", "well", "ford", "by", "ina", "elle", "o"};

    /** An invented name, never one of the real-name lists (so held-out-only names stay unseen). */
    private String inventedName() {
        while (true) {
            String name = inventedCandidate();
            if (!NoteVocabulary.FIRST_NAMES.contains(name) && !NoteVocabulary.SURNAMES.contains(name)) {
                return name;
            }
        }
    }

    private String inventedCandidate() {
        if (random.nextBoolean()) {
            // splice two real names of the training share: "Char" + "lene", "Kow" + "ton"
            List<String> pool = random.nextBoolean() ? firstNames : surnames;
            String a = pool.get(random.nextInt(pool.size()));
            String b = pool.get(random.nextInt(pool.size())).toLowerCase(Locale.ROOT);
            int cutA = Math.max(2, Math.min(a.length(), 2 + random.nextInt(Math.max(1, a.length() - 1))));
            int cutB = Math.min(b.length() - 1, random.nextInt(Math.max(1, b.length() / 2 + 1)));
            String spliced = a.substring(0, Math.min(cutA, a.length())) + b.substring(Math.max(0, cutB));
            if (spliced.length() >= 3 && spliced.chars().allMatch(Character::isLetter)) {
                return spliced;
            }
        }
        StringBuilder sb = new StringBuilder(ONSETS[random.nextInt(ONSETS.length)]);
        int syllables = 1 + random.nextInt(2);
        for (int i = 0; i < syllables; i++) {
            sb.append(VOWELS[random.nextInt(VOWELS.length)]);
            if (i + 1 < syllables) {
                sb.append("bdfglmnprstvz".charAt(random.nextInt(13)));
            }
        }
        sb.append(CODAS[random.nextInt(CODAS.length)]);
        return sb.toString();
    }

    private String pick(List<String> list) {
        return list.get(random.nextInt(list.size()));
    }

    private int year() {
        return 2019 + random.nextInt(8);
    }

    private String street() {
        return pick(NoteVocabulary.STREET_NAMES) + " " + pick(NoteVocabulary.STREET_SUFFIXES);
    }

    private String address() {
        int n = 1 + random.nextInt(120);
        return switch (random.nextInt(6)) {
            case 0 -> n + " " + street();
            case 1, 2 -> n + " " + street() + ", " + pick(towns);
            case 3 -> "Flat " + (1 + random.nextInt(12)) + ", " + n + " " + street() + ", " + pick(towns);
            case 4 -> n + (char) ('a' + random.nextInt(3)) + " " + street() + ", " + pick(towns);
            default -> pick(NoteVocabulary.HOUSE_NAMES) + ", " + street() + ", " + pick(towns);
        };
    }

    private String postcode() {
        String area = POSTCODE_AREAS[random.nextInt(POSTCODE_AREAS.length)];
        String inward = random.nextInt(10) + ""
                + INWARD_LETTERS.charAt(random.nextInt(INWARD_LETTERS.length()))
                + INWARD_LETTERS.charAt(random.nextInt(INWARD_LETTERS.length()));
        return random.nextInt(8) == 0 ? area + inward : area + " " + inward;
    }

    private String phone() {
        // Ofcom ranges reserved for drama: 07700 900xxx, 01632 960xxx, 0117 496 0xxx
        int tail = random.nextInt(1000);
        return switch (random.nextInt(4)) {
            case 0 -> String.format(Locale.ROOT, "07700 900%03d", tail);
            case 1 -> String.format(Locale.ROOT, "01632 960%03d", tail);
            case 2 -> String.format(Locale.ROOT, "0117 496 0%03d", tail);
            default -> String.format(Locale.ROOT, "+44 7700 900%03d", tail);
        };
    }

    private String nhsNumber() {
        while (true) {
            int[] d = new int[10];
            d[0] = 4 + random.nextInt(6);
            int sum = d[0] * 10;
            for (int i = 1; i < 9; i++) {
                d[i] = random.nextInt(10);
                sum += d[i] * (10 - i);
            }
            int check = 11 - sum % 11;
            if (check == 10) {
                continue;
            }
            d[9] = check == 11 ? 0 : check;
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 10; i++) {
                if (random.nextBoolean() && (i == 3 || i == 6)) {
                    sb.append(' ');
                }
                sb.append(d[i]);
            }
            return sb.toString();
        }
    }

    private String date() {
        int day = 1 + random.nextInt(28);
        int month = 1 + random.nextInt(12);
        int year = year();
        String mon = MONTHS[month - 1];
        String abbr = mon.substring(0, 3);
        return switch (random.nextInt(12)) {
            case 0 -> String.format(Locale.ROOT, "%02d/%02d/%d", day, month, year);
            case 1 -> String.format(Locale.ROOT, "%d/%d/%02d", day, month, year % 100);
            case 2 -> String.format(Locale.ROOT, "%d.%d.%02d", day, month, year % 100);
            case 3 -> String.format(Locale.ROOT, "%02d.%02d.%d", day, month, year);
            case 4 -> day + ordinal(day) + " " + mon;
            case 5 -> day + ordinal(day) + " " + mon + " " + year;
            case 6 -> day + " " + mon + " " + year;
            case 7 -> day + ordinal(day) + " of " + mon;
            case 8 -> DAYS[random.nextInt(7)] + " " + day + ordinal(day) + " " + mon;
            case 9 -> String.format(Locale.ROOT, "%d-%02d-%02d", year, month, day);
            case 10 -> abbr + " " + day + ordinal(day);
            default -> mon + " " + day + ", " + year;
        };
    }

    private static String ordinal(int day) {
        if (day >= 11 && day <= 13) {
            return "th";
        }
        return switch (day % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
    }
}
