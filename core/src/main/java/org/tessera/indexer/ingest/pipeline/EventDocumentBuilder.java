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
import org.tessera.indexer.ingest.InvolvedPerson;
import org.tessera.indexer.ingest.PartialDate;
import org.tessera.indexer.ingest.SourceRecord;
import org.tessera.indexer.nlp.EntityMention;
import org.tessera.indexer.nlp.analysis.TextAnalysis;
import org.tessera.indexer.nlp.context.ContextSpan;
import org.tessera.indexer.normalise.UkPostcode;

/**
 * Turns a canonical record, the people it was linked to and the analysis of its text into the
 * {@code events} document (see mappings/indices/events.json), without its hits and its
 * {@code content_hash}: the {@link EventSink} hashes the document once the stages have added the
 * hits (over everything but the ingest time, so an unchanged record is never rewritten).
 * Stateless and thread-safe.
 */
final class EventDocumentBuilder {

    private static final ObjectMapper JSON = new ObjectMapper();

    ObjectNode build(SourceRecord record, LinkedPeople people, TextAnalysis analysis) {
        ObjectNode event = JSON.createObjectNode();
        event.put("event_id", record.eventId());
        event.put("source", record.source());
        event.put("record_id", record.recordId());
        event.put("agency", record.agency());
        event.put("record_type", record.recordType());
        LocalDate date = null;
        if (record.eventDate() != null) {
            PartialDate d = record.eventDate();
            event.put("event_date", d.precision() == PartialDate.Precision.DATE_TIME ? d.toString() : d.earliest().toLocalDate().toString());
            event.put("event_date_precision", d.precision().name().toLowerCase(Locale.ROOT));
            date = d.earliest().toLocalDate();
        }
        if (record.title() != null) {
            event.put("title", record.title());
        }
        if (record.text() != null && !record.text().isBlank()) {
            event.put("text", record.text());
        }
        if (record.origin().file() != null && record.recordType().equals("document")) {
            event.putObject("document").put("file_name", fileName(record.origin().file()));
        }
        if (!record.codes().isEmpty()) {
            ObjectNode codes = event.putObject("codes");
            for (Map.Entry<String, String> code : record.codes().entrySet()) {
                putCode(codes, code.getKey(), code.getValue());
            }
        }
        if (record.location() != null && !record.location().isEmpty()) {
            ObjectNode location = event.putObject("location");
            if (record.location().address() != null) {
                location.put("address", record.location().address());
            }
            Optional<UkPostcode> postcode = Optional.ofNullable(record.location().postcode()).flatMap(UkPostcode::parse);
            postcode.ifPresent(p -> location.put("postcode", p.formatted()).put("postcode_district", p.district()));
        }

        ArrayNode peopleNode = event.putArray("people");
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
            node.put("person_id", personId).put("slot", slot).put("role", person.role());
            String name = displayName(person);
            if (!name.isEmpty()) {
                node.put("name", name);
            }
            if (person.dateOfBirth() != null) {
                node.put("date_of_birth", person.dateOfBirth().toString());
            }
            if (person.gender() != null) {
                node.put("gender", person.gender());
            }
            Optional.ofNullable(person.postcode()).flatMap(UkPostcode::parse).ifPresent(p -> node.put("postcode", p.formatted()));
            Optional<Double> age = people.ageAt(personId, date);
            boolean child = age.map(a -> a < LinkedPeople.ADULT_AGE && a > -1).orElse(false);
            age.ifPresent(a -> node.put("age_years", Math.round(a * 10) / 10.0));
            node.put("is_child", child);
            Optional<String> household = people.householdAt(personId, person, date);
            household.ifPresent(h -> {
                node.put("household_id", h);
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
        personIds.forEach(event.putArray("person_ids")::add);
        childIds.forEach(event.putArray("child_ids")::add);
        households.forEach(event.putArray("household_ids")::add);
        if (youngest != null) {
            event.put("youngest_child_age", Math.round(youngest * 10) / 10.0);
        }
        if (subjectAge != null) {
            event.put("subject_age", Math.round(subjectAge * 10) / 10.0);
        }
        if (analysis != null) {
            addAnalysis(event, analysis);
        }
        return event;
    }

    private static void addAnalysis(ObjectNode event, TextAnalysis analysis) {
        if (!analysis.entities().isEmpty()) {
            ArrayNode entities = event.putArray("entities");
            ObjectNode names = JSON.createObjectNode();
            for (EntityMention mention : analysis.entities()) {
                String type = mention.type().name().toLowerCase(Locale.ROOT);
                entities.addObject().put("type", type).put("text", mention.text()).put("start", mention.start()).put("end", mention.end());
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
                event.set("entity_names", names);
            }
        }
        if (!analysis.contexts().isEmpty()) {
            ArrayNode contexts = event.putArray("contexts");
            for (ContextSpan span : analysis.contexts()) {
                contexts.addObject().put("start", span.start()).put("end", span.end()).put("negated", span.negated())
                        .put("uncertain", span.uncertain()).put("historical", span.historical())
                        .put("hypothetical", span.hypothetical())
                        .put("experiencer", span.experiencer().name().toLowerCase(Locale.ROOT));
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
