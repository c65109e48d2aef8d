package org.tessera.indexer.ingest.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.tessera.indexer.events.EventIndexFields;
import org.tessera.indexer.ingest.InvolvedPerson;
import org.tessera.indexer.ingest.PartialDate;
import org.tessera.indexer.ingest.SourceRecord;
import org.tessera.indexer.nlp.EntityMention;
import org.tessera.indexer.nlp.analysis.TextAnalysis;
import org.tessera.indexer.nlp.context.ContextSpan;
import org.tessera.indexer.normalise.UkPostcode;
import org.tessera.indexer.opensearch.EngineJson;

/**
 * Turns a canonical record, the people it was linked to and the analysis of its text into the
 * {@code events} document (see mappings/indices/events.json), without its hits and its
 * {@code content_hash}: the {@link EventSink} hashes the document once the stages have added the
 * hits (over everything but the ingest time, so an unchanged record is never rewritten).
 * Stateless and thread-safe.
 */
final class EventDocumentBuilder {

    private static final ObjectMapper JSON = EngineJson.MAPPER;

    ObjectNode build(SourceRecord record, LinkedPeople people, TextAnalysis analysis) {
        ObjectNode event = JSON.createObjectNode();
        event.put(EventIndexFields.EVENT_ID, record.eventId());
        event.put(EventIndexFields.SOURCE, record.source());
        event.put(EventIndexFields.RECORD_ID, record.recordId());
        event.put(EventIndexFields.AGENCY, record.agency());
        event.put(EventIndexFields.RECORD_TYPE, record.recordType());
        LocalDate date = null;
        if (record.eventDate() != null) {
            PartialDate d = record.eventDate();
            event.put(EventIndexFields.EVENT_DATE, d.precision() == PartialDate.Precision.DATE_TIME ? d.toString() : d.earliest().toLocalDate().toString());
            event.put(EventIndexFields.EVENT_DATE_PRECISION, d.precision().name().toLowerCase(Locale.ROOT));
            date = d.earliest().toLocalDate();
        }
        if (record.title() != null) {
            event.put(EventIndexFields.TITLE, record.title());
        }
        if (record.text() != null && !record.text().isBlank()) {
            event.put(EventIndexFields.TEXT, record.text());
        }
        if (record.origin().file() != null && record.recordType().equals("document")) {
            event.putObject(EventIndexFields.Document.PATH).put(EventIndexFields.Document.FILE_NAME, fileName(record.origin().file()));
        }
        if (!record.codes().isEmpty()) {
            ObjectNode codes = event.putObject(EventIndexFields.CODES);
            for (Map.Entry<String, String> code : record.codes().entrySet()) {
                putCode(codes, code.getKey(), code.getValue());
            }
        }
        if (record.location() != null && !record.location().isEmpty()) {
            ObjectNode location = event.putObject(EventIndexFields.Location.PATH);
            if (record.location().address() != null) {
                location.put(EventIndexFields.Location.ADDRESS, record.location().address());
            }
            Optional<UkPostcode> postcode = Optional.ofNullable(record.location().postcode()).flatMap(UkPostcode::parse);
            postcode.ifPresent(p -> location.put(EventIndexFields.Location.POSTCODE, p.formatted()).put(EventIndexFields.Location.POSTCODE_DISTRICT, p.district()));
        }

        ArrayNode peopleNode = event.putArray(EventIndexFields.People.PATH);
        Set<String> personIds = new LinkedHashSet<>();
        Set<String> childIds = new LinkedHashSet<>();
        Set<String> households = new TreeSet<>();
        Double youngest = null;
        Double subjectAge = null;
        List<InvolvedPerson> involved = record.people();
        for (int slot = 0; slot < involved.size(); slot++) {
            InvolvedPerson person = involved.get(slot);
            if (!person.hasIdentity()) {
                continue;
            }
            String personId = people.personId(record.occurrenceId(slot));
            ObjectNode node = peopleNode.addObject();
            node.put(EventIndexFields.People.PERSON_ID, personId).put(EventIndexFields.People.SLOT, slot).put(EventIndexFields.People.ROLE, person.role());
            String name = displayName(person);
            if (!name.isEmpty()) {
                node.put(EventIndexFields.People.NAME, name);
            }
            if (person.dateOfBirth() != null) {
                node.put(EventIndexFields.People.DATE_OF_BIRTH, person.dateOfBirth().toString());
            }
            if (person.gender() != null) {
                node.put(EventIndexFields.People.GENDER, person.gender());
            }
            Optional.ofNullable(person.postcode()).flatMap(UkPostcode::parse).ifPresent(p -> node.put(EventIndexFields.People.POSTCODE, p.formatted()));
            Optional<Double> age = people.ageAt(personId, date);
            boolean child = age.map(a -> a < LinkedPeople.ADULT_AGE && a > -1).orElse(false);
            age.ifPresent(a -> node.put(EventIndexFields.People.AGE_YEARS, Math.round(a * 10) / 10.0));
            node.put(EventIndexFields.People.IS_CHILD, child);
            Optional<String> household = people.householdAt(personId, person, date);
            household.ifPresent(h -> {
                node.put(EventIndexFields.People.HOUSEHOLD_ID, h);
                households.add(h);
            });
            personIds.add(personId);
            if (child) {
                childIds.add(personId);
                youngest = youngest == null ? age.get() : Math.min(youngest, age.get());
            }
            if (subjectAge == null && age.isPresent() && ("subject".equals(person.role()) || "victim".equals(person.role()))) {
                subjectAge = age.get();
            }
        }
        personIds.forEach(event.putArray(EventIndexFields.PERSON_IDS)::add);
        childIds.forEach(event.putArray(EventIndexFields.CHILD_IDS)::add);
        households.forEach(event.putArray(EventIndexFields.HOUSEHOLD_IDS)::add);
        if (youngest != null) {
            event.put(EventIndexFields.YOUNGEST_CHILD_AGE, Math.round(youngest * 10) / 10.0);
        }
        if (subjectAge != null) {
            event.put(EventIndexFields.SUBJECT_AGE, Math.round(subjectAge * 10) / 10.0);
        }
        if (analysis != null) {
            addAnalysis(event, analysis);
        }
        return event;
    }

