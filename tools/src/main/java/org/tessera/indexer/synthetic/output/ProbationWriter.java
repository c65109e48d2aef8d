package org.tessera.indexer.synthetic.output;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.tessera.indexer.synthetic.events.PlannedEvent;
import org.tessera.indexer.synthetic.events.PlannedEvent.Attr;
import org.tessera.indexer.synthetic.events.EventKind;
import org.tessera.indexer.synthetic.events.HouseholdPlan;
import org.tessera.indexer.synthetic.noise.NoiseProfile;
import org.tessera.indexer.synthetic.noise.PresentedIdentity;
import org.tessera.indexer.synthetic.notes.ComposedNote;
import org.tessera.indexer.synthetic.population.Address;
import org.tessera.indexer.synthetic.population.IdentifierGenerator;
import org.tessera.indexer.synthetic.population.Person;

/** Layout {@code probation_supervision}: pipe-separated, compact yyyyMMdd dates of birth, MAPPA fields. */
public final class ProbationWriter extends AgencyWriter {
    public static final String SOURCE = "probation_supervision";
    private static final DateTimeFormatter COMPACT = DateTimeFormatter.BASIC_ISO_DATE;
    private final DelimitedFile csv;

    public ProbationWriter(WriterContext ctx, Path dir) {
        super(ctx);
        csv = register(SOURCE, new DelimitedFile(dir.resolve("probation_supervision.csv"), StandardCharsets.UTF_8, '|',
                "contact_id", "crn", "surname", "first_name", "second_name", "date_of_birth", "pnc_number",
                "event_type", "event_date", "sentence_type", "supervision_end", "mappa_category", "mappa_level",
                "rosh", "risk_to_children", "address", "postcode", "om_name", "om_notes"));
        writes(EventKind.PROBATION_EVENT, this::supervisionEvent);
    }

    private void supervisionEvent(PlannedEvent e, HouseholdPlan plan, HouseholdState st, SplittableRandom rng) {
        Person p = e.subject();
        PresentedIdentity id = present(p, NoiseProfile.PROBATION, plan, rng);
        String recordId = "PC" + st.nextId(SOURCE, 8);
        String crn = IdentifierGenerator.crn(p.key());
        RecordedAddress ra = recordedAddress(plan, e.at().toLocalDate(), 90, 0.3, rng);
        Address a = ra.address();
        String mappa = e.attr(Attr.MAPPA);
        ComposedNote note = note(e, "probation", plan, rng, 1 + rng.nextInt(2));
        String dob = switch (id.dobPrecision()) {
            case FULL -> id.dob().format(COMPACT);
            case YEAR_MONTH -> String.valueOf(id.dob().getYear());
            case MISSING -> "";
        };
        csv.row(recordId, crn, id.family().toUpperCase(java.util.Locale.ROOT), id.given(), id.middle(), dob, p.pnc(),
                e.attr(Attr.TYPE), e.at().toLocalDate().format(UK_DATE), e.attr(Attr.CATEGORY),
                LocalDate.parse(e.attr(Attr.END)).format(UK_DATE), mappa, mappa.isEmpty() ? "" : "1",
                mappa.isEmpty() ? (rng.nextBoolean() ? "LOW" : "MEDIUM") : "HIGH", yn(!mappa.isEmpty()),
                a.line1() + ", " + a.town(), a.postcode(), worker(rng), note.text());
        subjectTruth(SOURCE, recordId, e, p, ra.noise(id.applied()), "om_notes", note);
    }
}
