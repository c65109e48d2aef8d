package org.tessera.indexer.synthetic.output;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.tessera.indexer.synthetic.events.EventKind;
import org.tessera.indexer.synthetic.events.PlannedEvent;
import org.tessera.indexer.synthetic.events.PlannedEvent.Attr;
import org.tessera.indexer.synthetic.events.HouseholdPlan;
import org.tessera.indexer.synthetic.events.Involved;
import org.tessera.indexer.synthetic.noise.NoiseProfile;
import org.tessera.indexer.synthetic.noise.PresentedIdentity;
import org.tessera.indexer.synthetic.notes.ComposedNote;
import org.tessera.indexer.synthetic.population.Person;
import org.tessera.indexer.synthetic.population.Sex;

/**
 * Children's social care in an Ofsted Annex-A-like shape: {@code csc_contacts} (List 1),
 * {@code csc_referrals} (List 3), {@code csc_assessments} (JSON Lines, CIN assessment factor codes),
 * {@code csc_section47} (List 5) and {@code csc_cp_plans} (List 7). Column names with spaces, as
 * the Annex A templates have them.
 */
public final class SocialCareWriter extends AgencyWriter {
    public static final String CONTACTS = "csc_contacts";
    public static final String REFERRALS = "csc_referrals";
    public static final String ASSESSMENTS = "csc_assessments";
    public static final String S47 = "csc_section47";
    public static final String CP_PLANS = "csc_cp_plans";
    private static final String[] ETHNICITY = {"WBRI", "WBRI", "WBRI", "WBRI", "WBRI", "WBRI", "WBRI", "WBRI", "WOTH",
        "WIRI", "MWBC", "MWAS", "AIND", "APKN", "ABAN", "BAFR", "BCRB", "CHNE", "OOTH", "WROM"};
    private static final Map<String, String> CATEGORY = Map.of("NEG", "Neglect", "PHY", "Physical Abuse", "EMO",
            "Emotional Abuse", "SAB", "Sexual Abuse", "MUL", "Multiple");
    private final DelimitedFile contacts;
    private final DelimitedFile referrals;
    private final DelimitedFile s47;
    private final DelimitedFile plans;
    private final BufferedWriter assessments;
    private long assessmentRows;

