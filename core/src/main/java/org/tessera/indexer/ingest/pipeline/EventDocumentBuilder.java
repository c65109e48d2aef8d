package org.tessera.indexer.ingest.pipeline;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.tessera.indexer.events.Event;
import org.tessera.indexer.events.EventCode;
import org.tessera.indexer.events.EventContext;
import org.tessera.indexer.events.EventDate;
import org.tessera.indexer.events.EventEntity;
import org.tessera.indexer.events.EventPerson;
import org.tessera.indexer.events.EventPlace;
import org.tessera.indexer.events.SourceDocument;
import org.tessera.indexer.ingest.InvolvedPerson;
import org.tessera.indexer.ingest.PartialDate;
import org.tessera.indexer.ingest.SourceRecord;
import org.tessera.indexer.nlp.EntityMention;
import org.tessera.indexer.nlp.analysis.TextAnalysis;
import org.tessera.indexer.nlp.context.ContextSpan;
import org.tessera.indexer.normalise.UkPostcode;

/**
 * Turns a canonical record, the people it was linked to and the analysis of its text into an
 * {@link Event} (written as {@link Event#toDocument()}), without its hits and its content hash:
 * the {@link EventSink} percolates and hashes the document once the stages have added the hits
 * (over everything but the ingest time, so an unchanged record is never rewritten). Stateless and
 * thread-safe.
 */
final class EventDocumentBuilder {

    Event build(SourceRecord record, LinkedPeople people, TextAnalysis analysis) {
        Event.Builder event = Event.builder().eventId(record.eventId()).source(record.source()).recordId(record.recordId())
                .agency(record.agency()).recordType(record.recordType());
        LocalDate date = null;
        if (record.eventDate() != null) {
            PartialDate d = record.eventDate();
            event.date(new EventDate(d.precision() == PartialDate.Precision.DATE_TIME ? d.toString() : d.earliest().toLocalDate().toString(),
                    d.precision().name().toLowerCase(Locale.ROOT)));
            date = d.earliest().toLocalDate();
        }
        event.title(record.title());
        if (record.text() != null && !record.text().isBlank()) {
            event.text(record.text());
        }
        if (record.origin().file() != null && record.recordType().equals(Event.DOCUMENT_RECORD_TYPE)) {
            event.document(SourceDocument.ofFile(fileName(record.origin().file())));
        }
        if (!record.codes().isEmpty()) {
            Map<String, EventCode> codes = new LinkedHashMap<>();
            for (Map.Entry<String, String> code : record.codes().entrySet()) {
                putCode(codes, code.getKey(), code.getValue());
            }
            event.codes(codes);
        }
        if (record.location() != null && !record.location().isEmpty()) {
            Optional<UkPostcode> postcode = Optional.ofNullable(record.location().postcode()).flatMap(UkPostcode::parse);
            event.location(new EventPlace(record.location().address(), postcode.map(UkPostcode::formatted).orElse(null),
                    postcode.map(UkPostcode::district).orElse(null)));
        }

        List<EventPerson> eventPeople = new ArrayList<>();
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
            String name = displayName(person);
            Optional<Double> age = people.ageAt(personId, date);
            boolean child = age.map(a -> a < LinkedPeople.ADULT_AGE && a > -1).orElse(false);
            Optional<String> household = people.householdAt(personId, person, date);
            household.ifPresent(households::add);
            eventPeople.add(new EventPerson(personId, slot, person.role(), name.isEmpty() ? null : name,
                    person.dateOfBirth() == null ? null : person.dateOfBirth().toString(), age.map(a -> Math.round(a * 10) / 10.0).orElse(null),
                    person.gender(), child, Optional.ofNullable(person.postcode()).flatMap(UkPostcode::parse).map(UkPostcode::formatted).orElse(null),
                    household.orElse(null)));
            personIds.add(personId);
            if (child) {
                childIds.add(personId);
                youngest = youngest == null ? age.get() : Math.min(youngest, age.get());
            }
            if (subjectAge == null && age.isPresent() && ("subject".equals(person.role()) || "victim".equals(person.role()))) {
                subjectAge = age.get();
            }
        }
        event.people(eventPeople).personIds(List.copyOf(personIds)).childIds(List.copyOf(childIds)).householdIds(List.copyOf(households));
        if (youngest != null) {
            event.youngestChildAge(Math.round(youngest * 10) / 10.0);
        }
        if (subjectAge != null) {
            event.subjectAge(Math.round(subjectAge * 10) / 10.0);
        }
        if (analysis != null) {
            addAnalysis(event, analysis);
        }
        return event.build();
    }

    private static void addAnalysis(Event.Builder event, TextAnalysis analysis) {
        if (!analysis.entities().isEmpty()) {
            List<EventEntity> entities = new ArrayList<>(analysis.entities().size());
            Map<String, List<String>> names = new LinkedHashMap<>();
            for (EntityMention mention : analysis.entities()) {
                String type = mention.type().name().toLowerCase(Locale.ROOT);
                entities.add(new EventEntity(type, mention.text(), mention.start(), mention.end(), null));
                if (Event.NAMED_ENTITY_TYPES.contains(type)) {
                    List<String> list = names.computeIfAbsent(type, t -> new ArrayList<>());
                    boolean seen = false;
                    for (String existing : list) {
                        seen |= existing.equalsIgnoreCase(mention.text());
                    }
                    if (!seen) {
                        list.add(mention.text());
                    }
                }
            }
            event.entities(entities).entityNames(names);
        }
        if (!analysis.contexts().isEmpty()) {
            List<EventContext> contexts = new ArrayList<>(analysis.contexts().size());
            for (ContextSpan span : analysis.contexts()) {
                contexts.add(new EventContext(span.start(), span.end(), span.negated(), span.uncertain(), span.historical(),
                        span.hypothetical(), span.experiencer().name().toLowerCase(Locale.ROOT)));
            }
            event.contexts(contexts);
        }
    }

    /** Numeric codes go to numeric fields where the mapping has them; anything unparsable stays out of them. */
    private static void putCode(Map<String, EventCode> codes, String name, String value) {
        switch (name) {
            case "dash_score", "unauthorised_sessions", "previous_cp_plans" -> {
                try {
                    codes.put(name, new EventCode.Whole(Integer.parseInt(value.trim())));
                } catch (NumberFormatException e) {
                    codes.put(name + "_text", new EventCode.Text(value));
                }
            }
            case "attendance_pct", "arrears_amount" -> {
                try {
                    codes.put(name, new EventCode.Decimal(Double.parseDouble(value.trim().replace("%", "").replace("£", "").replace(",", ""))));
                } catch (NumberFormatException e) {
                    codes.put(name + "_text", new EventCode.Text(value));
                }
            }
            case "assessment_factors", "flags" -> {
                List<String> list = new ArrayList<>();
                for (String part : value.split("[,;|\\s]+")) {
                    if (!part.isBlank()) {
                        list.add(part.trim());
                    }
                }
                codes.put(name, new EventCode.Texts(list));
            }
            default -> {
                if (value != null) {
                    codes.put(name, new EventCode.Text(value));
                }
            }
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
