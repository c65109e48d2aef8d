package org.tessera.indexer.documents;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tessera.indexer.ingest.InvolvedPerson;
import org.tessera.indexer.ingest.PartialDate;
import org.tessera.indexer.nlp.EntityFinder;
import org.tessera.indexer.nlp.EntityMention;
import org.tessera.indexer.nlp.EntityType;
import org.tessera.indexer.normalise.NhsNumber;
import org.tessera.indexer.normalise.UkPostcode;
import org.tessera.indexer.normalise.Upn;

/**
 * Reads a document that came without a sidecar the way a MASH worker reads a referral: who it is
 * about (name, date of birth, address and postcode, NHS number, UPN), who is around them
 * (parents, siblings, alleged perpetrators), when it was written and by which agency.
 *
 * <p>Labelled fields are read first ({@code Child's name:}, {@code Re:}, {@code DOB:},
 * {@code Mother:}, {@code SURNAME, Forename} in a title); when the document names its subject
 * only in prose, the trained entity model finds the person named next to a date of birth or after
 * "regarding"/"concerns about" in the opening lines. What is found is a set of occurrences for the
 * linker, which alone decides who they are: this class never guesses an identity. Where nothing
 * can be read, the subject list is empty and the caller says so.
 *
 * <p>Thread-safe when the entity finder is.
 */
public final class DocumentFactsFinder {

    /** Characters of the opening read for a subject named only in prose. */
    static final int OPENING = 900;

    private static final String NAME_TOKEN = "(?:[\\p{Lu}][\\p{L}'’]*(?:-[\\p{Lu}][\\p{L}'’]*)*|[\\p{Lu}]\\.?)";
    private static final Pattern LINE_LABEL = Pattern.compile(
            "^[\\s•*\\-]*([\\p{L}'’ /().\\-]{1,60}?)\\s*(?:[:|]|\\.{3,}:?)\\s*(.*)$");
    private static final Pattern DOB_LABEL = Pattern.compile(
            "(?i)\\b(?:date\\s+of\\s+birth|d\\.?\\s?o\\.?\\s?b\\.?|birth\\s*date|born(?:\\s+on)?)\\s*[:\\-]?\\s*");
    private static final Pattern NHS = Pattern.compile("(?i)\\bNHS\\s*(?:no\\.?|number|num|#)?\\s*[:\\-]?\\s*(\\d{3}[\\s-]?\\d{3}[\\s-]?\\d{4})\\b");
    private static final Pattern NHS_BARE = Pattern.compile("(?<![\\d\\w])(\\d{3} \\d{3} \\d{4})(?![\\d\\w])");
    private static final Pattern UPN = Pattern.compile("(?i)\\bUPN\\s*(?:no\\.?|number)?\\s*[:\\-]?\\s*([A-Z]\\s?\\d{11}\\s?[0-9A-Z])\\b");
    private static final Pattern UPN_BARE = Pattern.compile("\\b([A-Z]\\d{11}[0-9A-Z])\\b");
    private static final Pattern POSTCODE = Pattern.compile("\\b([A-Z]{1,2}[0-9][A-Z0-9]?)\\s*([0-9][A-Z]{2})\\b");
    private static final Pattern EMAIL_DOMAIN = Pattern.compile("@([A-Za-z0-9.\\-]+)");
    private static final Pattern PROSE_CUE = Pattern.compile(
            "(?i)\\b(?:regarding|concerning|re|about|refer(?:ring)?|referral\\s+(?:for|of)|concerns?\\s+(?:for|about|regarding)|"
                    + "in\\s+respect\\s+of|relation\\s+to|on\\s+behalf\\s+of|child(?:'s)?\\s+name\\s+is|pupil|named)\\b[:\\s]*$");
    private static final Pattern RELATIVE_IN_PROSE = Pattern.compile(
            "\\b(?i:his|her|their|the\\s+child's|child's)\\s+(?i:(mother|mum|father|dad|step-?father|step-?dad|step-?mother|"
                    + "brother|sister|half-brother|half-sister|sibling|grandmother|grandfather|mother's\\s+partner|mum's\\s+partner))"
                    + "[ \\t]*,?[ \\t]*(" + NAME_TOKEN + "(?:[ \\t]+" + NAME_TOKEN + "){1,3})");
    private static final Pattern SIGN_OFF = Pattern.compile(
            "(?i)^\\s*(?:yours\\s+(?:sincerely|faithfully)|kind\\s+regards|best\\s+regards|regards|many\\s+thanks|"
                    + "best\\s+wishes|thanks|with\\s+thanks|signed)\\b.*$");

