package org.tessera.indexer.synthetic.output;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.tessera.indexer.synthetic.events.EventKind;
import org.tessera.indexer.synthetic.events.PlannedEvent;
import org.tessera.indexer.synthetic.events.PlannedEvent.Attr;
import org.tessera.indexer.synthetic.events.HouseholdPlan;
import org.tessera.indexer.synthetic.events.SchoolCalendar;
import org.tessera.indexer.synthetic.noise.NoiseProfile;
import org.tessera.indexer.synthetic.noise.PresentedIdentity;
import org.tessera.indexer.synthetic.notes.ComposedNote;
import org.tessera.indexer.synthetic.population.Organisations.School;
import org.tessera.indexer.synthetic.population.IdentifierGenerator;
import org.tessera.indexer.synthetic.population.Person;

/**
 * Layouts {@code education_attendance} (semicolon-separated, half-termly sessions and codes,
 * split names, UPN), {@code education_exclusions} (census categories and reasons) and
 * {@code education_pastoral_log} (DSL log, "SURNAME, Forename" names). With
 * {@link LayoutSet#ONBOARDING}, {@code education_attendance_terms} instead of
 * {@code education_attendance}: one row per pupil, academic year and (half-)term code with the
 * session counts (possible, authorised, unauthorised) and no dates or percentage.
 */
public final class EducationWriter extends AgencyWriter {
    public static final String ATTENDANCE = "education_attendance";
    public static final String EXCLUSIONS = "education_exclusions";
    public static final String PASTORAL = "education_pastoral_log";
    public static final String ATTENDANCE_TERMS = "education_attendance_terms";
    private final DelimitedFile attendance;
    private final DelimitedFile exclusions;
    private final DelimitedFile pastoral;
    private final boolean onboarding;

    public EducationWriter(WriterContext ctx, Path dir) {
        this(ctx, dir, LayoutSet.CLASSIC);
    }

    public EducationWriter(WriterContext ctx, Path dir, LayoutSet layouts) {
        super(ctx);
        onboarding = layouts.onboarding();
        attendance = onboarding
                ? register(ATTENDANCE_TERMS, new DelimitedFile(dir.resolve("education_attendance_terms.csv"), StandardCharsets.UTF_8,
                        ',', "UPN", "Legal Surname", "Legal Forename", "Middle Names", "DOB", "Gender", "School URN",
                        "School", "Adno", "Academic Year", "Term", "Possible", "Authorised", "Unauthorised"))
                : register(ATTENDANCE, new DelimitedFile(dir.resolve("education_attendance.csv"), StandardCharsets.UTF_8, ';',
                "upn", "legal_surname", "legal_forename", "middle_names", "dob", "gender", "school_urn", "school_name",
                "adno", "academic_year", "half_term", "period_end", "sessions_possible", "sessions_present",
                "authorised_absence", "unauthorised_absence", "code_I", "code_M", "code_G", "code_O", "code_N",
                "code_U", "attendance_pct"));
        exclusions = register(EXCLUSIONS, new DelimitedFile(dir.resolve("education_exclusions.csv"), StandardCharsets.UTF_8, ',',
                "exclusion_id", "upn", "surname", "forename", "dob", "gender", "school_urn", "category", "reason",
                "start_date", "sessions", "review_result"));
        pastoral = register(PASTORAL, new DelimitedFile(dir.resolve("education_pastoral_log.csv"), StandardCharsets.UTF_8, ',',
                "log_id", "pupil_name", "upn", "dob", "year_group", "school_name", "logged_at", "category",
                "logged_by", "note", "action_taken"));
        writes(EventKind.ATTENDANCE, this::attendance);
        writes(EventKind.EXCLUSION, this::exclusion);
        writes(EventKind.PASTORAL_NOTE, this::pastoral);
    }

    private School school(Person child, HouseholdPlan plan, java.time.LocalDate d) {
        int age = Math.max(4, SchoolCalendar.schoolAge(child.dateOfBirth(), d));
        return ctx.organisations().schoolFor(plan.household().addressOn(d).district(), age, child.key());
    }

