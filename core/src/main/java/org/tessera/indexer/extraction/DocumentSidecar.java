package org.tessera.indexer.extraction;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.tessera.indexer.ingest.InvolvedPerson;
import org.tessera.indexer.ingest.Origin;
import org.tessera.indexer.ingest.PartialDate;
import org.tessera.indexer.ingest.SourceRecord;
import org.tessera.indexer.ingest.Vocabulary;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code NAME.EXT.meta.json} file describing a document as a record (see
 * docs/source-mappings.md, "Documents"). Unknown keys are rejected so typos surface.
 */
public record DocumentSidecar(String source, @JsonProperty("record_id") String recordId, String agency,
                              @JsonProperty("record_type") String recordType, @JsonProperty("event_date") String eventDate,
                              String title, List<Person> people) {

    public DocumentSidecar {
        people = people == null ? List.of() : List.copyOf(people);
    }

    public record Person(String role, @JsonProperty("given_names") String givenNames,
                         @JsonProperty("family_name") String familyName,
                         @JsonProperty("full_name") String fullName,
                         @JsonProperty("date_of_birth") String dateOfBirth, String gender, String address,
                         String postcode, Map<String, String> identifiers) {}

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Reads and checks a sidecar; the exception message names the problem. */
    public static DocumentSidecar read(Path file) throws IOException {
        DocumentSidecar s = JSON.readValue(file.toFile(), DocumentSidecar.class);
        List<String> problems = new ArrayList<>();
        if (s.source == null || !Vocabulary.SNAKE.matcher(s.source).matches()) problems.add("source must be lowercase_snake");
        if (s.recordId == null || s.recordId.isBlank()) problems.add("record_id is required");
        if (s.agency == null || !Vocabulary.AGENCIES.contains(s.agency)) problems.add("agency must be one of " + Vocabulary.AGENCIES);
        if (s.eventDate != null) {
            try { PartialDate.parse(s.eventDate); } catch (RuntimeException e) { problems.add("event_date is not yyyy-MM-dd: " + s.eventDate); }
        }
        for (Person p : s.people) {
            if (p.role != null && !Vocabulary.ROLES.contains(p.role)) problems.add("unknown role " + p.role);
            if (p.dateOfBirth != null) {
                try { PartialDate.parse(p.dateOfBirth); } catch (RuntimeException e) { problems.add("date_of_birth is not yyyy-MM-dd: " + p.dateOfBirth); }
            }
        }
        if (!problems.isEmpty()) throw new IOException(file.getFileName() + ": " + String.join("; ", problems));
        return s;
    }

    /** The document as a canonical record (record type defaults to {@code document}). */
    public SourceRecord toRecord(String text, String documentFile) {
        List<InvolvedPerson> ps = new ArrayList<>();
        for (Person p : people) {
            String given = p.givenNames, family = p.familyName;
            if (p.fullName != null && given == null && family == null) {
                int sp = p.fullName.trim().lastIndexOf(' ');
                given = sp < 0 ? null : p.fullName.trim().substring(0, sp);
                family = sp < 0 ? p.fullName.trim() : p.fullName.trim().substring(sp + 1);
            }
            ps.add(new InvolvedPerson(p.role == null ? "subject" : p.role, given, family, List.of(),
                    p.dateOfBirth == null ? null : PartialDate.parse(p.dateOfBirth), p.gender, p.address, p.postcode, p.identifiers));
        }
        return new SourceRecord(source, recordId, agency, recordType == null ? "document" : recordType,
                eventDate == null ? null : PartialDate.parse(eventDate), title, text, Map.of(), null, ps, new Origin(documentFile, 0, 0));
    }
}