    /** Labels whose value names the subject. Lower case, spaces single. */
    private static final Set<String> SUBJECT_LABELS = Set.of("child's name", "childs name", "child name", "name of child",
            "name of child/young person", "child/young person", "child / young person", "young person", "young person's name",
            "child", "pupil", "pupil name", "pupil's name", "student", "student name", "patient", "patient name", "patient's name",
            "name", "full name", "subject", "re", "regarding", "concerning", "referral for", "referral regarding",
            "referral re", "child's details", "name of young person", "person referred", "child referred", "subject of referral",
            "child/ren", "children", "children's names", "child(ren)", "name(s)");
    private static final Set<String> FAMILY_LABELS = Set.of("surname", "family name", "last name", "child's surname");
    private static final Set<String> GIVEN_LABELS = Set.of("forename", "forenames", "forename(s)", "first name", "first names",
            "given name", "given names", "child's forename", "child's first name");
    private static final Set<String> ADDRESS_LABELS = Set.of("address", "home address", "child's address", "current address",
            "address of child", "lives at", "residence", "home", "address (child)");
    private static final Set<String> POSTCODE_LABELS = Set.of("postcode", "post code", "postal code");
    private static final Set<String> DATE_LABELS = Set.of("date", "date of referral", "date of letter", "referral date",
            "date sent", "sent", "date of report", "date of notification", "date of concern", "date completed",
            "date of incident", "date reported");
    /** Labels of the other people present or living with the subject. */
    private static final Pattern OTHER_PEOPLE_LABEL = Pattern.compile(
            "\\b(?:other persons?|other people|others present|persons present|household members?|other adults|adults in (?:the )?household)\\b");
    /** Labels whose value names the author's organisation. */
    private static final Set<String> AUTHOR_LABELS = Set.of("referring agency", "referrer agency", "agency", "organisation",
            "referrer's organisation", "referrer organisation", "from agency", "service", "referring organisation",
            "school", "practice", "gp practice", "station", "team");
    /** Label to canonical role (see Vocabulary.ROLES). */
    private static final Map<String, String> RELATIVE_LABELS = relativeLabels();

    /** Words that end a name: what follows is a date, an identifier, a role. */
    private static final Set<String> NOT_NAME_WORDS = Set.of("referral", "form", "safeguarding", "concern", "concerns", "school",
            "team", "lead", "services", "service", "council", "police", "unit", "hospital", "surgery", "department", "children",
            "child", "not", "known", "unknown", "parent", "carer", "mother", "father", "the", "and", "of", "for", "dob", "nhs",
            "upn", "date", "birth", "address", "year", "years", "aged", "age", "mash", "multi-agency", "dsl", "designated",
            "officer", "dear", "sir", "madam", "n/a", "none", "tbc", "nfa", "yes", "no", "male", "female", "boy", "girl",
            "academy", "primary", "college", "practice", "constabulary", "ward", "clinic", "health", "visitor", "nurse",
            "social", "worker", "care", "community", "centre", "center", "trust", "notification", "report", "letter",
            "conference", "plan", "protection", "initial", "review", "urgent", "confidential", "information", "sharing",
            "incident", "attendance", "emergency", "domestic", "abuse", "re", "to", "from", "subject", "in", "on", "at",
            "with", "by", "about", "regarding", "kind", "regards", "please", "see", "below", "attached", "our", "your");
    /** An upper-case family name, then one to three mixed-case given names, then nothing name-like. */
    private static final Pattern UPPER_FIRST = Pattern.compile(
            "^\\s*([\\p{Lu}][\\p{Lu}'’\\-]+)\\s+((?:[\\p{Lu}][\\p{Ll}][\\p{L}'’\\-]*)(?:\\s+[\\p{Lu}][\\p{Ll}][\\p{L}'’\\-]*){0,2})(?=\\s*$|\\s{2,}|\\s*[,(;]|\\s+[^\\p{Lu}])");
    private static final Set<String> TITLES = Set.of("mr", "mrs", "ms", "miss", "mx", "master", "dr");

