package org.tessera.indexer.nlp.names;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tessera.indexer.nlp.EntityMention;
import org.tessera.indexer.nlp.EntityType;

/**
 * Rules around the entity model for PERSON names as agencies write them (docs/nlp.md, "Names as
 * agencies write them"). The model was trained on generated notes; real notes write
 * {@code Rhiannon LLOYD}, {@code LLOYD, Rhiannon}, {@code Dr S. Baptiste}, {@code Evie-Mae}, open
 * sentences with names and tag capitalised drugs and kit ("Backslab", "Diazepam") as people.
 *
 * <ol>
 *   <li><b>Repair</b> each model PERSON span: snap to whole hyphenated words; trim role words,
 *       openers, trailing acronyms and numbers; drop a span that is only non-name words
 *       ({@code not-names.txt}), a medicine by its suffix, or the head of a street, ward or
 *       organisation; extend over an adjacent upper-case or capitalised surname, an initial, a
 *       particle ({@code ap}, {@code Van}), a quoted nickname, or the forename of
 *       {@code SURNAME, Forename}.</li>
 *   <li><b>Add</b> names the model missed: {@code SURNAME, Forename}; a name after a title, rank
 *       or role cue ({@code PC 2291 Ahmed}, {@code mum Shauna}, {@code twins Hope and ...}); a
 *       known given name ({@code given-names.txt}, not the ambiguous ones); a capitalised word
 *       followed by an age in brackets ({@code Ayaan (4)}); words before {@code DOB}.</li>
 * </ol>
 *
 * <p>Mentions of other types are returned unchanged, and a new person span never overlaps one.
 * Immutable and thread-safe.
 */
public final class PersonNameRules {

    private static final int MAX_WORDS = 5;

    /** Titles and ranks: the next capitalised word is a name; they stay outside the span. */
    private static final Set<String> TITLES = set(
            "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "pc", "ps", "dc", "ds", "di", "dci", "dsupt", "supt", "sgt",
            "insp", "pcso", "cllr", "rev", "revd", "imam", "qari", "mister");

    /** Role words after which a capitalised word is a person ("mum Shauna", "HV Tasha Ahmed"). */
    private static final Set<String> CUES = set(
            "mum", "mom", "mam", "dad", "mother", "father", "partner", "husband", "wife", "boyfriend", "girlfriend",
            "ex-partner", "son", "daughter", "brother", "sister", "sibling", "siblings", "stepfather", "stepmother",
            "stepdad", "stepmum", "step-dad", "step-mum", "nan", "nana", "nanny", "gran", "granny", "grandmother",
            "grandfather", "grandma", "grandad", "aunt", "auntie", "uncle", "cousin", "baby", "child", "children",
            "kids", "twins", "pt", "patient", "victim", "suspect", "ip", "caller", "pupil", "carer", "carers",
            "tenant", "hv", "sw", "om", "gp", "dsl", "senco", "worker", "manager", "officer", "midwife", "mgm", "mgf",
            "pgm", "pgf", "friend", "neighbour", "interpreter", "named", "sons", "daughters", "brothers", "sisters",
            "father's", "mother's", "parents", "consultant", "reg", "registrar", "paed", "student", "applicant",
            "perpetrator", "offender", "witness", "informant", "subject", "young", "person", "nephew", "niece",
            "grandson", "granddaughter", "ppo", "aka", "nurse");

    /** Words that head a place or organisation: "Station Road", "Rainbow Ward", "Greenhill Academy". */
    private static final Set<String> PLACE_HEADS = set(
            "road", "rd", "street", "st", "lane", "close", "avenue", "drive", "way", "crescent", "place", "grove",
            "gardens", "court", "terrace", "walk", "row", "square", "mews", "hill", "green", "park", "rise", "view",
            "parade", "estate", "ward", "wards", "academy", "school", "college", "primary", "university", "centre",
            "center", "programme", "program", "approach", "team", "hospital", "surgery", "practice", "nursery",
            "clinic", "unit", "trust", "council", "homes", "housing", "house", "police", "service", "services",
            "project", "group", "foundation", "partnership", "medical", "health", "youth", "mash", "custody", "rec",
            "bush", "face", "fuel", "line", "law", "warning", "tower", "towers", "flats", "heights", "church",
            "mosque", "temple", "gurdwara", "station", "library", "leisure", "pharmacy", "children's", "infants",
            "juniors", "juniors'", "high", "community", "hub", "refuge", "hostel", "lodge", "hall", "manor", "farm",
            "industrial", "retail", "shopping", "mall", "market", "pool", "baths", "stadium", "fc", "club", "cafe",
            "hv", "scheme", "plan", "assessment", "syndrome", "disease", "test", "scale", "score", "criteria",
            "guidelines", "competence", "competent", "magistrates", "magistrates'", "crown", "bank", "ltd", "limited", "plc", "llp", "cic", "charity");

