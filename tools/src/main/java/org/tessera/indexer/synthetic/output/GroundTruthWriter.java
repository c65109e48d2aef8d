package org.tessera.indexer.synthetic.output;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.tessera.indexer.synthetic.events.PlannedEvent;
import org.tessera.indexer.synthetic.events.Trajectory;
import org.tessera.indexer.synthetic.notes.ComposedNote;
import org.tessera.indexer.synthetic.notes.Cue;
import org.tessera.indexer.synthetic.notes.CueMention;
import org.tessera.indexer.synthetic.notes.Span;
import org.tessera.indexer.synthetic.population.AddressSpell;
import org.tessera.indexer.synthetic.population.Household;
import org.tessera.indexer.synthetic.population.Person;

/**
 * Writes {@code OUT/ground-truth/}: the true identity behind every person occurrence, the planted
 * trajectories, the indicator each event was written for, and the distractor mentions that must
 * not trigger. Format documented in docs/synthetic-data.md. Streaming; not thread-safe.
 */
public final class GroundTruthWriter implements AutoCloseable {
    private final DelimitedFile persons;
    private final DelimitedFile households;
    private final DelimitedFile occurrences;
    private final DelimitedFile trajectories;
    private final DelimitedFile indicatorEvents;
    private final DelimitedFile distractors;
    private final DelimitedFile documents;
    private final BufferedWriter annotations;
    private long noisyOccurrences;

    public GroundTruthWriter(Path dir, boolean writeAnnotations) throws IOException {
        Files.createDirectories(dir);
        var utf8 = StandardCharsets.UTF_8;
        persons = new DelimitedFile(dir.resolve("persons.csv"), utf8, ',', "person_id", "household_id", "household_role",
                "given_name", "middle_name", "family_name", "birth_family_name", "sex", "date_of_birth", "nhs_number",
                "upn", "pnc", "joined", "left");
        households = new DelimitedFile(dir.resolve("addresses.csv"), utf8, ',', "household_id", "from", "address", "town",
                "postcode", "tenure");
        occurrences = new DelimitedFile(dir.resolve("occurrences.csv"), utf8, ',', "source", "record_id", "slot", "role",
                "person_id", "noise");
        trajectories = new DelimitedFile(dir.resolve("trajectories.csv"), utf8, ',', "trajectory_id", "kind", "theme",
                "child_person_id", "start", "end");
        indicatorEvents = new DelimitedFile(dir.resolve("indicator_events.csv"), utf8, ',', "source", "record_id", "event_date",
                "subject_person_id", "indicator_id", "origin", "trajectory_id", "text_column", "cue_start", "cue_end",
                "cue_phrase");
        distractors = new DelimitedFile(dir.resolve("distractor_mentions.csv"), utf8, ',', "source", "record_id", "event_date",
                "subject_person_id", "indicator_id", "cue", "text_column", "cue_start", "cue_end", "cue_phrase",
                "trajectory_id");
        documents = new DelimitedFile(dir.resolve("documents.csv"), utf8, ',', "path", "format", "has_sidecar", "source",
                "record_id", "subject_person_id", "indicator_id");
        annotations = writeAnnotations ? Files.newBufferedWriter(dir.resolve("note_annotations.jsonl")) : null;
    }

    public void household(Household hh) {
        for (Person p : hh.members()) {
            persons.row(p.id(), hh.id(), p.role().name().toLowerCase(), p.givenName(), p.middleName(), p.familyName(),
                    p.birthFamilyName(), p.sex().code(), p.dateOfBirth().toString(), p.nhsNumber(), p.upn(), p.pnc(),
                    str(p.joined()), str(p.left()));
        }
        for (AddressSpell s : hh.addresses()) {
            households.row(hh.id(), s.from().toString(), s.address().line1(), s.address().town(),
                    s.address().postcode(), s.tenure().name().toLowerCase());
        }
    }

    public void trajectory(Trajectory t) {
        trajectories.row(t.id(), t.kind().name().toLowerCase(), t.theme(), t.child().id(), t.start().toString(),
                t.end().toString());
    }

    public void occurrence(String source, String recordId, int slot, String role, Person p, List<String> noise) {
        if (!noise.isEmpty()) {
            noisyOccurrences++;
        }
        occurrences.row(source, recordId, String.valueOf(slot), role, p.id(), String.join(";", noise));
    }

    /**
     * The indicator this record was written for (if any) and every cue phrase its note holds.
     * {@code note} may be null for structured-only records.
     */
    public void record(String source, String recordId, PlannedEvent e, String column, ComposedNote note) {
        String date = e.at().toLocalDate().toString();
        String subject = e.subject().id();
        if (e.indicatorId() != null) {
            CueMention cue = note == null ? null : note.cues().stream()
                    .filter(c -> c.cue() == Cue.AFFIRMED && c.indicatorId().equals(e.indicatorId())).findFirst()
                    .orElse(null);
            indicatorEvents.row(source, recordId, date, subject, e.indicatorId(),
                    e.planted() ? "trajectory" : "background", e.trajectoryId(), cue == null ? "" : column,
                    cue == null ? "" : String.valueOf(cue.start()), cue == null ? "" : String.valueOf(cue.end()),
                    cue == null ? "" : cue.phrase());
        }
        if (note == null) {
            return;
        }
        for (CueMention c : note.cues()) {
            if (c.cue() != Cue.AFFIRMED) {
                distractors.row(source, recordId, date, subject, c.indicatorId(), c.cue().label(), column,
                        String.valueOf(c.start()), String.valueOf(c.end()), c.phrase(), e.trajectoryId());
            } else if (!c.indicatorId().equals(e.indicatorId())) {
                // A second affirmed indicator in the same note (e.g. PAR14 alongside PAR01).
                indicatorEvents.row(source, recordId, date, subject, c.indicatorId(),
                        e.planted() ? "trajectory" : "background", e.trajectoryId(), column,
                        String.valueOf(c.start()), String.valueOf(c.end()), c.phrase());
            }
        }
        if (annotations != null) {
            StringBuilder b = new StringBuilder(note.text().length() + 200);
            b.append("{\"source\":").append(JsonString.str(source)).append(",\"record_id\":").append(JsonString.str(recordId))
                    .append(",\"column\":").append(JsonString.str(column)).append(",\"text\":").append(JsonString.str(note.text()))
                    .append(",\"spans\":[");
            for (int i = 0; i < note.spans().size(); i++) {
                Span s = note.spans().get(i);
                b.append(i == 0 ? "" : ",").append("{\"start\":").append(s.start()).append(",\"end\":").append(s.end())
                        .append(",\"type\":\"").append(s.type()).append("\"}");
            }
            b.append("]}\n");
            try {
                annotations.write(b.toString());
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
    }

    public void document(String path, String format, boolean sidecar, String source, String recordId, PlannedEvent e) {
        documents.row(path, format, String.valueOf(sidecar), source, recordId, e.subject().id(),
                e.indicatorId() == null ? "" : e.indicatorId());
    }

    public long occurrenceCount() {
        return occurrences.rows();
    }

    public long noisyOccurrenceCount() {
        return noisyOccurrences;
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }

    @Override
    public void close() throws IOException {
        for (DelimitedFile c : List.of(persons, households, occurrences, trajectories, indicatorEvents, distractors, documents)) {
            c.close();
        }
        if (annotations != null) {
            annotations.close();
        }
    }
}
