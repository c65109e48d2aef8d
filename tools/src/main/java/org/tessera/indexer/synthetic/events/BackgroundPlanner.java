package org.tessera.indexer.synthetic.events;

import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;
import org.tessera.indexer.synthetic.events.PlannedEvent.Attr;
import org.tessera.indexer.synthetic.events.SchoolCalendar.HalfTerm;
import org.tessera.indexer.synthetic.notes.Cue;
import org.tessera.indexer.synthetic.notes.Mention;
import org.tessera.indexer.synthetic.population.AddressSpell;
import org.tessera.indexer.synthetic.population.Household;
import org.tessera.indexer.synthetic.population.HouseholdRole;
import org.tessera.indexer.synthetic.population.Person;
import org.tessera.indexer.synthetic.population.Tenure;

/**
 * Ordinary contact of every family with universal services, at rates documented in
 * docs/synthetic-data.md: school attendance, A&E, appointments, health visiting, occasional police,
 * social-care contacts and housing records. Some notes carry negated or hypothetical distractor
 * mentions that must not trigger. Stateless; thread-safe.
 */
public final class BackgroundPlanner {
    /** Share of free-text notes given one distractor (negated/hypothetical/historical/hedged) mention. */
    public static final double DISTRACTOR_RATE = 0.08;
    static final List<Mention> DISTRACTORS = List.of(
            new Mention("PAR01", Cue.NEGATED), new Mention("PAR01", Cue.NEGATED), new Mention("PAR14", Cue.NEGATED),
            new Mention("PAR14", Cue.NEGATED), new Mention("PAR15", Cue.NEGATED), new Mention("NEG02", Cue.NEGATED),
            new Mention("PHY06", Cue.NEGATED), new Mention("EMO02", Cue.NEGATED), new Mention("PAR10", Cue.NEGATED),
            new Mention("PAR01", Cue.HYPOTHETICAL), new Mention("PAR19", Cue.HYPOTHETICAL),
            new Mention("PAR14", Cue.HISTORICAL), new Mention("PAR01", Cue.HISTORICAL), new Mention("PAR14", Cue.HEDGED));

    public void plan(HouseholdPlan plan, SplittableRandom rng) {
        Household hh = plan.household();
        Window w = plan.window();
        double years = w.days() / 365.25;
        for (Person child : hh.children()) {
            if (!plan.attendanceHandled(child)) {
                attendance(plan, child, rng, 0, null, null, null);
            }
            health(plan, child, rng, years);
            hv(plan, child, rng);
            immunisations(plan, child, rng);
            school(plan, child, rng, years);
            socialCare(plan, child, rng, years);
        }
        for (Person adult : hh.adults()) {
            int n = poisson(rng, 0.12 * years);
            for (int i = 0; i < n; i++) {
                LocalDate d = w.randomDate(rng);
                if (adult.presentOn(d)) {
                    plan.event(EventKind.AE_ATTENDANCE, Window.anyTime(d, rng), adult)
                            .attr(Attr.COMPLAINT, pick(rng, "Chest pain", "Back pain", "Laceration", "Abdominal pain",
                                    "Sprained ankle", "Shortness of breath"))
                            .attr(Attr.SAFEGUARDING, "N").add();
                }
            }
        }
        police(plan, rng, years);
        housing(plan, rng, years);
        probation(plan, rng);
    }

    /**
     * Half-termly attendance for one child. Between {@code from} and {@code to} (a trajectory's
     * period) absence is raised by {@code extra} and rows are tagged with the trajectory.
     */
    public static void attendance(HouseholdPlan plan, Person child, SplittableRandom rng, double extra, LocalDate from,
                                  LocalDate to, String trajectoryId) {
        Window w = plan.window();
        // Each child has a stable absence propensity: 76% low, 19.5% moderate, 2.5% high, 2% severe,
        // which gives about a fifth of pupils persistently absent and ~2% severely (DfE 2022/23 shape).
        SplittableRandom own = new SplittableRandom(child.key() * 0x9E3779B97F4A7C15L);
        double r = own.nextDouble();
        double base = r < 0.76 ? 0.01 + own.nextDouble() * 0.06 : r < 0.955 ? 0.07 + own.nextDouble() * 0.12
                : r < 0.98 ? 0.18 + own.nextDouble() * 0.27 : 0.45 + own.nextDouble() * 0.35;
        boolean sixthForm = own.nextBoolean();
        for (HalfTerm ht : SchoolCalendar.between(w.start(), w.end())) {
            int age = SchoolCalendar.yearGroupAge(child.dateOfBirth(), Integer.parseInt(ht.academicYear().substring(0, 4)));
            if (age < 4 || age > 17 || (age >= 16 && !sixthForm)) {
                continue;
            }
            boolean inTrajectory = trajectoryId != null && !ht.end().isBefore(from) && !ht.start().isAfter(to);
            double rate = Math.min(0.95, base * (0.5 + rng.nextDouble()) + (inTrajectory ? extra * (0.7 + rng.nextDouble() * 0.6) : 0));
            int absent = (int) Math.round(ht.sessions() * rate);
            double actual = absent / (double) ht.sessions();
            String indicator = actual >= 0.5 ? "EDU02" : actual >= 0.10 ? "EDU01" : null;
            HouseholdPlan.EventDraft d = plan.event(EventKind.ATTENDANCE, ht.end().atTime(16, 0), child)
                    .attr(Attr.HALF_TERM, ht.academicYear() + "|" + ht.code() + "|" + ht.sessions())
                    .attr(Attr.ABSENCE, absent)
                    .attr(Attr.UNAUTH_SHARE, String.format(java.util.Locale.ROOT, "%.3f",
                            Math.min(0.9, 0.2 + rate + rng.nextDouble() * 0.2)))
                    .indicator(indicator);
            if (inTrajectory && indicator != null) {
                d.trajectory(trajectoryId);
            }
            d.add();
        }
    }