    /** Upper-case words that are abbreviations, gradings or shouted words, never a surname. */
    private static final Set<String> ACRONYMS = set(
            "DOB", "NFA", "CP", "CIN", "CPP", "DASH", "MASH", "CSC", "PPN", "ABH", "GBH", "ASB", "YOT", "YJS", "CAMHS",
            "NHS", "PNC", "PND", "MARAC", "MAPPA", "MAPPP", "DV", "DA", "SW", "HV", "GP", "PC", "DC", "DS", "PS", "DI",
            "DCI", "OM", "MDA", "CSE", "CCE", "HIGH", "MEDIUM", "LOW", "STANDARD", "NRM", "SGO", "LAC", "CLA", "WNB",
            "DNA", "EHE", "PRU", "NTQ", "RHI", "DSL", "SENCO", "SEN", "SEND", "EHCP", "TAF", "EHA", "ADHD", "ASD", "GCS",
            "DKA", "UTI", "URTI", "LRTI", "PICU", "NICU", "SCBU", "ICU", "ED", "AE", "IV", "IM", "PO", "PR", "PRN",
            "OD", "BD", "TDS", "QDS", "MMR", "PCV", "BCG", "OK", "NB", "ETA", "ASAP", "TBC", "TBA", "CID", "CCTV",
            "ID", "UK", "EU", "ASBO", "CPS", "RUI", "NAI", "IP", "POP", "PCSO", "SOCO", "SARC", "ISVA", "IDVA",
            "MAPPA", "OASYS", "ROSH", "RSR", "OGRS", "HDC", "ETE", "NEET", "UPN", "ULN", "NI", "NINO", "DWP", "UC",
            "PIP", "DLA", "ESA", "JSA", "HB", "CTR", "RSL", "ASBI", "ASBIs", "NOSP", "NOPS", "PTSD", "OCD", "BPD",
            "EUPD", "LD", "MH", "AMHP", "CMHT", "CRHT", "IAPT", "PHQ", "GAD", "FGM", "HBA", "FM", "CT", "MRI",
            "ECG", "EEG", "BP", "HR", "RR", "SPO2", "SATS", "ABC", "ABCDE", "RTA", "RTC", "NAD", "NKDA", "HX", "PMH",
            "DH", "SH", "FH", "SR", "CC", "TO", "FROM", "RE", "FW", "FWD", "SUBJECT", "DATE", "SENT", "NOT", "NO",
            "AND", "THE", "FOR", "WITH", "OF", "IN", "ON", "AT", "BY", "OR", "TO", "IS", "WAS", "HOME", "URGENT",
            "RISK", "POLICE", "CHILD", "CHILDREN", "VICTIM", "SUSPECT", "WITNESS", "MALE", "FEMALE", "NAMED",
            "PERSONS", "PERSON", "ADDRESS", "NOTE", "NOTES", "UPDATE", "ACTION", "ACTIONS", "SAFEGUARDING", "CONCERN",
            "CONCERNS", "DOMESTIC", "REFERRAL", "INCIDENT", "OCCURRENCE", "LOG", "SUMMARY", "OUTCOME", "PLAN",
            "ALERT", "WARNING", "MISSING", "FOUND", "ARRESTED", "CHARGED", "BAILED", "RELEASED", "REMANDED", "NIL",
            "NONE", "UNKNOWN", "YES", "INFO", "INTEL", "STRATEGY", "MEETING", "CASE", "FILE", "MUM", "DAD", "MGM",
            "MGF", "PGM", "PGF", "NAN", "SIB", "SIBS", "ALSO", "PLEASE", "NB:", "PTO", "AM", "PM", "HRS", "MINS",
            "YRS", "DOA", "ETOH", "OPD", "CAF", "CIC", "CYP", "YP", "LA", "ICPC", "RCPC", "CPC", "S47", "S17",
            "STRAT", "SD", "TAC", "CLA", "IRO", "PEP", "LADO", "DBS", "OFSTED", "GCSE", "SATs", "SATS", "KS1", "KS2",
            "KS3", "KS4", "PE", "RE", "PSHE", "RSE", "ICT", "IT", "ELSA", "TA", "LSA", "HLTA", "SLT", "SMSC", "FSM",
            "PPG", "EAL", "ESOL", "LGBT", "LGBTQ", "BAME", "DVA", "VAWG", "IOM", "PPO", "MAPPA", "OPD", "CRC",
            "NPS", "HMP", "HMYOI", "YOI", "STC", "SCH", "CSU", "MISPER", "MISPERS", "PPE", "HMO", "RP", "RTB");

    private static final Set<String> SURNAME_HEADS = set(
            "ward", "hall", "lane", "hill", "green", "park", "marsh", "house", "church", "row", "court", "bush", "law", "way",
            "street", "field", "wood", "brook", "banks", "bank", "rowe", "moore", "mills", "mill", "hale", "cross", "lodge");

    private static final Set<String> PARTICLES = set(
            "ap", "ab", "van", "von", "de", "da", "di", "du", "del", "della", "der", "den", "la", "le", "al", "el",
            "bin", "bint", "ibn", "ni", "ní", "nic", "mac", "mc", "ben", "abu", "ul", "ud", "ur", "o'", "d'");

