package org.tessera.indexer.synthetic.output;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.SplittableRandom;
import org.tessera.indexer.synthetic.events.PlannedEvent;
import org.tessera.indexer.synthetic.events.PlannedEvent.Attr;
import org.tessera.indexer.synthetic.events.EventKind;
import org.tessera.indexer.synthetic.events.HouseholdPlan;
import org.tessera.indexer.synthetic.events.Involved;
import org.tessera.indexer.synthetic.noise.NoiseProfile;
import org.tessera.indexer.synthetic.noise.PresentedIdentity;
import org.tessera.indexer.synthetic.notes.ComposedNote;
import org.tessera.indexer.synthetic.population.Address;
import org.tessera.indexer.synthetic.population.Person;

/**
 * Layouts {@code health_ae_attendances} (ISO date-times), {@code health_appointments} (outcome
 * codes, "was not brought") and {@code health_visiting_contacts} (child_* and mother_* columns,
 * dd-MMM-yyyy dates). With {@link LayoutSet#ONBOARDING}, {@code health_ae_fhir} instead of
 * {@code health_ae_attendances}: the same attendances as JSON Lines encounters with FHIR-like
 * names ({@code name[0].given} an array of given and middle names, {@code name[0].family}).
 */
public final class HealthWriter extends AgencyWriter {
    public static final String AE = "health_ae_attendances";
    public static final String APPTS = "health_appointments";
    public static final String HV = "health_visiting_contacts";
    private static final DateTimeFormatter HV_DATE = DateTimeFormatter.ofPattern("dd-MMM-yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter ISO_DT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    private static final DateTimeFormatter APPT_DT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    public static final String AE_FHIR = "health_ae_fhir";
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private final DelimitedFile ae;
    private final DelimitedFile appts;
    private final DelimitedFile hv;
    private final boolean onboarding;

    public HealthWriter(WriterContext ctx, Path dir) {
        this(ctx, dir, LayoutSet.CLASSIC);
    }

    public HealthWriter(WriterContext ctx, Path dir, LayoutSet layouts) {
        super(ctx);
        onboarding = layouts.onboarding();
        ae = onboarding ? register(AE_FHIR, DelimitedFile.jsonLines(dir.resolve("health_ae_fhir.jsonl")))
                : register(AE, new DelimitedFile(dir.resolve("health_ae_attendances.csv"), StandardCharsets.UTF_8, ',',
                "attendance_id", "nhs_number", "patient_forename", "patient_surname", "patient_dob", "gender",
                "patient_postcode", "gp_practice_code", "arrival_datetime", "department", "chief_complaint",
                "safeguarding_concern", "accompanied_by", "discharge_destination", "clinical_notes"));
        appts = register(APPTS, new DelimitedFile(dir.resolve("health_appointments.csv"), StandardCharsets.UTF_8, ',',
                "appt_id", "nhs_no", "forename", "surname", "dob", "clinic", "appt_datetime", "outcome", "comments"));
        hv = register(HV, new DelimitedFile(dir.resolve("health_visiting_contacts.csv"), StandardCharsets.UTF_8, ',',
                "contact_id", "contact_date", "contact_type", "outcome", "child_nhs_no", "child_forename",
                "child_surname", "child_dob", "child_sex", "mother_name", "mother_dob", "mother_nhs_no", "address",
                "postcode", "practitioner", "contact_notes"));
        writes(EventKind.AE_ATTENDANCE, this::ae);
        writes(EventKind.APPOINTMENT, this::appointment);
        writes(EventKind.HV_CONTACT, this::hv);
    }

    private void ae(PlannedEvent e, HouseholdPlan plan, HouseholdState st, SplittableRandom rng) {
        String id = "ED" + st.nextId(AE, 9);
        Person p = e.subject();
        PresentedIdentity pid = present(p, NoiseProfile.HEALTH, plan, rng);
        RecordedAddress ra = recordedAddress(plan, e.at().toLocalDate(), 180, 0.3, rng);
        Address a = ra.address();
        // A planted injury note carries no unrelated presenting complaint beside it.
        ComposedNote note = p.isChild() ? note(e, "health_ae", plan, rng, e.mentions().isEmpty() ? 1 + rng.nextInt(2) : 0)
                : null;
        Person carer = e.involved().stream().map(Involved::person).filter(x -> !x.isChild()).findFirst().orElse(null);
        PresentedIdentity cid = carer == null ? null : present(carer, NoiseProfile.HEALTH, plan, rng);
        String sg = e.attr(Attr.SAFEGUARDING);
        if (onboarding) {
            String text = note == null ? "" : note.text() + (sg.equals("Y") ? " Safeguarding referral to CSC made." : "");
            ae.line(encounter(id, p, pid, a, plan, e, ctx.organisations().hospital(rng), sg, cid, text));
            ctx.truth().occurrence(AE_FHIR, id, 0, "subject", p, ra.noise(pid.applied()));
            if (carer != null) {
                ctx.truth().occurrence(AE_FHIR, id, 1, "parent", carer, cid.applied());
            }
            ctx.truth().record(AE_FHIR, id, e, "note", note);
            return;
        }
        ae.row(id, pid.nhsNumber(), pid.given(), pid.family(), dob(pid, ISO_DATE),
                p.sex() == org.tessera.indexer.synthetic.population.Sex.MALE ? "1" : "2", a.postcode(),
                ctx.organisations().gpCode(plan.household().gpPractice()), e.at().format(ISO_DT),
                ctx.organisations().hospital(rng), e.attr(Attr.COMPLAINT), sg, cid == null ? "" : cid.full(),
                sg.equals("Y") ? "Admitted - paediatric ward" : "Discharged home",
                note == null ? "" : note.text() + (sg.equals("Y") ? " Safeguarding referral to CSC made." : ""));
        ctx.truth().occurrence(AE, id, 0, "subject", p, ra.noise(pid.applied()));
        if (carer != null) {
            ctx.truth().occurrence(AE, id, 1, "parent", carer, cid.applied());
        }
        ctx.truth().record(AE, id, e, "clinical_notes", note);
    }

    /** One attendance as a FHIR-like Encounter with its patient inline. */
    private String encounter(String id, Person p, PresentedIdentity pid, Address a, HouseholdPlan plan, PlannedEvent e,
                             String hospital, String sg, PresentedIdentity carer, String text) {
        var root = JSON.createObjectNode();
        root.put("resourceType", "Encounter").put("id", id);
        root.putObject("period").put("start", e.at().format(ISO_DT));
        root.putObject("serviceProvider").put("display", hospital);
        root.putArray("reasonCode").addObject().put("text", e.attr(Attr.COMPLAINT));
        var patient = root.putObject("subject");
        if (pid.nhsNumber() != null && !pid.nhsNumber().isBlank()) {
            patient.putArray("identifier").addObject().put("system", "https://fhir.nhs.uk/Id/nhs-number")
                    .put("value", pid.nhsNumber());
        }
        var name = patient.putArray("name").addObject().put("use", "official").put("family", pid.family());
        var given = name.putArray("given").add(pid.given());
        if (pid.middle() != null && !pid.middle().isBlank()) {
            given.add(pid.middle());
        }
        patient.put("gender", p.sex() == org.tessera.indexer.synthetic.population.Sex.MALE ? "male" : "female");
        String birth = pid.dobPrecision() == PresentedIdentity.DobPrecision.YEAR_MONTH
                ? String.format(Locale.ROOT, "%d-%02d", pid.dob().getYear(), pid.dob().getMonthValue()) : dob(pid, ISO_DATE);
        if (!birth.isEmpty()) {
            patient.put("birthDate", birth);
        }
        patient.putArray("address").addObject().put("postalCode", a.postcode());
        patient.putObject("generalPractitioner").put("identifier", ctx.organisations().gpCode(plan.household().gpPractice()));
        if (carer != null) {
            var contact = patient.putArray("contact").addObject();
            contact.putArray("relationship").addObject().put("text", "accompanying adult");
            contact.putObject("name").put("family", carer.family()).putArray("given").add(carer.given());
        }
        root.putObject("extension").put("safeguardingConcern", sg.equals("Y"));
        root.putObject("hospitalization").putObject("dischargeDisposition")
                .put("text", sg.equals("Y") ? "Admitted - paediatric ward" : "Discharged home");
        if (!text.isEmpty()) {
            root.putArray("note").addObject().put("text", text);
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private void appointment(PlannedEvent e, HouseholdPlan plan, HouseholdState st, SplittableRandom rng) {
        String id = "OP" + st.nextId(APPTS, 9);
        Person p = e.subject();
        PresentedIdentity pid = present(p, NoiseProfile.HEALTH, plan, rng);
        String outcome = e.attr(Attr.OUTCOME);
        ComposedNote note = null;
        String comments = "";
        if (!e.mentions().isEmpty()) {
            note = ctx.composer().compose(rng, noteContext(e, plan, rng), "clinic", e.mentions(), rng.nextInt(2));
            comments = note.text();
        } else if (outcome.equals("WNB")) {
            comments = rng.nextBoolean() ? "Was not brought" : "WNB - letter to GP";
        }
        if (outcome.equals("WNB") && rng.nextInt(5) == 0) {
            outcome = "DNA";
        }
        appts.row(id, pid.nhsNumber(), pid.given(), pid.family(), dob(pid, ISO_DATE), e.attr(Attr.TYPE),
                e.at().format(APPT_DT), outcome, comments);
        ctx.truth().occurrence(APPTS, id, 0, "subject", p, pid.applied());
        ctx.truth().record(APPTS, id, e, "comments", note);
    }

    private void hv(PlannedEvent e, HouseholdPlan plan, HouseholdState st, SplittableRandom rng) {
        String id = "HV" + st.nextId(HV, 9);
        Person child = e.subject();
        boolean unborn = !child.bornBy(e.at().toLocalDate());
        PresentedIdentity cid = present(child, NoiseProfile.HEALTH, plan, rng);
        Person mum = e.involved().stream().map(Involved::person).findFirst().orElse(null);
        PresentedIdentity mid = mum == null ? null : present(mum, NoiseProfile.HEALTH, plan, rng);
        RecordedAddress ra = recordedAddress(plan, e.at().toLocalDate(), 60, 0.3, rng);
        Address a = ra.address();
        boolean noAccess = e.attr(Attr.OUTCOME).equals("NO_ACCESS");
        ComposedNote note = note(e, noAccess ? "hv_noaccess" : "hv", plan, rng, 1 + rng.nextInt(2));
        String text = switch (e.attr(Attr.OUTCOME)) {
            case "NO_ACCESS" -> e.mentions().isEmpty() ? note.text() + " No access at planned visit, card left."
                    : note.text();
            case "DECLINED" -> "Contact declined by parent by phone.";
            default -> note.text();
        };
        ComposedNote recorded = text.startsWith(note.text()) ? note : null;
        hv.row(id, e.at().format(HV_DATE), e.attr(Attr.CONTACT), e.attr(Attr.OUTCOME),
                unborn ? "" : cid.nhsNumber(), unborn ? "Baby" : cid.given(),
                unborn && mum != null ? mum.familyName() : cid.family(),
                cid.dob() == null ? "" : cid.dob().format(HV_DATE), unborn ? "" : sex(child),
                mid == null ? "" : mid.full(), mid == null || mid.dob() == null ? "" : mid.dob().format(HV_DATE),
                mid == null ? "" : mid.nhsNumber(), a.line1() + ", " + a.town(), a.postcode(), worker(rng), text);
        ctx.truth().occurrence(HV, id, 0, "subject", child,
                ra.noise(unborn ? java.util.List.of("unborn") : cid.applied()));
        if (mum != null) {
            ctx.truth().occurrence(HV, id, 1, "mother", mum, ra.noise(mid.applied()));
        }
        ctx.truth().record(HV, id, e, "contact_notes", recorded);
    }
}
