package org.tessera.indexer.ingest.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.codec.language.DoubleMetaphone;
import org.tessera.indexer.households.HouseholdTimeline;
import org.tessera.indexer.ingest.Ids;
import org.tessera.indexer.ingest.InvolvedPerson;
import org.tessera.indexer.ingest.PartialDate;
import org.tessera.indexer.normalise.CheckedIdentifier;
import org.tessera.indexer.normalise.Names;
import org.tessera.indexer.normalise.Nicknames;
import org.tessera.indexer.normalise.UkPostcode;
import org.tessera.indexer.opensearch.EngineJson;

/**
 * Everything the sources say about one linked person, gathered occurrence by occurrence and
 * written as one {@code persons} document: the most used name plus every variant (for search),
 * phonetic codes and nickname groups (typo- and nickname-tolerant search without an analysis
 * plugin), trusted identifiers, the address history, households, relations and where the person
 * was seen. Not thread-safe.
 */
final class PersonProfile {

    private static final ObjectMapper JSON = EngineJson.MAPPER;
    private static final DoubleMetaphone METAPHONE = new DoubleMetaphone();

    private final String personId;
    private final Map<String, Integer> givenNames = new TreeMap<>();
    private final Map<String, Integer> familyNames = new TreeMap<>();
    private final Set<String> otherNames = new TreeSet<>();
    /** Per normalised name, the spellings it was written in ({@link Names#display}) and how often. */
    private final Map<String, Map<String, Integer>> spellings = new TreeMap<>();
    private final Set<String> birthDates = new TreeSet<>();
    private final Map<String, Integer> genders = new TreeMap<>();
    private final Map<String, Set<String>> identifiers = new TreeMap<>();
    private final Set<String> sources = new TreeSet<>();
    private final Set<String> agencies = new TreeSet<>();
    private final Map<String, Map<String, Integer>> relations = new TreeMap<>();
    private int occurrences;
    private LocalDate firstSeen;
    private LocalDate lastSeen;
    private boolean everChild;

    private final NameForms names;

    PersonProfile(String personId) {
        this(personId, new NameForms());
    }

    /** @param names the run's memo of name forms, shared by the profiles one thread builds */
    PersonProfile(String personId, NameForms names) {
        this.personId = personId;
        this.names = names;
    }

    /**
     * The normalised key ({@link Names#normalise}) and the display spelling ({@link Names#display})
     * of each raw name, computed once per distinct name: a run sees the same few thousand names on
     * tens of thousands of records, and the two regular-expression passes per name were most of the
     * cost of gathering the profiles. Not thread-safe: one per producing thread.
     */
    static final class NameForms {
        private final Map<String, String[]> forms = new java.util.HashMap<>();

        String key(String raw) {
            return of(raw)[0];
        }

        String display(String raw) {
            return of(raw)[1];
        }

        private String[] of(String raw) {
            return forms.computeIfAbsent(raw, r -> new String[] {Names.normalise(r), Names.display(r)});
        }
    }

    /** Whether any record showed this person as a child (only children are scored). */
    boolean everChild() {
        return everChild;
    }

    void add(InvolvedPerson person, String source, String agency, LocalDate date, boolean childThen) {
        occurrences++;
        count(givenNames, person.givenNames());
        count(familyNames, person.familyName());
        for (String other : person.otherNames()) {
            String key = names.key(other);
            if (key != null) {
                otherNames.add(key);
                spell(key, other);
            }
        }
        if (person.dateOfBirth() != null) {
            birthDates.add(person.dateOfBirth().toString().substring(0, Math.min(10, person.dateOfBirth().toString().length())));
        }
        if (person.gender() != null) {
            genders.merge(person.gender().toLowerCase(Locale.ROOT), 1, Integer::sum);
        }
        person.identifiers().forEach((scheme, raw) -> {
            CheckedIdentifier checked = CheckedIdentifier.check(scheme, raw);
            if (checked.trusted()) {
                String field = switch (scheme) {
                    case "nhs_number", "upn", "pnc" -> scheme;
                    default -> "source_ids";
                };
                identifiers.computeIfAbsent(field, k -> new TreeSet<>())
                        .add(field.equals("source_ids") ? source + ":" + checked.value() : checked.value());
            }
        });
        sources.add(source);
        agencies.add(agency);
        if (date != null) {
            firstSeen = firstSeen == null || date.isBefore(firstSeen) ? date : firstSeen;
            lastSeen = lastSeen == null || date.isAfter(lastSeen) ? date : lastSeen;
        }
        everChild |= childThen;
    }

    /** A relation seen in a record, e.g. this person is the {@code mother} of {@code other}. */
    void relate(String otherPersonId, String relation) {
        if (!otherPersonId.equals(personId)) {
            // Counted, not first-come: the records of a run arrive mixed, and the document must not
            // depend on their order.
            relations.computeIfAbsent(otherPersonId, k -> new TreeMap<>()).merge(relation == null ? "" : relation, 1, Integer::sum);
        }
    }