    public SocialCareWriter(WriterContext ctx, Path dir) {
        super(ctx);
        contacts = register(CONTACTS, new DelimitedFile(dir.resolve("csc_contacts.csv"), StandardCharsets.UTF_8, ',',
                "Contact ID", "Child Unique ID", "Forename", "Surname", "Gender", "Ethnicity", "Date of Birth", "Age",
                "Date of Contact", "Contact Source", "Contact Outcome", "Parent/Carer Name", "Contact Summary"));
        referrals = register(REFERRALS, new DelimitedFile(dir.resolve("csc_referrals.csv"), StandardCharsets.UTF_8, ',',
                "Referral ID", "Child Unique ID", "Forename", "Surname", "Gender", "Date of Birth", "UPN", "Date of Referral",
                "Referral Source", "Referral NFA?", "Number of Referrals in Last 12 Months", "Allocated Team",
                "Allocated Worker", "Primary Need Code", "Referral Summary"));
        s47 = register(S47, new DelimitedFile(dir.resolve("csc_section47.csv"), StandardCharsets.UTF_8, ',', "Child Unique ID",
                "Forename", "Surname", "Date of Birth", "Strategy Discussion Date",
                "Date of Initial Child Protection Conference", "ICPC Outcome: CP Plan?",
                "Number of Section 47 Enquiries in Last 12 Months", "Outcome Notes"));
        plans = register(CP_PLANS, new DelimitedFile(dir.resolve("csc_cp_plans.csv"), StandardCharsets.UTF_8, ',',
                "Child Unique ID", "Forename", "Surname", "Date of Birth", "Gender", "Child Protection Plan Start Date",
                "Initial Category of Abuse", "Latest Category of Abuse", "Date of Last Review",
                "Child Protection Plan End Date", "Number of Previous Child Protection Plans"));
        try {
            assessments = Files.newBufferedWriter(dir.resolve("csc_assessments.jsonl"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        writes(EventKind.CSC_CONTACT, this::contact);
        writes(EventKind.CSC_REFERRAL, this::referral);
        writes(EventKind.CSC_ASSESSMENT, this::assessment);
        writes(EventKind.CSC_S47, this::section47);
        writes(EventKind.CSC_CP_PLAN, this::cpPlan);
    }

    private static String childId(Person p) {
        return "TC" + (900_000 + p.key());
    }

    private static String gender(Person p) {
        return p.sex() == Sex.MALE ? "a) Male" : "b) Female";
    }

    private Person carer(PlannedEvent e) {
        return e.involved().stream().map(Involved::person).filter(p -> !p.isChild()).findFirst().orElse(null);
    }

    private void contact(PlannedEvent e, HouseholdPlan plan, HouseholdState st, SplittableRandom rng) {
        Person c = e.subject();
        PresentedIdentity id = present(c, NoiseProfile.SOCIAL_CARE, plan, rng);
        Person carer = carer(e);
        PresentedIdentity cid = carer == null ? null : present(carer, NoiseProfile.SOCIAL_CARE, plan, rng);
        String recordId = "CT" + st.nextId(CONTACTS, 8);
        ComposedNote note = note(e, "csc", plan, rng, e.mentions().isEmpty() ? 2 : 1);
        LocalDate d = e.at().toLocalDate();
        contacts.row(recordId, childId(c), id.given(), id.family(), gender(c),
                ETHNICITY[(int) Math.floorMod(plan.household().index() * 13, ETHNICITY.length)], dob(id, UK_DATE),
                c.bornBy(d) ? String.valueOf(c.ageOn(d)) : "Unborn", d.format(UK_DATE), e.attr(Attr.SOURCE),
                e.attr(Attr.OUTCOME), cid == null ? "" : cid.full(), note.text());
        subjectTruth(CONTACTS, recordId, e, c, id.applied(), "Contact Summary", note);
        parentTruth(CONTACTS, recordId, carer, cid);
    }

    private void referral(PlannedEvent e, HouseholdPlan plan, HouseholdState st, SplittableRandom rng) {
        Person c = e.subject();
        PresentedIdentity id = present(c, NoiseProfile.SOCIAL_CARE_WITH_UPN, plan, rng);
        LocalDate d = e.at().toLocalDate();
        int previous = st.countAndAdd("referral", c.id(), d);
        String recordId = "RF" + st.nextId(REFERRALS, 8);
        ComposedNote note = note(e, "csc", plan, rng, 1 + rng.nextInt(2));
        boolean nfa = e.attr(Attr.OUTCOME).equals("NFA");
        referrals.row(recordId, childId(c), id.given(), id.family(), gender(c), dob(id, UK_DATE), id.upn(), d.format(UK_DATE),
                e.attr(Attr.SOURCE), nfa ? "a) Yes" : "b) No", String.valueOf(previous + 1),
                rng.nextBoolean() ? "MASH" : "Assessment Team " + (1 + rng.nextInt(4)), worker(rng),
                e.attr(Attr.REASON), note.text());
        subjectTruth(REFERRALS, recordId, e, c, id.applied(), "Referral Summary", note);
        if (ctx.documents() != null) {
            ctx.documents().maybeReferralForm(e, plan, id, note, rng, recordId);
        }
    }

    private void assessment(PlannedEvent e, HouseholdPlan plan, HouseholdState st, SplittableRandom rng) {
        Person c = e.subject();
        PresentedIdentity id = present(c, NoiseProfile.SOCIAL_CARE_WITH_UPN, plan, rng);
        Person carer = carer(e);
        PresentedIdentity cid = carer == null ? null : present(carer, NoiseProfile.SOCIAL_CARE, plan, rng);
        String recordId = "AS" + st.nextId(ASSESSMENTS, 8);
        ComposedNote note = note(e, "csc", plan, rng, 2 + rng.nextInt(2));
        StringBuilder b = new StringBuilder(512);
        b.append("{\"assessment_id\":").append(JsonString.str(recordId))
                .append(",\"child\":{\"la_child_id\":").append(JsonString.str(childId(c)))
                .append(",\"upn\":").append(JsonString.str(id.upn()))
                .append(",\"name\":{\"given\":").append(JsonString.str(id.given())).append(",\"family\":")
                .append(JsonString.str(id.family())).append("},\"dob\":")
                .append(JsonString.str(id.dob() == null ? null : id.dob().format(ISO_DATE)))
                .append(",\"gender\":").append(JsonString.str(c.sex() == Sex.MALE ? "M" : "F")).append("}");
        if (cid != null) {
            b.append(",\"parent\":{\"name\":").append(JsonString.str(cid.full())).append(",\"dob\":")
                    .append(JsonString.str(cid.dob() == null ? null : cid.dob().format(ISO_DATE))).append("}");
        }
        b.append(",\"start_date\":").append(JsonString.str(e.at().toLocalDate().format(ISO_DATE)))
                .append(",\"authorised_date\":").append(JsonString.str(e.attr(Attr.END)))
                .append(",\"child_seen_alone\":").append(rng.nextInt(5) > 0)
                .append(",\"factors\":").append(JsonString.str(e.attr(Attr.FACTORS)))
                .append(",\"outcome\":").append(JsonString.str(e.attr(Attr.OUTCOME)))
                .append(",\"worker\":").append(JsonString.str(worker(rng)))
                .append(",\"summary\":").append(JsonString.str(note.text())).append("}\n");
        try {
            assessments.write(b.toString());
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        assessmentRows++;
        subjectTruth(ASSESSMENTS, recordId, e, c, id.applied(), "summary", note);
        parentTruth(ASSESSMENTS, recordId, carer, cid);
    }

    private void section47(PlannedEvent e, HouseholdPlan plan, HouseholdState st, SplittableRandom rng) {
        Person c = e.subject();
        PresentedIdentity id = present(c, NoiseProfile.SOCIAL_CARE, plan, rng);
        LocalDate d = e.at().toLocalDate();
        int previous = st.countAndAdd("s47", c.id(), d);
        String recordId = childId(c) + "-" + d.format(UK_DATE);
        boolean toPlan = e.attr(Attr.OUTCOME).equals("Y");
        String notes = toPlan ? "ICPC held, child made subject to a CP plan." : rng.nextBoolean()
                ? "S47 completed, concerns not substantiated, CIN plan." : "S47 completed, NFA.";
        s47.row(childId(c), id.given(), id.family(), dob(id, UK_DATE), d.format(UK_DATE),
                LocalDate.parse(e.attr(Attr.END)).format(UK_DATE), toPlan ? "Yes" : "No", String.valueOf(previous + 1),
                notes);
        subjectTruth(S47, recordId, e, c, id.applied(), "", null);
        if (ctx.documents() != null) {
            ctx.documents().maybeConferenceLetter(e, plan, id, rng, recordId);
        }
    }

    private void cpPlan(PlannedEvent e, HouseholdPlan plan, HouseholdState st, SplittableRandom rng) {
        Person c = e.subject();
        PresentedIdentity id = present(c, NoiseProfile.SOCIAL_CARE, plan, rng);
        LocalDate d = e.at().toLocalDate();
        int previous = st.count("cpp", c.id());
        st.countAndAdd("cpp", c.id(), d);
        String recordId = childId(c) + "-" + d.format(UK_DATE);
        String cat = CATEGORY.get(e.attr(Attr.CATEGORY));
        String end = e.attr(Attr.END);
        LocalDate review = d.plusMonths(3);
        plans.row(childId(c), id.given(), id.family(), dob(id, UK_DATE), gender(c), d.format(UK_DATE), cat, cat,
                review.isAfter(plan.window().end()) ? "" : review.format(UK_DATE),
                end.isEmpty() ? "" : LocalDate.parse(end).format(UK_DATE), String.valueOf(previous));
        subjectTruth(CP_PLANS, recordId, e, c, id.applied(), "", null);
    }

    @Override
    public Map<String, Long> counts() {
        Map<String, Long> m = super.counts();
        m.put(ASSESSMENTS, assessmentRows);
        return m;
    }

    @Override
    public void close() {
        super.close();
        try {
            assessments.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