    private void health(HouseholdPlan plan, Person child, SplittableRandom rng, double years) {
        Window w = plan.window();
        int n = poisson(rng, 0.3 * years);
        for (int i = 0; i < n; i++) {
            LocalDate d = w.randomDate(rng);
            if (!child.bornBy(d)) {
                continue;
            }
            int age = child.ageOn(d);
            String complaint = age < 2 ? pick(rng, "Fever", "Breathing difficulty", "Vomiting", "Rash", "Minor head injury")
                    : pick(rng, "Fever", "Fall", "Sprained wrist", "Abdominal pain", "Asthma", "Laceration", "Ear pain",
                            "Sports injury", "Minor head injury");
            plan.event(EventKind.AE_ATTENDANCE, Window.anyTime(d, rng), child)
                    .with(plan.household().mainCarer().orElse(null), "parent")
                    .attr(Attr.COMPLAINT, complaint).attr(Attr.SAFEGUARDING, "N").add();
        }
        int appts = poisson(rng, 0.8 * years);
        for (int i = 0; i < appts; i++) {
            LocalDate d = Window.weekday(w.randomDate(rng));
            if (child.bornBy(d)) {
                String outcome = rng.nextDouble() < 0.07 ? "WNB" : rng.nextDouble() < 0.05 ? "CAN" : "ATT";
                plan.event(EventKind.APPOINTMENT, Window.office(d, rng), child)
                        .attr(Attr.TYPE, pick(rng, "Paediatrics", "Audiology", "Orthoptics", "Dental", "Dermatology",
                                "ENT", "Speech and language therapy"))
                        .attr(Attr.OUTCOME, outcome).indicator(outcome.equals("WNB") ? "NEG09" : null).add();
            }
        }
    }

    private void immunisations(HouseholdPlan plan, Person child, SplittableRandom rng) {
        // Routine schedule: 8, 12, 16 weeks, 1 year, 3 years 4 months.
        int[] days = {56, 84, 112, 365, 1216};
        for (int d : days) {
            LocalDate when = Window.weekday(child.dateOfBirth().plusDays(d + rng.nextInt(21)));
            double r = rng.nextDouble();
            String outcome = r < 0.9 ? "ATT" : r < 0.96 ? "DNA" : "CAN";
            plan.event(EventKind.APPOINTMENT, Window.office(when, rng), child).attr(Attr.TYPE, "Immunisation")
                    .attr(Attr.OUTCOME, outcome).indicator(outcome.equals("DNA") ? "NEG09" : null).add();
        }
    }

    private void hv(HouseholdPlan plan, Person child, SplittableRandom rng) {
        LocalDate dob = child.dateOfBirth();
        Object[][] contacts = {{"ANTENATAL", -84}, {"NBV", 12}, {"6-8WK", 49}, {"12M", 365}, {"2-2.5Y", 820}};
        Person mum = plan.household().withRole(HouseholdRole.MOTHER).orElse(null);
        for (Object[] c : contacts) {
            LocalDate d = Window.weekday(dob.plusDays((Integer) c[1] + rng.nextInt(14)));
            double r = rng.nextDouble();
            String outcome = r < 0.9 ? "SEEN" : r < 0.96 ? "NO_ACCESS" : "DECLINED";
            HouseholdPlan.EventDraft e = plan.event(EventKind.HV_CONTACT, Window.office(d, rng), child)
                    .with(mum, "mother").attr(Attr.CONTACT, c[0]).attr(Attr.OUTCOME, outcome)
                    .indicator(outcome.equals("NO_ACCESS") ? "PAR22" : null);
            distractor(e, rng);
            e.add();
        }
    }