    /** Organisations written after a place: "Walsall CSC", "Sandwell MASH". */
    private static final Set<String> ORG_AFTER = set("CSC", "MASH", "YOT", "YJS", "CAMHS", "NHS", "LA", "ICB", "CCG", "CMHT",
            "MBC", "CC", "BC", "DC", "HMP", "EDT", "LADO", "ICPC", "SARC", "PCT");

    /** Abbreviations of organisations and schemes, not roles: "MAPPA Level 2", "NHS Trust". */
    private static final Set<String> ORGANISATIONS = set("MAPPA", "MARAC", "NHS", "CSC", "MASH", "YOT", "CAMHS", "DWP", "HMRC",
            "RSPCA", "NSPCC", "UK", "EU", "BBC", "KFC", "ASDA", "TK", "CGL", "DASH", "FGM", "CSE", "CCE", "ABH", "GBH", "ASB",
            "MDA", "DOB", "NFA", "PPN", "PNC", "RTC", "RTA", "CCTV", "ICPC", "RCPC", "SGO", "EHCP", "PRU", "SEN", "SEND");

    /** Words before a place: "HMP Hewell". */
    private static final Set<String> ORG_BEFORE = set("hmp", "hmyoi", "yoi", "via");

    private static final Set<String> MOVEMENT = set("conveyed", "moved", "moving", "move", "went", "gone", "going", "go", "sent",
            "send", "returned", "return", "returning", "transferred", "transfer", "travelled", "travelling", "relocated",
            "relocating", "taken", "took", "driven", "drove", "fled", "flew", "came", "come", "back", "trip", "visit",
            "journey", "admitted", "placed", "referred", "deported", "removed", "run", "ran", "walked", "bus", "train");

    private static final Set<String> PREPOSITIONS = set("in", "into", "at", "near", "from", "towards", "via", "around", "on",
            "to", "of", "off", "outside", "behind", "by", "past", "through");

    private static final Set<String> LOCATIVE = set("in", "into", "at", "near", "from", "towards", "via", "around");

    private static final Pattern MEDICINE = Pattern.compile(
            "(?i).+(azepam|zepine|pram|oxetine|gabalin|cillin|mycin|floxacin|statin|olol|prazole|sartan|phine|profen"
                    + "|amol|triptyline|idone|apine|azole|mab|ciclovir|tidine|lukast|asone|olone|sone|caine|amine|amide)");

    private static final Pattern NAME_WORD = Pattern.compile("[\\p{L}\\p{M}][\\p{L}\\p{M}'’]*(?:-[\\p{L}\\p{M}'’]+)*");
    private static final Pattern INITIALS = Pattern.compile("(?:\\p{Lu}\\.){1,3}|\\p{Lu}\\.?-\\p{Lu}\\.?");
    private static final Pattern SURNAME_COMMA_FORENAME = Pattern.compile(
            "(?<![\\p{L}\\p{M}'’-])(\\p{Lu}['’]?[\\p{Lu}\\p{M}'’-]{2,}(?: \\p{Lu}[\\p{Lu}\\p{M}'’-]+)?), "
                    + "(\\p{Lu}[\\p{Ll}\\p{M}'’]+(?:-\\p{Lu}?[\\p{Ll}\\p{M}'’]+)*)");
    private static final Pattern AGE_AFTER = Pattern.compile(
            "\\s?\\((?:aged? )?\\d{1,2}(?:\\s?(?:y|yo|yrs?|years?|m|mo|months?|/12|/52|w|wks?|weeks?|d|days?))?\\)");
    private static final Pattern DOB_AFTER = Pattern.compile("\\s?[(,]?\\s?(?:DOB|D\\.O\\.B\\.?|dob|b\\.)\\b");
    /** A quoted nickname inside a name: Tyrese "TY" CAMPBELL. */
    private static final Pattern QUOTED_NICKNAME = Pattern.compile("\"[^\"\\n]{1,15}\" ");
    /** What may stand between a cue and the name it cues: "PC 2291 Ahmed", "Dad (Ryan PEARCE)", "GP Dr Adewale", "HV: Ayesha Noor". */
    private static final Pattern CUE_GAP = Pattern.compile("(?::)? (?:\\d{2,5} )?\\(?(?:(?:Mr|Mrs|Ms|Miss|Dr|Nurse|PC|DC|DS|PS)\\.? )?");

    private final Set<String> givenNames;
    private final Set<String> ambiguous;
    private final Set<String> notNames;

    public PersonNameRules(Set<String> givenNames, Set<String> ambiguousGivenNames, Set<String> notNames) {
        this.givenNames = lower(givenNames);
        this.ambiguous = lower(ambiguousGivenNames);
        this.notNames = lower(notNames);
    }

    /** The rules with the word lists shipped beside this class. */
    public static PersonNameRules standard() {
        return Holder.STANDARD;
    }