    ObjectNode toDocument(HouseholdTimeline timeline, Optional<PartialDate> birthDate, Nicknames nicknames) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("person_id", personId);
        doc.put("is_child", everChild);
        String given = mostUsed(givenNames);
        String family = mostUsed(familyNames);
        // Shown as most often written ("Zoë", "محمد"); matched on the folded key.
        String givenShown = given == null ? null : shown(given);
        String familyShown = family == null ? null : shown(family);
        if (given != null) {
            doc.put("given_names", titleCase(givenShown));
        }
        if (family != null) {
            doc.put("family_name", titleCase(familyShown));
        }
        doc.put("full_name", titleCase(((givenShown == null ? "" : givenShown) + " " + (familyShown == null ? "" : familyShown)).trim()));
        Set<String> allNames = new TreeSet<>();
        allNames.addAll(givenNames.keySet());
        allNames.addAll(familyNames.keySet());
        allNames.addAll(otherNames);
        Set<String> allShown = new TreeSet<>();
        for (String n : allNames) {
            allShown.add(titleCase(n));
            spellings.getOrDefault(n, Map.of()).keySet().forEach(spelling -> allShown.add(titleCase(spelling)));
        }
        ArrayNode all = doc.putArray("all_names");
        allShown.forEach(all::add);
        Set<String> phonetic = new TreeSet<>();
        Set<String> variants = new TreeSet<>();
        for (String name : allNames) {
            for (String part : Names.parts(name)) {
                String code = METAPHONE.doubleMetaphone(part);
                if (code != null && !code.isEmpty()) {
                    phonetic.add(code);
                }
                variants.add(part);
                variants.addAll(nicknames.groups(part));
            }
        }
        phonetic.forEach(doc.putArray("name_phonetic")::add);
        variants.forEach(doc.putArray("name_variants")::add);
        birthDate.ifPresent(dob -> {
            String iso = dob.toString();
            doc.put("date_of_birth", iso.length() > 10 ? iso.substring(0, 10) : iso);
            doc.put("birth_year", dob.year());
        });
        birthDates.forEach(doc.putArray("dob_text")::add);
        String gender = mostUsed(genders);
        if (gender != null) {
            doc.put("gender", gender);
        }
        ObjectNode ids = doc.putObject("identifiers");
        identifiers.forEach((field, values) -> values.forEach(ids.withArray(field)::add));
        ArrayNode addresses = doc.putArray("addresses");
        Set<String> postcodes = new TreeSet<>();
        Set<String> districts = new TreeSet<>();
        Set<String> households = new TreeSet<>();
        StringBuilder addressText = new StringBuilder();
        for (HouseholdTimeline.Stay stay : timeline.stays()) {
            ObjectNode node = addresses.addObject();
            if (stay.address() != null) {
                node.put("address", stay.address());
                addressText.append(stay.address()).append(' ');
            }
            Optional.ofNullable(stay.postcode()).flatMap(UkPostcode::parse).ifPresent(p -> {
                node.put("postcode", p.formatted()).put("postcode_district", p.district());
                postcodes.add(p.formatted());
                districts.add(p.district());
            });
            node.put("from", stay.from().toString());
            if (stay.until() != null) {
                node.put("to", stay.until().toString());
            }
            households.add(stay.householdId());
        }
        if (!addressText.isEmpty()) {
            doc.put("address_text", addressText.toString().trim());
        }
        postcodes.forEach(doc.putArray("postcodes")::add);
        districts.forEach(doc.putArray("postcode_districts")::add);
        households.forEach(doc.putArray("household_ids")::add);
        ArrayNode rel = doc.putArray("relations");
        relations.forEach((other, seen) -> {
            String relation = mostUsed(seen);
            rel.addObject().put("person_id", other).put("relation", relation.isEmpty() ? null : relation);
        });
        sources.forEach(doc.putArray("sources")::add);
        agencies.forEach(doc.putArray("agencies")::add);
        doc.put("occurrence_count", occurrences);
        if (firstSeen != null) {
            doc.put("first_seen", firstSeen.toString());
            doc.put("last_seen", lastSeen.toString());
        }
        doc.put("content_hash", Ids.sha256Hex(doc.toString()));
        return doc;
    }

    private static String mostUsed(Map<String, Integer> counts) {
        String best = null;
        int bestCount = 0;
        for (Map.Entry<String, Integer> entry : counts.entrySet()) {
            if (entry.getValue() > bestCount) {
                best = entry.getKey();
                bestCount = entry.getValue();
            }
        }
        return best;
    }

    static String titleCase(String name) {
        StringBuilder out = new StringBuilder(name.length());
        boolean start = true;
        for (char c : name.toCharArray()) {
            out.append(start ? Character.toUpperCase(c) : c);
            start = c == ' ' || c == '-' || c == '\'';
        }
        return out.toString();
    }

    private void count(Map<String, Integer> counts, String rawName) {
        String name = rawName == null ? null : names.key(rawName);
        if (name != null) {
            counts.merge(name, 1, Integer::sum);
            spell(name, rawName);
        }
    }

    private void spell(String key, String rawName) {
        String display = names.display(rawName);
        if (display != null) {
            spellings.computeIfAbsent(key, k -> new TreeMap<>()).merge(display, 1, Integer::sum);
        }
    }

    /** The spelling a normalised name was most often written in. */
    private String shown(String key) {
        String best = mostUsed(spellings.getOrDefault(key, Map.of()));
        return best == null ? key : best;
    }
}