    private void school(HouseholdPlan plan, Person child, SplittableRandom rng, double years) {
        Window w = plan.window();
        int notes = poisson(rng, 0.5 * years);
        for (int i = 0; i < notes; i++) {
            LocalDate d = Window.weekday(w.randomDate(rng));
            int age = child.ageOn(d);
            if (age < 4 || age > 16) {
                continue;
            }
            HouseholdPlan.EventDraft e = plan.event(EventKind.PASTORAL_NOTE, Window.office(d, rng), child)
                    .attr(Attr.CATEGORY, pick(rng, "Welfare", "Behaviour", "Attendance", "Welfare", "Friendships"));
            distractor(e, rng);
            e.add();
        }
        int susp = poisson(rng, 0.05 * years);
        for (int i = 0; i < susp; i++) {
            LocalDate d = Window.weekday(w.randomDate(rng));
            int age = child.ageOn(d);
            if (age < 6 || age > 16 || (age < 11 && rng.nextInt(4) > 0)) {
                continue;
            }
            boolean perm = rng.nextDouble() < 0.03;
            String reason = pick(rng, "PP", "PP", "VA", "DB", "DB", "PA", "VP", "BU", "DM", "OW", "DA");
            plan.event(EventKind.EXCLUSION, Window.office(d, rng), child)
                    .attr(Attr.CATEGORY, perm ? "PERM" : "SUSP").attr(Attr.REASON, reason)
                    .indicator(perm ? "EDU08" : "EDU06").add();
        }
    }

    private void socialCare(HouseholdPlan plan, Person child, SplittableRandom rng, double years) {
        Window w = plan.window();
        int contacts = poisson(rng, 0.03 * years);
        for (int i = 0; i < contacts; i++) {
            LocalDate d = Window.weekday(w.randomDate(rng));
            if (!child.bornBy(d.plusDays(90))) {
                continue;
            }
            HouseholdPlan.EventDraft e = plan.event(EventKind.CSC_CONTACT, Window.office(d, rng), child)
                    .with(plan.household().mainCarer().orElse(null), "parent")
                    .attr(Attr.SOURCE, pick(rng, "2A", "2B", "3A", "5A", "5B", "1A", "1B", "6", "9"))
                    .attr(Attr.OUTCOME, pick(rng, "NFA", "NFA", "INFO_ADVICE", "EARLY_HELP"));
            distractor(e, rng);
            e.add();
        }
        if (rng.nextDouble() < 0.03 * years) {
            LocalDate d = Window.weekday(w.randomDate(rng));
            if (child.bornBy(d)) {
                SocialCarePathway.referral(plan, child, d, rng, null, false, "3B", pick(rng, "N4", "N8", "N9", "N1"));
            }
        }
    }

    private void police(HouseholdPlan plan, SplittableRandom rng, double years) {
        Window w = plan.window();
        Household hh = plan.household();
        if (rng.nextDouble() < 0.025 * years) {
            LocalDate d = w.randomDate(rng);
            Person perp = plan.perpetratorOn(d);
            Person victim = hh.withRole(HouseholdRole.MOTHER).filter(p -> p.presentOn(d)).orElse(null);
            if (perp != null && victim != null) {
                HouseholdPlan.EventDraft e = plan.event(EventKind.POLICE_INCIDENT, Window.anyTime(d, rng), victim)
                        .with(victim, "victim").with(perp, "perpetrator")
                        .attr(Attr.TYPE, "DOM").attr(Attr.DASH, "S").planted("PAR01");
                plan.childrenOn(d).forEach(c -> e.with(c, "subject"));
                e.add();
            }
        }
        for (Person adult : hh.adults()) {
            if (rng.nextDouble() < 0.03 * years) {
                LocalDate d = w.randomDate(rng);
                if (adult.presentOn(d)) {
                    plan.event(EventKind.POLICE_INCIDENT, Window.anyTime(d, rng), adult).with(adult, "victim")
                            .attr(Attr.TYPE, "CRIM").add();
                }
            }
        }
        for (Person child : hh.children()) {
            if (rng.nextDouble() < 0.05 * years) {
                LocalDate d = w.randomDate(rng);
                if (child.ageOn(d) >= 12) {
                    plan.event(EventKind.POLICE_INCIDENT, Window.anyTime(d, rng), child).with(child, "perpetrator")
                            .attr(Attr.TYPE, "ASB").add();
                }
            }
            if (rng.nextDouble() < 0.008 * years) {
                LocalDate d = w.randomDate(rng);
                if (child.ageOn(d) >= 12) {
                    plan.event(EventKind.POLICE_INCIDENT, Window.anyTime(d, rng), child).with(child, "subject")
                            .with(hh.mainCarer().orElse(null), "witness")
                            .attr(Attr.TYPE, "MISS").attr(Attr.FOUND, "home").planted("MIS01").add();
                }
            }
        }
        if (rng.nextDouble() < 0.01 * years) {
            LocalDate d = w.randomDate(rng);
            Person carer = hh.mainCarer().orElseThrow();
            HouseholdPlan.EventDraft e = plan.event(EventKind.POLICE_INCIDENT, Window.anyTime(d, rng), carer)
                    .with(carer, "other").attr(Attr.TYPE, "CONC");
            plan.childrenOn(d).forEach(c -> e.with(c, "subject"));
            distractor(e, rng);
            e.add();
        }
    }

