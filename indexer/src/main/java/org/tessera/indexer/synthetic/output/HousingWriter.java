package org.tessera.indexer.synthetic.output;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.tessera.indexer.synthetic.events.Event;
import org.tessera.indexer.synthetic.events.Event.Attr;
import org.tessera.indexer.synthetic.events.HouseholdPlan;
import org.tessera.indexer.synthetic.events.Involved;
import org.tessera.indexer.synthetic.noise.NoiseProfile;
import org.tessera.indexer.synthetic.noise.PresentedIdentity;
import org.tessera.indexer.synthetic.notes.ComposedNote;
import org.tessera.indexer.synthetic.population.Address;
import org.tessera.indexer.synthetic.population.Person;
import org.tessera.indexer.synthetic.population.Sex;

/**
 * Housing in windows-1252 (a legacy system): {@code housing_tenancy_events} with one full-name
 * column in varying styles, and {@code housing_homeless_applications} with applicant, partner
 * and up to four children per row, partial dates of birth kept.
 */
public final class HousingWriter extends AgencyWriter {
    public static final String TENANCY = "housing_tenancy_events";
    public static final String HOMELESS = "housing_homeless_applications";
    private static final Charset CP1252 = Charset.forName("windows-1252");
    private final Csv tenancy;
    private final Csv homeless;

    public HousingWriter(WriterContext ctx, Path dir) {
        super(ctx);
        tenancy = register(TENANCY, new Csv(dir.resolve("housing_tenancy_events.csv"), CP1252, ',', "event_id",
                "tenancy_ref", "tenant_name", "tenant_dob", "property_address", "postcode", "event_type", "event_date",
                "arrears_balance", "housing_officer", "notes"));
        List<String> h = new ArrayList<>(List.of("application_no", "applicant_name", "applicant_dob", "partner_name",
                "partner_dob"));
        for (int i = 1; i <= 4; i++) {
            h.add("child" + i + "_name");
            h.add("child" + i + "_dob");
        }
        h.addAll(List.of("last_settled_address", "postcode", "date_of_application", "reason", "duty",
                "temp_accommodation", "case_notes"));
        homeless = register(HOMELESS, new Csv(dir.resolve("housing_homeless_applications.csv"), CP1252, ',',
                h.toArray(String[]::new)));
    }

    @Override
    public boolean write(Event e, HouseholdPlan plan, HouseholdState st, SplittableRandom rng) {
        switch (e.kind()) {
            case HOUSING_EVENT -> tenancy(e, plan, st, rng);
            case HOMELESS_APPLICATION -> homeless(e, plan, st, rng);
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Full names as a housing system holds them: "Mrs Jane Smith", "SMITH, Jane", "Jane Smith". */
    static String fullName(PresentedIdentity id, Person p, SplittableRandom rng) {
        return switch (rng.nextInt(4)) {
            case 0 -> (p.sex() == Sex.MALE ? "Mr " : rng.nextBoolean() ? "Ms " : "Mrs ") + id.given() + " " + id.family();
            case 1 -> id.family().toUpperCase(Locale.ROOT) + ", " + id.given();
            default -> id.given() + " " + id.family();
        };
    }

    private void tenancy(Event e, HouseholdPlan plan, HouseholdState st, SplittableRandom rng) {
        Person t = e.subject();
        PresentedIdentity id = present(t, NoiseProfile.HOUSING, plan, rng);
        Address a = plan.household().addressOn(e.at().toLocalDate());
        String recordId = "HE" + st.nextId(TENANCY, 8);
        String tenancyRef = "T" + a.postcode().replace(" ", "") + "-" + Math.floorMod(a.line1().hashCode(), 1000);
        String type = e.attr(Attr.TYPE);
        ComposedNote note = note(e, "housing", plan, rng, 1);
        String text = switch (type) {
            case "ARREARS" -> "Rent account in arrears, letter sent. ";
            case "NOSP" -> "Notice of seeking possession served. ";
            case "EVICTION" -> "Warrant of possession executed, household evicted. ";
            case "ASB_COMPLAINT" -> "Complaint received from neighbour re noise. ";
            default -> "";
        };
        tenancy.row(recordId, tenancyRef, fullName(id, t, rng), dob(id, UK_DATE), a.line1() + ", " + a.town(),
                a.postcode(), type, e.at().toLocalDate().format(ISO_DATE), e.attr(Attr.REASON), worker(rng),
                text + note.text());
        ctx.truth().occurrence(TENANCY, recordId, 0, "subject", t, id.applied());
        ctx.truth().record(TENANCY, recordId, e, "notes", text.isEmpty() ? note : prefixed(text, note));
    }

    private void homeless(Event e, HouseholdPlan plan, HouseholdState st, SplittableRandom rng) {
        Person applicant = e.subject();
        PresentedIdentity id = present(applicant, NoiseProfile.HOUSING, plan, rng);
        String recordId = "HL" + st.nextId(HOMELESS, 7);
        Address a = plan.household().addressOn(e.at().toLocalDate());
        List<String> row = new ArrayList<>(List.of(recordId, fullName(id, applicant, rng), dob(id, UK_DATE)));
        ctx.truth().occurrence(HOMELESS, recordId, 0, "subject", applicant, id.applied());
        int slot = 1;
        Person partner = e.involved().stream().filter(i -> i.role().equals("partner")).map(Involved::person)
                .findFirst().orElse(null);
        if (partner != null) {
            PresentedIdentity pid = present(partner, NoiseProfile.HOUSING, plan, rng);
            row.add(pid.full());
            row.add(dob(pid, UK_DATE));
            ctx.truth().occurrence(HOMELESS, recordId, slot++, "partner", partner, pid.applied());
        } else {
            row.add("");
            row.add("");
        }
        List<Person> kids = e.involved().stream().filter(i -> i.role().equals("household_member"))
                .map(Involved::person).limit(4).toList();
        for (int i = 0; i < 4; i++) {
            if (i < kids.size()) {
                PresentedIdentity kid = present(kids.get(i), NoiseProfile.HOUSING, plan, rng);
                row.add(kid.full());
                row.add(dob(kid, UK_DATE));
                ctx.truth().occurrence(HOMELESS, recordId, slot++, "household_member", kids.get(i), kid.applied());
            } else {
                row.add("");
                row.add("");
            }
        }
        ComposedNote note = note(e, "housing", plan, rng, 1);
        row.addAll(List.of(a.line1() + ", " + a.town(), a.postcode(), e.at().toLocalDate().format(ISO_DATE),
                e.attr(Attr.REASON), e.attr(Attr.OUTCOME), e.attr(Attr.TYPE), note.text()));
        homeless.row(row.toArray(String[]::new));
        ctx.truth().record(HOMELESS, recordId, e, "case_notes", note);
    }

    /** The note as written after a fixed prefix: same text as the column, offsets moved. */
    private static ComposedNote prefixed(String prefix, ComposedNote n) {
        int by = prefix.length();
        return new ComposedNote(prefix + n.text(),
                n.spans().stream().map(s -> new org.tessera.indexer.synthetic.notes.Span(s.start() + by, s.end() + by,
                        s.type())).toList(),
                n.cues().stream().map(c -> new org.tessera.indexer.synthetic.notes.CueMention(c.indicatorId(), c.cue(),
                        c.start() + by, c.end() + by, c.phrase())).toList());
    }
}
