package org.tessera.indexer.synthetic.output;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.tessera.indexer.synthetic.events.EventKind;
import org.tessera.indexer.synthetic.events.PlannedEvent;
import org.tessera.indexer.synthetic.events.PlannedEvent.Attr;
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
 * and up to four children per row, partial dates of birth kept. With {@link LayoutSet#ONBOARDING},
 * {@code housing_tenancy_household} instead of {@code housing_tenancy_events}: the same events with
 * the whole household at the date in one column ({@code Forename Surname (dd/mm/yyyy); ...}) and
 * the arrears only in the officer's note ({@code Arrears £1,234.56. ...}).
 */
public final class HousingWriter extends AgencyWriter {
    public static final String TENANCY = "housing_tenancy_events";
    public static final String HOMELESS = "housing_homeless_applications";
    private static final Charset CP1252 = Charset.forName("windows-1252");
    public static final String HOUSEHOLD = "housing_tenancy_household";
    private final DelimitedFile tenancy;
    private final DelimitedFile homeless;
    private final boolean onboarding;

    public HousingWriter(WriterContext ctx, Path dir) {
        this(ctx, dir, LayoutSet.CLASSIC);
    }

    public HousingWriter(WriterContext ctx, Path dir, LayoutSet layouts) {
        super(ctx);
        onboarding = layouts.onboarding();
        tenancy = onboarding
                ? register(HOUSEHOLD, new DelimitedFile(dir.resolve("housing_tenancy_household.csv"), CP1252, ',', "event_id",
                        "tenancy_ref", "tenant_name", "tenant_dob", "property_address", "postcode", "event_type",
                        "event_date", "housing_officer", "household", "notes"))
                : register(TENANCY, new DelimitedFile(dir.resolve("housing_tenancy_events.csv"), CP1252, ',', "event_id",
                        "tenancy_ref", "tenant_name", "tenant_dob", "property_address", "postcode", "event_type",
                        "event_date", "arrears_balance", "housing_officer", "notes"));
        List<String> h = new ArrayList<>(List.of("application_no", "applicant_name", "applicant_dob", "partner_name",
                "partner_dob"));
        for (int i = 1; i <= 4; i++) {
            h.add("child" + i + "_name");
            h.add("child" + i + "_dob");
        }
        h.addAll(List.of("last_settled_address", "postcode", "date_of_application", "reason", "duty",
                "temp_accommodation", "case_notes"));
        homeless = register(HOMELESS, new DelimitedFile(dir.resolve("housing_homeless_applications.csv"), CP1252, ',',
                h.toArray(String[]::new)));
        writes(EventKind.HOUSING_EVENT, this::tenancy);
        writes(EventKind.HOMELESS_APPLICATION, this::homeless);
    }

    /** Full names as a housing system holds them: "Mrs Jane Smith", "SMITH, Jane", "Jane Smith". */
    static String fullName(PresentedIdentity id, Person p, SplittableRandom rng) {
        return switch (rng.nextInt(4)) {
            case 0 -> (p.sex() == Sex.MALE ? "Mr " : rng.nextBoolean() ? "Ms " : "Mrs ") + id.given() + " " + id.family();
            case 1 -> id.family().toUpperCase(Locale.ROOT) + ", " + id.given();
            default -> id.given() + " " + id.family();
        };
    }

    private void tenancy(PlannedEvent e, HouseholdPlan plan, HouseholdState st, SplittableRandom rng) {
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
        String tenant = fullName(id, t, rng);
        String officer = worker(rng);
        if (onboarding) {
            if (type.equals("ARREARS")) {
                text = "Arrears " + pounds(e.attr(Attr.REASON), recordId) + ". " + text;
            }
            List<Person> household = householdOn(plan, t, e.at().toLocalDate());
            tenancy.row(recordId, tenancyRef, tenant, dob(id, UK_DATE), a.line1() + ", " + a.town(), a.postcode(), type,
                    e.at().toLocalDate().format(ISO_DATE), officer, householdList(household), text + note.text());
            ctx.truth().occurrence(HOUSEHOLD, recordId, 0, "subject", t, id.applied());
            for (int i = 0; i < household.size(); i++) {
                ctx.truth().occurrence(HOUSEHOLD, recordId, i + 1, "household_member", household.get(i), List.of());
            }
            ctx.truth().record(HOUSEHOLD, recordId, e, "notes", text.isEmpty() ? note : prefixed(text, note));
            return;
        }
        tenancy.row(recordId, tenancyRef, tenant, dob(id, UK_DATE), a.line1() + ", " + a.town(),
                a.postcode(), type, e.at().toLocalDate().format(ISO_DATE), e.attr(Attr.REASON), officer,
                text + note.text());
        subjectTruth(TENANCY, recordId, e, t, id.applied(), "notes", text.isEmpty() ? note : prefixed(text, note));
    }

    /** Everyone else living in the household on the date (born by then, joined and not left), in household order. */
    static List<Person> householdOn(HouseholdPlan plan, Person tenant, java.time.LocalDate d) {
        return plan.household().members().stream()
                .filter(p -> !p.id().equals(tenant.id()) && p.bornBy(d) && p.presentOn(d)).toList();
    }

    /** {@code Forename Surname (dd/mm/yyyy); ...}, as a housing system prints its household table. */
    static String householdList(List<Person> members) {
        List<String> out = new ArrayList<>(members.size());
        for (Person p : members) {
            out.add(p.givenName() + " " + p.familyName() + " (" + p.dateOfBirth().format(UK_DATE) + ")");
        }
        return String.join("; ", out);
    }

    /** An arrears balance as an officer writes it, {@code £1,234.56}; the pence come from the record id, not the run's random stream. */
    static String pounds(String whole, String recordId) {
        long pounds = whole == null || whole.isBlank() ? 0 : Long.parseLong(whole.trim());
        int pence = Math.floorMod(recordId.hashCode(), 100);
        return String.format(Locale.ROOT, "£%,d.%02d", pounds, pence);
    }

    private void homeless(PlannedEvent e, HouseholdPlan plan, HouseholdState st, SplittableRandom rng) {
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