    private static void addAnalysis(ObjectNode event, TextAnalysis analysis) {
        if (!analysis.entities().isEmpty()) {
            ArrayNode entities = event.putArray(EventIndexFields.Entities.PATH);
            ObjectNode names = JSON.createObjectNode();
            for (EntityMention mention : analysis.entities()) {
                String type = mention.type().name().toLowerCase(Locale.ROOT);
                entities.addObject().put(EventIndexFields.Entities.TYPE, type).put(EventIndexFields.Entities.TEXT, mention.text())
                        .put(EventIndexFields.Entities.START, mention.start()).put(EventIndexFields.Entities.END, mention.end());
                if (Set.of("person", "location", "organisation", "date").contains(type)) {
                    ArrayNode list = names.has(type) ? (ArrayNode) names.get(type) : names.putArray(type);
                    boolean seen = false;
                    for (var existing : list) {
                        seen |= existing.asText().equalsIgnoreCase(mention.text());
                    }
                    if (!seen) {
                        list.add(mention.text());
                    }
                }
            }
            if (!names.isEmpty()) {
                event.set(EventIndexFields.Entities.NAMES, names);
            }
        }
        if (!analysis.contexts().isEmpty()) {
            ArrayNode contexts = event.putArray(EventIndexFields.Contexts.PATH);
            for (ContextSpan span : analysis.contexts()) {
                contexts.addObject().put(EventIndexFields.Contexts.START, span.start()).put(EventIndexFields.Contexts.END, span.end())
                        .put(EventIndexFields.Contexts.NEGATED, span.negated())
                        .put(EventIndexFields.Contexts.UNCERTAIN, span.uncertain()).put(EventIndexFields.Contexts.HISTORICAL, span.historical())
                        .put(EventIndexFields.Contexts.HYPOTHETICAL, span.hypothetical())
                        .put(EventIndexFields.Contexts.EXPERIENCER, span.experiencer().name().toLowerCase(Locale.ROOT));
            }
        }
    }

    /** Numeric codes go to numeric fields where the mapping has them; anything unparsable stays out of them. */
    private static void putCode(ObjectNode codes, String name, String value) {
        switch (name) {
            case "dash_score", "unauthorised_sessions", "previous_cp_plans" -> {
                try {
                    codes.put(name, Integer.parseInt(value.trim()));
                } catch (NumberFormatException e) {
                    codes.put(name + "_text", value);
                }
            }
            case "attendance_pct", "arrears_amount" -> {
                try {
                    codes.put(name, Double.parseDouble(value.trim().replace("%", "").replace("£", "").replace(",", "")));
                } catch (NumberFormatException e) {
                    codes.put(name + "_text", value);
                }
            }
            case "assessment_factors", "flags" -> {
                ArrayNode list = codes.putArray(name);
                for (String part : value.split("[,;|\\s]+")) {
                    if (!part.isBlank()) {
                        list.add(part.trim());
                    }
                }
            }
            default -> codes.put(name, value);
        }
    }

    static String displayName(InvolvedPerson person) {
        StringBuilder name = new StringBuilder();
        if (person.givenNames() != null) {
            name.append(person.givenNames().trim());
        }
        if (person.familyName() != null) {
            if (!name.isEmpty()) {
                name.append(' ');
            }
            name.append(person.familyName().trim());
        }
        return name.toString();
    }

    private static String fileName(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }
}