    private final EntityFinder entities;

    /** @param entities the trained entity finder, for subjects named only in prose */
    public DocumentFactsFinder(EntityFinder entities) {
        this.entities = entities;
    }

    /**
     * @param text        the document's extracted text
     * @param title       the document's title (PDF title, e-mail subject), or null
     * @param metadata    document metadata as the extractor kept it ({@code created}, {@code creator}, ...)
     * @param contentType the detected media type, or null
     * @param fileName    the file's name (a title of last resort)
     */
    public DocumentFacts find(String text, String title, Map<String, String> metadata, String contentType, String fileName) {
        String body = text == null ? "" : text;
        int pivot = LocalDate.now().getYear();
        List<String> lines = new ArrayList<>();
        if (title != null && !title.isBlank()) {
            lines.add(title.strip());
        }
        body.lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(lines::add);

        List<Person> subjects = new ArrayList<>();
        List<Person> others = new ArrayList<>();
        String given = null;
        String family = null;
        String address = null;
        String postcode = null;
        LocalDate dateLine = null;
        String labelledAuthor = null;
        List<Person> lastPerson = null;   // the list whose last entry a following "DOB:" line belongs to
        LocalDate pendingDob = null;      // a "DOB:" line before any name (forms that split surname and forename)
        // 1. Labelled fields, line by line.
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher m = LINE_LABEL.matcher(line);
            if (!m.matches()) {
                if (i == 0 && title != null) {
                    subjectInTitle(line, pivot).ifPresent(subjects::add);
                }
                continue;
            }
            String label = m.group(1).toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
            String value = m.group(2).strip();
            if (value.isEmpty() && i + 1 < lines.size() && !LINE_LABEL.matcher(lines.get(i + 1)).matches()) {
                value = lines.get(i + 1); // the value on the line under its label
            }
            if (value.isEmpty()) {
                continue;
            }
            if (SUBJECT_LABELS.contains(label) || label.endsWith(" subject") || label.startsWith("re ") || namesTheSubject(label)) {
                int before = subjects.size();
                for (String part : splitPeople(value)) {
                    person(part, "subject", pivot).ifPresent(subjects::add);
                }
                if (subjects.size() == before) {
                    subjectInTitle(value, pivot).ifPresent(subjects::add);
                }
                lastPerson = subjects.size() > before ? subjects : null;
            } else if (DOB_LABEL.matcher(label).matches() || label.equals("dob") || label.equals("d.o.b")) {
                // "Date of birth:" on a line of its own belongs to the person named just before it.
                LocalDate dob = TextDates.leading(value, 3, pivot).orElse(null);
                if (dob != null && lastPerson != null && !lastPerson.isEmpty()
                        && lastPerson.get(lastPerson.size() - 1).dob() == null) {
                    Person p = lastPerson.get(lastPerson.size() - 1);
                    lastPerson.set(lastPerson.size() - 1, new Person(p.role(), p.given(), p.family(), dob));
                } else if (dob != null && lastPerson == null && subjects.isEmpty() && pendingDob == null) {
                    pendingDob = dob;
                }
            } else if (FAMILY_LABELS.contains(label)) {
                family = family == null ? firstWords(value) : family;
            } else if (GIVEN_LABELS.contains(label)) {
                given = given == null ? firstWords(value) : given;
            } else if (ADDRESS_LABELS.contains(label) && address == null) {
                address = value;
                Matcher pc = POSTCODE.matcher(value.toUpperCase(Locale.ROOT));
                if (pc.find()) {
                    postcode = postcode == null ? pc.group(1) + " " + pc.group(2) : postcode;
                    address = value.substring(0, Math.max(0, pc.start())).replaceAll("[,\\s]+$", "");
                } else if (i + 1 < lines.size() && POSTCODE.matcher(lines.get(i + 1)).find() && !LINE_LABEL.matcher(lines.get(i + 1)).matches()) {
                    Matcher next = POSTCODE.matcher(lines.get(i + 1));
                    next.find();
                    postcode = postcode == null ? next.group(1) + " " + next.group(2) : postcode;
                }
            } else if (POSTCODE_LABELS.contains(label) && postcode == null) {
                Matcher pc = POSTCODE.matcher(value.toUpperCase(Locale.ROOT));
                if (pc.find()) {
                    postcode = pc.group(1) + " " + pc.group(2);
                }
            } else if (DATE_LABELS.contains(label) && dateLine == null) {
                dateLine = TextDates.leading(value, 20, pivot).orElse(null);
            } else if (AUTHOR_LABELS.contains(label) && labelledAuthor == null) {
                labelledAuthor = value;
            } else if (OTHER_PEOPLE_LABEL.matcher(label).find() && !namesTheSubject(label)) {
                // "OTHER PERSONS: DAVIES Aisha (mother); SMITH Lee (partner)": the role in brackets.
                int before = others.size();
                for (String part : splitPeople(value)) {
                    Matcher role = Pattern.compile("\\(([^)]+)\\)").matcher(part);
                    String r = role.find() ? RELATIVE_LABELS.getOrDefault(role.group(1).toLowerCase(Locale.ROOT).strip(), "household_member")
                            : "household_member";
                    person(part, r, pivot).ifPresent(others::add);
                }
                lastPerson = others.size() > before ? others : null;
            } else if (RELATIVE_LABELS.containsKey(label)) {
                int before = others.size();
                for (String part : splitPeople(value)) {
                    person(part, RELATIVE_LABELS.get(label), pivot).ifPresent(others::add);
                }
                lastPerson = others.size() > before ? others : null;
            }
        }
        if (subjects.isEmpty() && family != null && given != null) {
            person(given + " " + family, "subject", pivot).ifPresent(subjects::add);
        }
        if (subjects.size() == 1 && subjects.get(0).dob() == null && pendingDob != null) {
            Person p = subjects.get(0);
            subjects.set(0, new Person(p.role(), p.given(), p.family(), pendingDob));
        }
        // 2. A subject named only in prose: the entity model's person next to a cue or a date of birth.
        String opening = String.join("\n", lines.subList(0, Math.min(lines.size(), 30)));
        if (opening.length() > OPENING * 2) {
            opening = opening.substring(0, OPENING * 2);
        }
        if (subjects.isEmpty()) {
            subjectInProse(opening, pivot).ifPresent(subjects::add);
        }
        // 3. Dates of birth written beside the name, identifiers and address anywhere.
        String all = String.join("\n", lines);
        for (int i = 0; i < subjects.size(); i++) {
            Person p = subjects.get(i);
            if (p.dob() == null) {
                LocalDate near = dobNear(all, p, pivot);
                if (near != null) {
                    subjects.set(i, new Person(p.role(), p.given(), p.family(), near));
                }
            }
        }
        String nhs = identifier(all, NHS, NHS_BARE, NhsNumber::isValid);
        String upn = identifier(all.toUpperCase(Locale.ROOT), UPN, UPN_BARE, Upn::isValid);
        if (postcode == null && !subjects.isEmpty()) {
            postcode = postcodeNear(all, subjects.get(0));
        }
        for (Matcher r = RELATIVE_IN_PROSE.matcher(all); r.find(); ) {
            String role = RELATIVE_LABELS.getOrDefault(r.group(1).toLowerCase(Locale.ROOT).replace("-", ""), "household_member");
            person(r.group(2), role, pivot).filter(p -> others.stream().noneMatch(o -> o.sameName(p))
                    && subjects.stream().noneMatch(s -> s.sameName(p))).ifPresent(others::add);
        }