    private void housing(HouseholdPlan plan, SplittableRandom rng, double years) {
        Window w = plan.window();
        Household hh = plan.household();
        Person tenant = hh.mainCarer().orElseThrow();
        for (AddressSpell s : hh.addresses()) {
            if (s.tenure() == Tenure.SOCIAL_RENT && w.contains(s.from())) {
                plan.event(EventKind.HOUSING_EVENT, Window.office(s.from(), rng), tenant).attr(Attr.TYPE, "TEN_START")
                        .add();
            }
        }
        boolean social = hh.addresses().stream().anyMatch(s -> s.tenure() == Tenure.SOCIAL_RENT);
        if (social) {
            int arrears = poisson(rng, 0.25 * years);
            for (int i = 0; i < arrears; i++) {
                LocalDate d = w.randomDate(rng);
                if (hh.spellOn(d).tenure() == Tenure.SOCIAL_RENT) {
                    plan.event(EventKind.HOUSING_EVENT, Window.office(d, rng), tenant).attr(Attr.TYPE, "ARREARS")
                            .attr(Attr.REASON, 200 + rng.nextInt(1800)).indicator("HOU03").add();
                }
            }
            if (rng.nextDouble() < 0.04 * years) {
                LocalDate d = w.randomDate(rng);
                plan.event(EventKind.HOUSING_EVENT, Window.office(d, rng), tenant).attr(Attr.TYPE, "ASB_COMPLAINT")
                        .add();
            }
            if (rng.nextDouble() < 0.02 * years) {
                LocalDate d = w.randomDate(rng);
                int owed = 1000 + rng.nextInt(2500);
                plan.event(EventKind.HOUSING_EVENT, Window.office(d, rng), tenant).attr(Attr.TYPE, "NOSP")
                        .attr(Attr.REASON, owed).indicator("HOU03").add();
                if (rng.nextInt(8) == 0) {
                    plan.event(EventKind.HOUSING_EVENT, Window.office(d.plusDays(70 + rng.nextInt(90)), rng), tenant)
                            .attr(Attr.TYPE, "EVICTION").attr(Attr.REASON, owed).indicator("HOU03").add();
                }
            }
        }
        if (rng.nextDouble() < 0.008 * years) {
            LocalDate d = w.randomDate(rng);
            HousingPathway.homeless(plan, tenant, d, rng, null, pick(rng, "END_AST", "FAMILY_EVICT", "RELATIONSHIP"));
        }
    }

    private void probation(HouseholdPlan plan, SplittableRandom rng) {
        for (Person adult : plan.household().adults()) {
            if (adult.pnc() != null && adult.sex() == org.tessera.indexer.synthetic.population.Sex.MALE
                    && rng.nextDouble() < 0.3) {
                LocalDate start = plan.window().randomDate(rng);
                String mappa = rng.nextDouble() < 0.1 ? "2" : "";
                ProbationPathway.supervision(plan, adult, start, 180 + rng.nextInt(540), mappa, null, rng);
            }
        }
    }

    public static void distractor(HouseholdPlan.EventDraft e, SplittableRandom rng) {
        if (rng.nextDouble() < DISTRACTOR_RATE) {
            e.mention(DISTRACTORS.get(rng.nextInt(DISTRACTORS.size())));
        }
    }

    static int poisson(SplittableRandom rng, double mean) {
        double l = Math.exp(-mean);
        int k = 0;
        double p = 1;
        do {
            k++;
            p *= rng.nextDouble();
        } while (p > l);
        return k - 1;
    }

    static String pick(SplittableRandom rng, String... options) {
        return options[rng.nextInt(options.length)];
    }
}