    private static final class Holder {
        static final PersonNameRules STANDARD = new PersonNameRules(
                words("given-names.txt"), words("ambiguous-given-names.txt"), words("not-names.txt"));
    }

    static Set<String> words(String resource) {
        Set<String> out = new HashSet<>();
        try (InputStream in = PersonNameRules.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource + " beside " + PersonNameRules.class.getName());
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                String word = line.strip();
                if (!word.isEmpty() && !word.startsWith("#")) {
                    out.add(word);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
        return out;
    }

    private static Set<String> set(String... words) {
        return Set.copyOf(new HashSet<>(List.of(words)));
    }

    private static Set<String> lower(Set<String> words) {
        Set<String> out = new HashSet<>();
        for (String w : words) {
            out.add(w.toLowerCase(Locale.ROOT));
        }
        return Set.copyOf(out);
    }

    /**
     * The model's mentions with PERSON spans repaired and the names it missed added; other types
     * unchanged. Sorted by start offset.
     */
    public List<EntityMention> apply(String text, List<EntityMention> model) {
        Objects.requireNonNull(text, "text");
        List<EntityMention> others = new ArrayList<>();
        List<int[]> persons = new ArrayList<>();
        for (EntityMention m : model) {
            if (m.type() != EntityType.PERSON) {
                int[] name = m.type() == EntityType.LOCATION || m.type() == EntityType.ORGANISATION ? personInPlace(text, m) : null;
                if (name == null) {
                    others.add(m);
                } else {
                    persons.add(extend(text, name[0], name[1]));
                }
                continue;
            }
            int[] repaired = repair(text, m.start(), m.end());
            if (repaired != null && !overlapsAny(repaired, others)) {
                persons.add(repaired);
            }
        }
        List<int[]> added = new ArrayList<>();
        // the text's words, found once for the three rules that read them
        List<NameWord> words = nameWords(text);
        surnameCommaForename(text, added);
        cued(text, words, added);
        gazetteer(text, words, added);
        agedOrBorn(text, words, added);
        for (int[] span : added) {
            int[] extended = extend(text, span[0], span[1]);
            if (extended == null || overlapsAny(extended, others)) {
                continue;
            }
            // A pattern span that holds the model's span ("LLOYD, [Mason]") replaces it; one that
            // only overlaps it leaves the model's span as it is.
            boolean covers = true;
            for (int[] p : persons) {
                if (extended[0] < p[1] && p[0] < extended[1] && (p[0] < extended[0] || p[1] > extended[1])) {
                    covers = false;
                }
            }
            if (covers) {
                persons.removeIf(p -> extended[0] <= p[0] && p[1] <= extended[1]);
                persons.add(extended);
            }
        }
        List<EntityMention> out = new ArrayList<>(others);
        for (int[] span : union(persons)) {
            out.add(EntityMention.of(EntityType.PERSON, text, span[0], span[1]));
        }
        out.sort(Comparator.comparingInt(EntityMention::start).thenComparingInt(EntityMention::end));
        return List.copyOf(out);
    }

    // ---- repair of a model span ----

    private int[] repair(String text, int start, int end) {
        // Leading and trailing punctuation: "(Romanian", "Ahmed,".
        while (start < end && !isLetter(text.charAt(start))) {
            start++;
        }
        while (end > start && !isLetter(text.charAt(end - 1))
                && !(text.charAt(end - 1) == '.' && end >= 2 && Character.isUpperCase(text.charAt(end - 2))
                        && (end < 3 || !isLetter(text.charAt(end - 3))))) {
            end--;
        }
        if (start >= end) {
            return null;
        }
        // Whole hyphenated words: "Evie" of "Evie-Mae", "-Rahman" of "Abdul-Rahman".
        while (start >= 2 && text.charAt(start - 1) == '-' && isLetter(text.charAt(start - 2))) {
            start = wordStart(text, start - 1);
        }
        while (end + 1 < text.length() && text.charAt(end) == '-' && isLetter(text.charAt(end + 1))) {
            end = wordEnd(text, end + 1);
        }
        List<int[]> words = words(text, start, end);
        // Role words, titles and openers at the front ("Seen Marcin", "Baby Ibrahim"); acronyms and
        // numbers at the back ("Lewis DOB", "Ahmed 2291").
        while (words.size() > 1 && (isNotName(word(text, words.getFirst())) || isTitle(word(text, words.getFirst()))
                || isRoleAbbreviation(word(text, words.getFirst())))) {
            words.removeFirst();
        }
        while (words.size() > 1 && isAcronymOrNumber(word(text, words.getLast()))) {
            words.removeLast();
        }
        if (words.isEmpty()) {
            return null;
        }
        start = words.getFirst()[0];
        end = words.getLast()[1];
        // After a title a word is a surname whatever else it means: "Mr Ward", "Mrs Young".
        boolean titled = isTitle(lowerWordBefore(text, start));
        if (!titled && words.stream().allMatch(w -> isNotName(word(text, w)) || isTitle(word(text, w)) || isAcronymOrNumber(word(text, w)))) {
            return null;
        }
        if (words.size() == 1 && isMedicine(word(text, words.getFirst()))) {
            return null;
        }
        for (String part : text.substring(start, end).split("/")) {
            if (text.substring(start, end).contains("/") && (isNotName(part) || isMedicine(part))) {
                return null;
            }
        }
        String lastWord = word(text, words.getLast()).toLowerCase(Locale.ROOT);
        boolean surnameHead = SURNAME_HEADS.contains(lastWord);
        if (!titled && isPlaceHead(lastWord) && (!surnameHead || PREPOSITIONS.contains(lowerWordBefore(text, start))
                || houseNumberBefore(text, start)
                || words.size() == 1 && !isTitle(lowerWordBefore(text, start)))
                || nextIsPlaceHead(text, end) && !placeFollowsSurname(text, end, word(text, words.getFirst()))) {
            return null;
        }
        boolean who = text.startsWith(", who", end) || text.startsWith(" who", end);
        if (words.size() == 1 && !isGiven(word(text, words.getFirst())) && !who
                && (LOCATIVE.contains(lowerWordBefore(text, start)) || movedTo(text, start)
                        || ORG_BEFORE.contains(lowerWordBefore(text, start)))) {
            return null;
        }
        if (words.size() == 1 && end < text.length() && text.charAt(end) == ' ') {
            int[] next = wordAt(text, end + 1);
            if (next != null && ORG_AFTER.contains(word(text, next))) {
                return null;
            }
        }
        return extend(text, start, end);
    }

    /**
     * A place or organisation that is a known given name and perhaps a surname ("6 - Kofi",
     * "Stacey Ramsay"): the model, trained on generated notes, takes unseen names for places.
     */
    private int[] personInPlace(String text, EntityMention m) {
        List<int[]> words = new ArrayList<>();
        for (int[] w : words(text, m.start(), m.end())) {
            if (text.substring(w[0], w[1]).chars().anyMatch(Character::isLetter)) {
                words.add(w);
            }
        }
        if (words.isEmpty() || words.size() > 3) {
            return null;
        }
        String first = word(text, words.getFirst());
        if (!isCapitalisedName(first) && !isUpperSurname(first) || !isGiven(first) || ambiguous.contains(first.toLowerCase(Locale.ROOT))) {
            return null;
        }
        for (int[] w : words.subList(1, words.size())) {
            String rest = word(text, w);
            if (!(isCapitalisedName(rest) || isUpperSurname(rest)) || isPlaceHead(rest)) {
                return null;
            }
        }
        int start = words.getFirst()[0];
        int end = words.getLast()[1];
        String before = lowerWordBefore(text, start);
        if (LOCATIVE.contains(before) || movedTo(text, start) || placeFollows(text, end, first)) {
            return null;
        }
        return new int[] {start, end};
    }

    /** Grows a span over the surname, forename, initials, particles and nickname beside it. */
    private int[] extend(String text, int start, int end) {
        boolean changed = true;
        while (changed && words(text, start, end).size() < MAX_WORDS) {
            changed = false;
            int[] right = rightExtension(text, start, end);
            if (right != null) {
                end = right[1];
                changed = true;
                continue;
            }
            int[] left = leftExtension(text, start, end);
            if (left != null) {
                start = left[0];
                changed = true;
            }
        }
        return new int[] {start, end};
    }

    private int[] rightExtension(String text, int start, int end) {
        String span = text.substring(start, end);
        // "LLOYD, Rhiannon": an upper-case surname then its forename.
        if (text.startsWith(", ", end) && isUpperSurname(span) && !span.contains(" ")) {
            int[] next = wordAt(text, end + 2);
            if (next != null && isCapitalisedName(word(text, next))) {
                return next;
            }
        }
        if (end >= text.length() || text.charAt(end) != ' ') {
            return null;
        }
        int[] next = wordAt(text, end + 1);
        if (next == null) {
            // A quoted nickname inside the name: Tyrese "TY" CAMPBELL.
            Matcher q = QUOTED_NICKNAME.matcher(text).region(end + 1, text.length());
            if (q.lookingAt()) {
                int[] after = wordAt(text, q.end());
                if (after != null && (isUpperSurname(word(text, after)) || isCapitalisedName(word(text, after)))) {
                    return after;
                }
            }
            return null;
        }
        String w = word(text, next);
        if (isUpperSurname(w) && !isNotName(w)) {
            return next;
        }
        if (isCapitalisedName(w) && !isPlaceHead(w) && !nextIsPlaceHead(text, next[1])) {
            return next;
        }
        // "Maisie Ward", "Paddy Hall": a known given name alone, then a surname that can head a place.
        if (SURNAME_HEADS.contains(w.toLowerCase(Locale.ROOT)) && Character.isUpperCase(w.charAt(0)) && !span.contains(" ")
                && isGiven(span) && !nextIsPlaceHead(text, next[1])) {
            return next;
        }
        if (PARTICLES.contains(w.toLowerCase(Locale.ROOT)) && next[1] < text.length() && text.charAt(next[1]) == ' ') {
            int[] after = wordAt(text, next[1] + 1);
            if (after != null && (isCapitalisedName(word(text, after)) || isUpperSurname(word(text, after)))) {
                return after;
            }
        }
        return null;
    }

    private int[] leftExtension(String text, int start, int end) {
        if (start < 2 || text.charAt(start - 1) != ' ') {
            return null;
        }
        int[] prev = wordBefore(text, start - 1);
        if (prev == null) {
            return null;
        }
        String w = word(text, prev);
        String first = word(text, words(text, start, end).getFirst());
        if (INITIALS.matcher(w).matches() || (w.length() == 1 && Character.isUpperCase(w.charAt(0)))) {
            return prev;
        }
        // "HOLLIS Craig": SURNAME Forename.
        if (isUpperSurname(w) && w.length() >= 4 && isCapitalisedName(first) && !isNotName(w)) {
            return prev;
        }
        // "Texted Mia Hughes", "Supported Siobhan": a past-tense verb opening a clipped note is no forename.
        boolean verb = w.length() >= 5 && w.endsWith("ed") && !isGiven(w);
        if (isCapitalisedName(w) && !verb && !isTitle(w) && !CUES.contains(w.toLowerCase(Locale.ROOT))
                && (isGiven(w) || !opensSentence(text, prev[0]))) {
            return prev;
        }
        if (PARTICLES.contains(w.toLowerCase(Locale.ROOT)) && prev[0] >= 2 && text.charAt(prev[0] - 1) == ' ') {
            int[] before = wordBefore(text, prev[0] - 1);
            if (before != null && isCapitalisedName(word(text, before))) {
                return before;
            }
        }
        return null;
    }

    // ---- names the model missed ----

    private void surnameCommaForename(String text, List<int[]> out) {
        Matcher m = SURNAME_COMMA_FORENAME.matcher(text);
        while (m.find()) {
            String surname = m.group(1);
            String forename = m.group(2);
            boolean acronym = false;
            for (String part : surname.split(" ")) {
                acronym |= !isUpperSurname(part);
            }
            if (!acronym && !isNotName(forename) && !isPlaceHead(forename)) {
                out.add(new int[] {m.start(), m.end()});
            }
        }
    }

    private void cued(String text, List<NameWord> words, List<int[]> out) {
        for (NameWord word : words) {
            String cue = word.text().toLowerCase(Locale.ROOT);
            boolean title = isTitle(word.text());
            if (!title && !CUES.contains(cue) && !isRoleAbbreviation(word.text())) {
                continue;
            }
            int pos = word.end();
            if (pos < text.length() && text.charAt(pos) == '.' && title) {
                pos++;
            }
            // "PC 2291 Ahmed", "Dad (Ryan PEARCE)", "GP Dr Adewale", "HV: Ayesha Noor".
            Matcher gap = CUE_GAP.matcher(text).region(pos, text.length());
            if (!gap.lookingAt()) {
                continue;
            }
            int[] first = wordAt(text, gap.end());
            if (first == null) {
                continue;
            }
            String w = word(text, first);
            boolean initial = INITIALS.matcher(w).matches();
            if (initial || (isCapitalisedName(w) && !isPlaceHead(w) && !placeFollows(text, first[1], w))
                    || (title && isUpperSurname(w))) {
                if (initial && first[1] < text.length() && text.charAt(first[1]) == ' ') {
                    out.add(first);
                } else if (!initial) {
                    out.add(first);
                }
            }
        }
    }

    private void gazetteer(String text, List<NameWord> words, List<int[]> out) {
        for (NameWord word : words) {
            String w = word.text();
            String lower = w.toLowerCase(Locale.ROOT);
            boolean capitalised = isCapitalisedName(w) || (isUpperSurname(w) && w.length() >= 4);
            boolean known = givenNames.contains(lower) && !ambiguous.contains(lower)
                    || ambiguous.contains(lower) && followedByUpperSurname(text, word.end());
            if (capitalised && known && !notNames.contains(lower)
                    && !placeFollows(text, word.end(), w) && !LOCATIVE.contains(lowerWordBefore(text, word.start()))) {
                out.add(new int[] {word.start(), word.end()});
            }
        }
    }

    private void agedOrBorn(String text, List<NameWord> words, List<int[]> out) {
        // one matcher each, its region set per word (a region resets it): not two new matchers a word
        Matcher age = AGE_AFTER.matcher(text);
        Matcher dob = DOB_AFTER.matcher(text);
        for (NameWord word : words) {
            String w = word.text();
            if (!(isCapitalisedName(w) || isUpperSurname(w)) || isPlaceHead(w)) {
                continue;
            }
            boolean aged = age.region(word.end(), text.length()).lookingAt();
            boolean born = dob.region(word.end(), text.length()).lookingAt();
            if ((aged && isCapitalisedName(w)) || born) {
                out.add(new int[] {word.start(), word.end()});
            }
        }
    }

    /** A word as {@link #NAME_WORD} finds it: its offsets and text. */
    private record NameWord(int start, int end, String text) {
    }

    /** Every {@link #NAME_WORD} of the text, in order. */
    private static List<NameWord> nameWords(String text) {
        List<NameWord> words = new ArrayList<>();
        Matcher m = NAME_WORD.matcher(text);
        while (m.find()) {
            words.add(new NameWord(m.start(), m.end(), m.group()));
        }
        return words;
    }

    private boolean followedByUpperSurname(String text, int end) {
        if (end >= text.length() || text.charAt(end) != ' ') {
            return false;
        }
        int[] next = wordAt(text, end + 1);
        return next != null && isUpperSurname(word(text, next));
    }

    // ---- word tests ----

    private boolean isNotName(String w) {
        String lower = w.toLowerCase(Locale.ROOT);
        return notNames.contains(lower) || CUES.contains(lower) && !givenNames.contains(lower);
    }

    /** A short upper-case abbreviation before a name is a role: SPO, ANP, EWO, FOB, DSL. */
    private boolean isRoleAbbreviation(String w) {
        return isAllUpper(w) && w.length() >= 2 && w.length() <= 5 && w.chars().allMatch(Character::isLetter)
                && !ORG_AFTER.contains(w) && !ORG_BEFORE.contains(w.toLowerCase(Locale.ROOT)) && !ORGANISATIONS.contains(w)
                && (ACRONYMS.contains(w) || !isGiven(w));
    }

    private boolean isGiven(String w) {
        return givenNames.contains(w.toLowerCase(Locale.ROOT));
    }

    private boolean isMedicine(String w) {
        return MEDICINE.matcher(w).matches() && !isGiven(w);
    }

    private static boolean isTitle(String w) {
        String lower = w.toLowerCase(Locale.ROOT);
        return TITLES.contains(lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower);
    }

    private static boolean isPlaceHead(String w) {
        return PLACE_HEADS.contains(w.toLowerCase(Locale.ROOT));
    }

    private static boolean isAcronymOrNumber(String w) {
        return w.chars().noneMatch(Character::isLetter) || ACRONYMS.contains(w.toUpperCase(Locale.ROOT)) && isAllUpper(w);
    }

    /** An upper-case word of three or more letters that is not a known abbreviation: LLOYD, O'NEILL, AL-RASHID. */
    private boolean isUpperSurname(String w) {
        if (!isAllUpper(w) || ACRONYMS.contains(w) || w.chars().filter(Character::isLetter).count() < 3) {
            return false;
        }
        if (notNames.contains(w.toLowerCase(Locale.ROOT)) && !isGiven(w)) {
            return false;
        }
        return w.chars().anyMatch(c -> "AEIOUY".indexOf(c) >= 0);
    }

    /** Capitalised, with lower-case letters, of letters, apostrophes and hyphens: Okafor, McBride, O'Neill, Lloyd-Jones. */
    private boolean isCapitalisedName(String w) {
        if (w.isEmpty() || !Character.isUpperCase(w.charAt(0)) || w.chars().noneMatch(Character::isLowerCase)) {
            return false;
        }
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            if (!isLetter(c) && c != '\'' && c != '’' && c != '-') {
                return false;
            }
            if (i > 0 && Character.isUpperCase(c) && Character.isUpperCase(w.charAt(i - 1))) {
                return false; // "DNA'd", "TFTs": an abbreviation, not a name
            }
        }
        return !isNotName(w) && !isTitle(w);
    }