        List<InvolvedPerson> people = new ArrayList<>();
        Map<String, Person> distinct = new LinkedHashMap<>();
        for (Person s : subjects) {
            distinct.putIfAbsent(s.key(), s);
        }
        boolean single = distinct.size() == 1;
        for (Person s : distinct.values()) {
            Map<String, String> ids = new LinkedHashMap<>();
            // An identifier written once belongs to the subject only when there is one subject.
            if (single && nhs != null) {
                ids.put("nhs_number", nhs);
            }
            if (single && upn != null) {
                ids.put("upn", upn);
            }
            people.add(new InvolvedPerson("subject", s.given, s.family, List.of(), s.dob == null ? null : PartialDate.of(s.dob),
                    null, address, postcode, ids));
        }
        Map<String, Person> seenOthers = new LinkedHashMap<>();
        for (Person o : others) {
            if (!distinct.containsKey(o.key())) {
                seenOthers.putIfAbsent(o.key(), o);
            }
        }
        for (Person o : seenOthers.values()) {
            people.add(new InvolvedPerson(o.role, o.given, o.family, List.of(), o.dob == null ? null : PartialDate.of(o.dob),
                    null, null, null, Map.of()));
        }

        // 4. The document's own date: letter date, Date: line, e-mail header, metadata.
        LocalDate date = null;
        String dateSource = null;
        Optional<LocalDate> letter = letterDate(lines, title != null && !title.isBlank() ? 1 : 0, pivot);
        if (letter.isPresent()) {
            date = letter.get();
            dateSource = "letter_date";
        } else if (dateLine != null) {
            date = dateLine;
            dateSource = "date_line";
        } else {
            Optional<LocalDate> meta = Optional.ofNullable(metadata.get("created")).flatMap(DocumentFactsFinder::metadataDate);
            if (meta.isPresent()) {
                date = meta.get();
                dateSource = contentType != null && contentType.startsWith("message/") ? "email_header" : "metadata";
            }
        }