    private void attendance(PlannedEvent e, HouseholdPlan plan, HouseholdState st, SplittableRandom rng) {
        Person c = e.subject();
        String[] ht = e.attr(Attr.HALF_TERM).split("\\|");
        int possible = Integer.parseInt(ht[2]);
        int absent = Integer.parseInt(e.attr(Attr.ABSENCE));
        int unauth = (int) Math.round(absent * Double.parseDouble(e.attr(Attr.UNAUTH_SHARE)));
        int auth = absent - unauth;
        int codeM = auth / 5;
        int codeI = auth - codeM;
        int codeG = unauth * 15 / 100;
        int codeN = unauth * 15 / 100;
        int codeU = unauth / 10;
        int codeO = unauth - codeG - codeN - codeU;
        School s = school(c, plan, e.at().toLocalDate());
        PresentedIdentity id = present(c, NoiseProfile.EDUCATION, plan, rng);
        String adno = IdentifierGenerator.admissionNumber(c.key(), s.urn());
        String recordId = s.urn() + "-" + adno + "-" + ht[0] + "-" + ht[1];
        if (onboarding) {
            attendance.row(id.upn(), id.family(), id.given(), id.middle(), dob(id, UK_DATE), sex(c), s.urn(), s.name(), adno,
                    ht[0], ht[1], String.valueOf(possible), String.valueOf(auth), String.valueOf(unauth));
            subjectTruth(ATTENDANCE_TERMS, recordId, e, c, id.applied(), "", null);
            return;
        }
        attendance.row(id.upn(), id.family(), id.given(), id.middle(), dob(id, UK_DATE), sex(c), s.urn(), s.name(),
                adno, ht[0], ht[1], e.at().toLocalDate().format(UK_DATE), String.valueOf(possible),
                String.valueOf(possible - absent), String.valueOf(auth), String.valueOf(unauth), String.valueOf(codeI),
                String.valueOf(codeM), String.valueOf(codeG), String.valueOf(codeO), String.valueOf(codeN),
                String.valueOf(codeU), String.format(Locale.ROOT, "%.1f", 100.0 * (possible - absent) / possible));
        subjectTruth(ATTENDANCE, recordId, e, c, id.applied(), "", null);
    }

    private void exclusion(PlannedEvent e, HouseholdPlan plan, HouseholdState st, SplittableRandom rng) {
        Person c = e.subject();
        School s = school(c, plan, e.at().toLocalDate());
        PresentedIdentity id = present(c, NoiseProfile.EDUCATION, plan, rng);
        String recordId = "EX" + st.nextId(EXCLUSIONS, 8);
        boolean perm = e.attr(Attr.CATEGORY).equals("PERM");
        exclusions.row(recordId, id.upn(), id.family(), id.given(), dob(id, UK_DATE), sex(c), s.urn(),
                e.attr(Attr.CATEGORY), e.attr(Attr.REASON), e.at().toLocalDate().format(UK_DATE),
                perm ? "" : String.valueOf(1 + rng.nextInt(10)), perm && rng.nextBoolean() ? "UPH" : "");
        subjectTruth(EXCLUSIONS, recordId, e, c, id.applied(), "", null);
    }

    private void pastoral(PlannedEvent e, HouseholdPlan plan, HouseholdState st, SplittableRandom rng) {
        Person c = e.subject();
        School s = school(c, plan, e.at().toLocalDate());
        PresentedIdentity id = present(c, NoiseProfile.EDUCATION, plan, rng);
        String recordId = "LOG" + st.nextId(PASTORAL, 8);
        String category = e.attr(Attr.CATEGORY);
        ComposedNote note = ctx.composer().compose(rng, noteContext(e, plan, rng),
                category.equals("Operation Encompass") ? "encompass" : "school", e.mentions(),
                e.mentions().isEmpty() ? 1 + rng.nextInt(2) : rng.nextInt(2));
        String action = e.planted() || category.equals("Safeguarding") ? "DSL informed; referral considered"
                : "Monitor";
        int yearGroup = SchoolCalendar.yearGroupAge(c.dateOfBirth(),
                e.at().getMonthValue() >= 9 ? e.at().getYear() : e.at().getYear() - 1) - 4;
        pastoral.row(recordId, id.family().toUpperCase(Locale.ROOT) + ", " + id.given(), id.upn(), dob(id, UK_DATE),
                yearGroup <= 0 ? "R" : String.valueOf(yearGroup), s.name(), e.at().format(UK_DATE_TIME), category,
                worker(rng), note.text(), action);
        subjectTruth(PASTORAL, recordId, e, c, id.applied(), "note", note);
        if (ctx.documents() != null) {
            ctx.documents().maybeEmail(e, plan, id, s.name(), note, rng);
        }
    }
}