    private static boolean isAllUpper(String w) {
        boolean letter = false;
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            if (Character.isLetter(c)) {
                letter = true;
                if (!Character.isUpperCase(c)) {
                    return false;
                }
            } else if (c != '\'' && c != '’' && c != '-') {
                return false;
            }
        }
        return letter;
    }

    private static boolean isLetter(char c) {
        return Character.isLetter(c) || Character.getType(c) == Character.NON_SPACING_MARK;
    }

    // ---- text helpers ----

    /** A place head follows, unless it is a surname after a known given name ("Maisie Ward", not "Rainbow Ward"). */
    private boolean placeFollows(String text, int end, String name) {
        return nextIsPlaceHead(text, end) && !placeFollowsSurname(text, end, name);
    }

    private boolean placeFollowsSurname(String text, int end, String name) {
        if (!nextIsPlaceHead(text, end)) {
            return false;
        }
        int[] next = wordAt(text, end + 1);
        return isGiven(name) && SURNAME_HEADS.contains(word(text, next).toLowerCase(Locale.ROOT))
                && !nextIsPlaceHead(text, next[1]);
    }

    private boolean nextIsPlaceHead(String text, int end) {
        if (end >= text.length() || text.charAt(end) != ' ') {
            return false;
        }
        int[] next = wordAt(text, end + 1);
        return next != null && isPlaceHead(word(text, next)) && Character.isUpperCase(text.charAt(next[0]));
    }

    /** True when the word at {@code start} opens a sentence or line (nothing but space since . ! ? or a line break). */
    private static boolean opensSentence(String text, int start) {
        int i = start - 1;
        while (i >= 0 && text.charAt(i) == ' ') {
            i--;
        }
        return i < 0 || ".!?".indexOf(text.charAt(i)) >= 0;
    }

    /** "14 Farrier Way": a house number before the span. */
    private static boolean houseNumberBefore(String text, int start) {
        int i = start - 1;
        while (i >= 0 && text.charAt(i) == ' ') {
            i--;
        }
        return i >= 0 && i < start - 1 && (Character.isDigit(text.charAt(i)) || i > 0 && Character.isDigit(text.charAt(i - 1))
                && Character.isLetter(text.charAt(i)) && !Character.isLetter(text.charAt(i - 1)));
    }

    /** "conveyed to Oldbury", "moved back to Kabul": a place after a verb of movement and "to". */
    private static boolean movedTo(String text, int start) {
        if (!"to".equals(lowerWordBefore(text, start))) {
            return false;
        }
        int to = text.lastIndexOf("to", start - 1);
        return MOVEMENT.contains(lowerWordBefore(text, to));
    }

    private static String lowerWordBefore(String text, int start) {
        if (start < 2 || text.charAt(start - 1) != ' ') {
            return "";
        }
        int[] prev = wordBefore(text, start - 1);
        return prev == null ? "" : text.substring(prev[0], prev[1]).toLowerCase(Locale.ROOT);
    }

    private static int[] wordAt(String text, int pos) {
        Matcher m = NAME_WORD.matcher(text).region(pos, text.length());
        if (!m.lookingAt()) {
            return null;
        }
        int end = m.end();
        if (end - pos > 2 && (text.startsWith("'s", end - 2) || text.startsWith("’s", end - 2))) {
            end -= 2; // the possessive stays outside: "Joanne Platt's address"
        }
        // An initial keeps its full stop: "S." of "Dr S. Baptiste".
        if (end < text.length() && text.charAt(end) == '.' && end - pos == 1 && Character.isUpperCase(text.charAt(pos))) {
            end++;
            while (end + 1 < text.length() && Character.isUpperCase(text.charAt(end)) && text.charAt(end + 1) == '.') {
                end += 2;
            }
        }
        return new int[] {pos, end};
    }

    /** The word ending at {@code end} (exclusive), with the full stops of initials ("S.", "K.M."). */
    private static int[] wordBefore(String text, int end) {
        int s = end;
        while (s > 0 && (isLetter(text.charAt(s - 1)) || "'’-.".indexOf(text.charAt(s - 1)) >= 0)) {
            s--;
        }
        while (s < end && !isLetter(text.charAt(s))) {
            s++;
        }
        return s >= end ? null : new int[] {s, end};
    }

    private static int wordStart(String text, int pos) {
        int s = pos;
        while (s > 0 && (isLetter(text.charAt(s - 1)) || text.charAt(s - 1) == '-' || text.charAt(s - 1) == '\'')) {
            s--;
        }
        return s;
    }

    private static int wordEnd(String text, int pos) {
        int e = pos;
        while (e < text.length() && (isLetter(text.charAt(e)) || text.charAt(e) == '-' || text.charAt(e) == '\'')) {
            e++;
        }
        while (e > pos && !isLetter(text.charAt(e - 1))) {
            e--;
        }
        return e;
    }

    /** Words (and other non-space runs) of a span, as offset pairs. */
    private static List<int[]> words(String text, int start, int end) {
        List<int[]> out = new ArrayList<>();
        int i = start;
        while (i < end) {
            while (i < end && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            int s = i;
            while (i < end && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i > s) {
                int e = i;
                while (e > s && ",;:".indexOf(text.charAt(e - 1)) >= 0) {
                    e--;
                }
                out.add(new int[] {s, e > s ? e : i});
            }
        }
        return out;
    }

    private static String word(String text, int[] w) {
        return text.substring(w[0], w[1]);
    }

    private static boolean overlapsAny(int[] span, List<EntityMention> mentions) {
        for (EntityMention m : mentions) {
            if (m.overlaps(span[0], span[1])) {
                return true;
            }
        }
        return false;
    }

    private static boolean overlapsSpans(int[] span, List<int[]> spans) {
        for (int[] s : spans) {
            if (span[0] < s[1] && s[0] < span[1]) {
                return true;
            }
        }
        return false;
    }

    private static List<int[]> union(List<int[]> spans) {
        List<int[]> sorted = new ArrayList<>(spans);
        sorted.sort(Comparator.comparingInt((int[] s) -> s[0]).thenComparingInt(s -> -s[1]));
        List<int[]> out = new ArrayList<>();
        for (int[] s : sorted) {
            if (!out.isEmpty() && s[0] < out.getLast()[1]) {
                out.getLast()[1] = Math.max(out.getLast()[1], s[1]);
            } else {
                out.add(new int[] {s[0], s[1]});
            }
        }
        return out;
    }
}