        // 5. Who wrote it.
        String organisation = labelledAuthor != null && agencyKeyword(labelledAuthor) != null ? labelledAuthor
                : author(lines, title != null && !title.isBlank() ? 1 : 0, metadata.get("creator"));
        String agency = agencyOf(organisation, metadata.get("creator"), all);
        return new DocumentFacts(people, date, dateSource, organisation, agency);
    }

    /** A person as the document writes them. */
    private record Person(String role, String given, String family, LocalDate dob) {
        String key() {
            return (given + " " + family).toLowerCase(Locale.ROOT);
        }

        boolean sameName(Person other) {
            return key().equals(other.key());
        }
    }

    /** "Safeguarding referral - FORD, Daniel (DOB 29/08/2008)", "Concern: Daniel Ford, 29.08.2008". */
    private Optional<Person> subjectInTitle(String title, int pivot) {
        String[] parts = title.split("\\s+[-–—:]\\s+|:\\s*");
        for (int i = parts.length - 1; i >= 1; i--) {
            Optional<Person> p = person(parts[i], "subject", pivot);
            if (p.isPresent()) {
                return p;
            }
        }
        return Optional.empty();
    }

    /** The person the entity model finds right after a cue ("regarding", "concerns about") or right before a date of birth. */
    private Optional<Person> subjectInProse(String opening, int pivot) {
        List<EntityMention> mentions = entities.find(opening).stream().filter(e -> e.type() == EntityType.PERSON).toList();
        Person fallback = null;
        for (EntityMention mention : mentions) {
            String before = opening.substring(Math.max(0, mention.start() - 40), mention.start());
            String after = opening.substring(mention.end(), Math.min(opening.length(), mention.end() + 60));
            Optional<Person> p = person(mention.text() + after, "subject", pivot);
            if (p.isEmpty()) {
                continue;
            }
            if (p.get().dob() != null || PROSE_CUE.matcher(before).find()) {
                return p;
            }
            if (fallback == null && DOB_LABEL.matcher(after).lookingAt()) {
                fallback = p.get();
            }
        }
        return Optional.ofNullable(fallback);
    }

    /**
     * A name with what may follow it ("FORD, Daniel (DOB 29/08/2008)", "Daniel FORD, born
     * 29.8.08", "Mrs Jane Smith"): given and family names (upper-case surnames kept as written:
     * linkage folds case) and a date of birth written right after.
     */
    Optional<Person> person(String value, String role, int pivot) {
        String v = value.strip();
        LocalDate dob = null;
        Matcher dobLabel = DOB_LABEL.matcher(v);
        int cut = v.length();
        if (dobLabel.find()) {
            cut = dobLabel.start();
            dob = TextDates.leading(v.substring(dobLabel.end()), 3, pivot).orElse(null);
        }
        List<TextDates.Found> dates = TextDates.findAll(v, pivot);
        if (!dates.isEmpty() && dates.get(0).start() < cut) {
            cut = dates.get(0).start();
            if (dob == null && dates.get(0).start() < 60) {
                dob = dates.get(0).date();
            }
        }
        String name = v.substring(0, cut);
        int paren = name.indexOf('(');
        if (paren >= 0) {
            name = name.substring(0, paren);
        }
        // "FORD, Daniel": an upper-case family name, a comma, the given names.
        Matcher familyFirst = Pattern.compile("^\\s*([\\p{Lu}][\\p{Lu}'’\\-]+(?:\\s+[\\p{Lu}][\\p{Lu}'’\\-]+)*)\\s*,\\s*("
                + NAME_TOKEN + "(?:\\s+" + NAME_TOKEN + ")*)").matcher(name);
        List<String> tokens;
        boolean swapped = false;
        // "WATSON Oliver": an upper-case family name first, then mixed-case given names (police style).
        Matcher upperFirst = UPPER_FIRST.matcher(name);
        if (familyFirst.find() && !familyFirst.group(2).equals(familyFirst.group(2).toUpperCase(Locale.ROOT))) {
            tokens = new ArrayList<>(List.of(familyFirst.group(2).trim().split("\\s+")));
            tokens.add(familyFirst.group(1).trim());
            swapped = true;
        } else if (upperFirst.find() && !NOT_NAME_WORDS.contains(upperFirst.group(1).toLowerCase(Locale.ROOT))) {
            tokens = new ArrayList<>(List.of(upperFirst.group(2).trim().split("\\s+")));
            tokens.add(upperFirst.group(1).trim());
            swapped = true;
        } else {
            int comma = name.indexOf(',');
            if (comma >= 0) {
                name = name.substring(0, comma);
            }
            tokens = new ArrayList<>();
            for (String t : name.strip().split("\\s+")) {
                if (t.isEmpty()) {
                    continue;
                }
                if (!t.matches(NAME_TOKEN) || NOT_NAME_WORDS.contains(t.toLowerCase(Locale.ROOT).replaceAll("[.']", ""))) {
                    break;
                }
                tokens.add(t);
            }
        }
        while (!tokens.isEmpty() && TITLES.contains(tokens.get(0).toLowerCase(Locale.ROOT).replace(".", ""))) {
            tokens.remove(0);
        }
        if (tokens.size() < 2 || tokens.size() > 5) {
            return Optional.empty();
        }
        for (String t : tokens) {
            if (NOT_NAME_WORDS.contains(t.toLowerCase(Locale.ROOT)) || !t.matches(NAME_TOKEN)) {
                return Optional.empty();
            }
        }
        String family = tokens.get(tokens.size() - 1);
        if (family.length() < 2 || (!swapped && family.endsWith("."))) {
            return Optional.empty();
        }
        String given = String.join(" ", tokens.subList(0, tokens.size() - 1));
        return Optional.of(new Person(role, given, family, dob));
    }

    /**
     * A label that names the person a form is about, however the form words it: a name field of
     * the child, pupil, patient, young person or (police) nominal ("Child's Full Name",
     * "Name of pupil", "NOMINAL (CHILD)"), and not of a parent, carer or referrer.
     */
    static boolean namesTheSubject(String label) {
        boolean about = SUBJECT_WORDS.matcher(label).find();
        boolean other = OTHER_PARTY_WORDS.matcher(label).find();
        return about && !other && (label.contains("name") || label.startsWith("nominal") || label.equals("young person"));
    }

    private static final Pattern SUBJECT_WORDS = Pattern.compile("\\b(?:child|children|pupil|student|patient|young person|nominal|subject|learner)\\b");
    private static final Pattern OTHER_PARTY_WORDS = Pattern.compile(
            "\\b(?:parent|mother|father|carer|referrer|school|gp|sibling|brother|sister|staff|officer|worker|professional|other)\\b");

    /** A value that may list several people: "Amy Hill (DOB 1/2/2015); Ben Hill (DOB 3/4/2017)". */
    private static List<String> splitPeople(String value) {
        List<String> parts = new ArrayList<>();
        for (String p : value.split(";|\\s+and\\s+|\\s*&\\s*|\\)\\s*,\\s*")) {
            if (!p.isBlank()) {
                parts.add(p.strip());
            }
        }
        return parts;
    }

    private static String firstWords(String value) {
        String v = value.replaceAll("[(,].*$", "").strip();
        return v.isEmpty() ? null : v;
    }

    private static String identifier(String text, Pattern labelled, Pattern bare, java.util.function.Predicate<String> valid) {
        for (Matcher m = labelled.matcher(text); m.find(); ) {
            String v = m.group(1).replaceAll("[\\s-]", "");
            if (valid.test(v)) {
                return v;
            }
        }
        String found = null;
        for (Matcher m = bare.matcher(text); m.find(); ) {
            String v = m.group(1).replaceAll("\\s", "");
            if (valid.test(v)) {
                if (found != null && !found.equals(v)) {
                    return null; // two different numbers unlabelled: whose is whose is unknown
                }
                found = v;
            }
        }
        return found;
    }

    /** A date of birth written right after the person's name elsewhere in the text ("regarding Paul Hall, DOB 5/1/2018"). */
    private static LocalDate dobNear(String all, Person person, int pivot) {
        Matcher name = Pattern.compile(Pattern.quote(person.family()), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE).matcher(all);
        while (name.find()) {
            String after = all.substring(name.end(), Math.min(all.length(), name.end() + 40));
            Matcher label = DOB_LABEL.matcher(after);
            if (label.find() && after.substring(0, label.start()).matches("[\\s,;(\\-\\p{L}]{0,14}")) {
                Optional<LocalDate> d = TextDates.leading(after.substring(label.end()), 3, pivot);
                if (d.isPresent()) {
                    return d.get();
                }
            }
        }
        return null;
    }

    /** A postcode written within a few lines after the subject's name (an address block under "Re:"), or after "lives at". */
    private static String postcodeNear(String all, Person subject) {
        int at = all.indexOf(subject.family());
        Matcher lives = Pattern.compile("(?i)\\b(?:lives|living|resides|residing|resident|home)\\s+(?:at|in)\\b").matcher(all);
        List<Integer> anchors = new ArrayList<>();
        if (at >= 0) {
            anchors.add(at);
        }
        while (lives.find()) {
            anchors.add(lives.end());
        }
        for (int anchor : anchors) {
            Matcher pc = POSTCODE.matcher(all);
            if (pc.find(anchor) && pc.start() - anchor < 250) {
                return pc.group(1) + " " + pc.group(2);
            }
        }
        return null;
    }

    /** A line of its own near the top that is only a date (with perhaps a weekday or a town). */
    private static Optional<LocalDate> letterDate(List<String> lines, int from, int pivot) {
        for (int i = from; i < Math.min(lines.size(), from + 14); i++) {
            String line = lines.get(i);
            if (line.length() > 40 || LINE_LABEL.matcher(line).matches() || DOB_LABEL.matcher(line).find()) {
                continue;
            }
            List<TextDates.Found> found = TextDates.findAll(line, pivot);
            if (found.size() == 1) {
                String rest = (line.substring(0, found.get(0).start()) + line.substring(found.get(0).end()))
                        .replaceAll("(?i)monday|tuesday|wednesday|thursday|friday|saturday|sunday|[,.\\s]", "");
                if (rest.length() <= 3) {
                    return Optional.of(found.get(0).date());
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<LocalDate> metadataDate(String value) {
        for (DateTimeFormatter f : List.of(DateTimeFormatter.ISO_OFFSET_DATE_TIME, DateTimeFormatter.ISO_ZONED_DATE_TIME,
                DateTimeFormatter.RFC_1123_DATE_TIME)) {
            try {
                return Optional.of(ZonedDateTime.parse(value.strip(), f).toLocalDate());
            } catch (RuntimeException ignored) {
                // next format
            }
        }
        try {
            return Optional.of(OffsetDateTime.parse(value.strip()).toLocalDate());
        } catch (RuntimeException ignored) {
            // a local date-time or a date
        }
        try {
            return Optional.of(LocalDate.parse(value.strip().substring(0, 10)));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The sender domain, else the letterhead (first line that is neither date nor greeting), else the signature. */
    private static String author(List<String> lines, int from, String creator) {
        if (creator != null) {
            Matcher d = EMAIL_DOMAIN.matcher(creator);
            if (d.find()) {
                return d.group(1).toLowerCase(Locale.ROOT);
            }
        }
        String signature = null;
        for (int i = lines.size() - 1; i >= Math.max(from, lines.size() - 12); i--) {
            if (SIGN_OFF.matcher(lines.get(i)).matches()) {
                for (int j = lines.size() - 1; j > i; j--) {
                    if (agencyKeyword(lines.get(j)) != null) {
                        signature = lines.get(j);
                        break;
                    }
                }
                break;
            }
        }
        if (from < lines.size()) {
            String head = lines.get(from);
            if (agencyKeyword(head) != null && head.length() < 120 && !LINE_LABEL.matcher(head).matches()) {
                return head;
            }
        }
        if (signature != null) {
            return signature;
        }
        for (int i = from; i < Math.min(lines.size(), from + 3); i++) {
            if (agencyKeyword(lines.get(i)) != null && lines.get(i).length() < 120) {
                return lines.get(i);
            }
        }
        return null;
    }

    private static final List<Map.Entry<Pattern, String>> AGENCY_WORDS = List.of(
            Map.entry(Pattern.compile("(?i)\\b(?:police|constabulary|pc\\s+\\d+|ds\\s|dc\\s|officer in case|police\\.uk|mosovo|cid)\\b"), "police"),
            Map.entry(Pattern.compile("(?i)\\b(?:probation|offender manager|probation\\.gov)\\b"), "probation"),
            Map.entry(Pattern.compile("(?i)\\b(?:nhs|gp|surgery|medical practice|health centre|health visit(?:or|ing)|hospital|midwife|midwifery|"
                    + "school nurse|paediatric|a&e|emergency department|camhs|nhs\\.net|nhs\\.uk|clinic)\\b"), "health"),
            Map.entry(Pattern.compile("(?i)\\b(?:school|academy|college|nursery|dsl|designated safeguarding lead|head ?teacher|sch\\.uk|"
                    + "pupil|education)\\b"), "education"),
            Map.entry(Pattern.compile("(?i)\\b(?:housing|homes|tenancy|landlord|housing officer)\\b"), "housing"),
            Map.entry(Pattern.compile("(?i)\\b(?:children's services|childrens services|social care|social work(?:er)?|mash|"
                    + "early help|safeguarding unit|child protection chair|county council|borough council|city council)\\b"), "social_care"));

    private static String agencyKeyword(String text) {
        if (text == null) {
            return null;
        }
        for (Map.Entry<Pattern, String> e : AGENCY_WORDS) {
            if (e.getKey().matcher(text).find()) {
                return e.getValue();
            }
        }
        return null;
    }

    private static String agencyOf(String organisation, String creator, String all) {
        String a = agencyKeyword(organisation);
        if (a == null) {
            a = agencyKeyword(creator);
        }
        return a == null ? "other" : a;
    }

    private static Map<String, String> relativeLabels() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String s : List.of("mother", "mum", "birth mother", "mother's name", "mothers name", "name of mother")) {
            m.put(s, "mother");
        }
        for (String s : List.of("father", "dad", "birth father", "father's name", "fathers name", "name of father")) {
            m.put(s, "father");
        }
        for (String s : List.of("stepfather", "step father", "stepdad", "step dad", "stepmother", "step mother", "carer",
                "main carer", "guardian", "kinship carer", "foster carer")) {
            m.put(s, "carer");
        }
        for (String s : List.of("parent", "parents", "parent/carer", "parent / carer", "parents/carers", "parent(s)/carer(s)",
                "parent/carers", "parent or carer", "parents / carers", "person with parental responsibility")) {
            m.put(s, "parent");
        }
        for (String s : List.of("sibling", "siblings", "sibling(s)", "brother", "sister", "half-brother", "half-sister",
                "halfbrother", "halfsister", "other children in household", "other children")) {
            m.put(s, "sibling");
        }
        for (String s : List.of("alleged perpetrator", "perpetrator", "alleged abuser", "person alleged to have caused harm",
                "person of concern", "suspect", "alleged offender")) {
            m.put(s, "perpetrator");
        }
        for (String s : List.of("mother's partner", "mum's partner", "partner", "mothers partner", "mums partner")) {
            m.put(s, "partner");
        }
        m.put("grandmother", "household_member");
        m.put("grandfather", "household_member");
        return Map.copyOf(m);
    }
}
