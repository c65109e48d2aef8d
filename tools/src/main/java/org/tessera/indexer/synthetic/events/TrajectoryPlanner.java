package org.tessera.indexer.synthetic.events;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.tessera.indexer.synthetic.events.PlannedEvent.Attr;
import org.tessera.indexer.synthetic.notes.Cue;
import org.tessera.indexer.synthetic.notes.Mention;
import org.tessera.indexer.synthetic.population.Household;
import org.tessera.indexer.synthetic.population.HouseholdRole;
import org.tessera.indexer.synthetic.population.Person;

/**
 * Plants risk trajectories in a share of households (rates documented in docs/synthetic-data.md).
 * Every planted event names the indicator (ids of shared/research/indicators.csv) it was written
 * to trigger. Stateless; thread-safe.
 */
public final class TrajectoryPlanner {
    public static final double P_CUMULATIVE_FAMILY = 0.022;
    public static final double P_CUMULATIVE_ADOLESCENT = 0.016;
    public static final double P_ACUTE = 0.009;
    public static final double P_RESOLVED = 0.012;
    /**
     * Share of cumulative trajectories that end in one high-severity event (Molly's Puzzle: the
     * picture was there before the serious incident). The evaluation measures how long before that
     * event the cumulative picture surfaced; the rest never cross a threshold.
     */
    public static final double P_ESCALATION = 0.5;

    public void plan(HouseholdPlan plan, SplittableRandom rng) {
        Household hh = plan.household();
        double r = rng.nextDouble();
        LocalDate end = plan.window().end();
        if (r < P_CUMULATIVE_FAMILY) {
            if (rng.nextBoolean() && hh.withRole(HouseholdRole.MOTHER).isPresent()) {
                domestic(plan, rng, end.minusDays(rng.nextInt(60)));
            } else {
                neglect(plan, rng, end.minusDays(rng.nextInt(60)));
            }
        } else if ((r -= P_CUMULATIVE_FAMILY) < P_CUMULATIVE_ADOLESCENT) {
            hh.children().stream().filter(c -> c.ageOn(end) >= 14).findFirst()
                    .ifPresent(c -> adolescent(plan, c, rng, end.minusDays(rng.nextInt(60))));
        } else if ((r -= P_CUMULATIVE_ADOLESCENT) < P_ACUTE) {
            acute(plan, rng);
        } else if ((r -= P_ACUTE) < P_RESOLVED) {
            resolved(plan, rng);
        }
    }

    private static String id(HouseholdPlan plan, char suffix) {
        return "T" + plan.household().index() + suffix;
    }

    private static List<Person> register(HouseholdPlan plan, String tid, TrajectoryKind kind, String theme,
                                         LocalDate from, LocalDate to) {
        List<Person> kids = plan.household().children().stream().filter(c -> c.bornBy(to)).toList();
        for (Person c : kids) {
            plan.trajectory(new Trajectory(tid, kind, theme, c, from, to));
        }
        return kids;
    }

    /** Cumulative: a household with domestic abuse, drink and low mood; nothing crosses a threshold until a possible escalation at the end. */
    private void domestic(HouseholdPlan plan, SplittableRandom rng, LocalDate to) {
        LocalDate from = to.minusDays(270 + rng.nextInt(330));
        String tid = id(plan, 'c');
        List<Person> kids = register(plan, tid, TrajectoryKind.CUMULATIVE, "domestic", from, to);
        if (kids.isEmpty()) {
            return;
        }
        Household hh = plan.household();
        Person mum = hh.withRole(HouseholdRole.MOTHER).orElseThrow();
        long span = to.toEpochDay() - from.toEpochDay();
        LocalDate da1 = from.plusDays(rng.nextLong(span / 3 + 1));
        LocalDate da2 = da1.plusDays(130 + rng.nextInt(100));
        daIncident(plan, mum, da1, "S", "PAR01", rng.nextBoolean() ? "PAR14" : null, kids, tid, rng);
        if (da2.isBefore(to)) {
            daIncident(plan, mum, da2, "M", "PAR03", rng.nextBoolean() ? "PAR07" : "PAR14", kids, tid, rng);
        }
        List<Runnable> menu = new ArrayList<>();
        menu.add(() -> cscContact(plan, first(kids), rnd(from, to, rng), "NFA", "OTH08", tid, rng));
        menu.add(() -> childNote(plan, first(kids), rnd(from, to, rng), "PAR10", tid, rng));
        menu.add(() -> childNote(plan, last(kids), rnd(from, to, rng), rng.nextBoolean() ? "NEG04" : "NEG03", tid, rng));
        menu.add(() -> childNote(plan, first(kids), rnd(from, to, rng), "PAR14", tid, rng));
        menu.add(() -> wasNotBrought(plan, youngest(kids), rnd(from, to, rng), tid, rng));
        menu.add(() -> hvOrCsc(plan, youngest(kids), rnd(from, to, rng), "PAR22", tid, rng));
        menu.add(() -> {
            LocalDate d = rnd(from, to, rng);
            SocialCarePathway.referral(plan, first(kids), d, rng, tid, true, "3B,4B,1B", "N1");
        });
        menu.add(() -> housingStress(plan, mum, rnd(from, to, rng), tid, rng));
        if (hh.withRole(HouseholdRole.PARTNER).isPresent()) {
            menu.add(() -> childNote(plan, first(kids), rnd(from, to, rng), "PAR19", tid, rng));
        }
        runSome(menu, 4 + rng.nextInt(4), rng);
        attendanceDip(plan, kids, from.plusDays(span / 3), to, 0.06 + rng.nextDouble() * 0.06, tid, rng);
        if (rng.nextDouble() < P_ESCALATION && plan.perpetratorOn(to) != null) {
            daIncident(plan, mum, to, "H", rng.nextBoolean() ? "PAR02" : "PAR05", null, kids, tid, rng);
        }
    }

    /** Cumulative neglect: dirty, hungry, missed health care, no access, poor home. */
    private void neglect(HouseholdPlan plan, SplittableRandom rng, LocalDate to) {
        LocalDate from = to.minusDays(240 + rng.nextInt(360));
        String tid = id(plan, 'c');
        List<Person> kids = register(plan, tid, TrajectoryKind.CUMULATIVE, "neglect", from, to);
        if (kids.isEmpty()) {
            return;
        }
        Person carer = plan.household().mainCarer().orElseThrow();
        List<Runnable> menu = new ArrayList<>();
        menu.add(() -> childNote(plan, first(kids), rnd(from, to, rng), "NEG03", tid, rng));
        menu.add(() -> childNote(plan, last(kids), rnd(from, to, rng), "NEG04", tid, rng));
        menu.add(() -> wasNotBrought(plan, youngest(kids), rnd(from, to, rng), tid, rng));
        menu.add(() -> wasNotBrought(plan, first(kids), rnd(from, to, rng), tid, rng));
        menu.add(() -> hvOrCsc(plan, youngest(kids), rnd(from, to, rng), "NEG08", tid, rng));
        menu.add(() -> appointment(plan, first(kids), rnd(from, to, rng), "NEG07", tid, rng));
        menu.add(() -> hvOrCsc(plan, youngest(kids), rnd(from, to, rng), "PAR22", tid, rng));
        menu.add(() -> welfareCheck(plan, carer, kids, rnd(from, to, rng), "NEG02", tid, rng));
        menu.add(() -> welfareCheck(plan, carer, kids, rnd(from, to, rng), "PAR15", tid, rng));
        menu.add(() -> cscContact(plan, first(kids), rnd(from, to, rng), "NFA", "OTH08", tid, rng));
        menu.add(() -> housingStress(plan, carer, rnd(from, to, rng), tid, rng));
        runSome(menu, 5 + rng.nextInt(4), rng);
        long span = to.toEpochDay() - from.toEpochDay();
        attendanceDip(plan, kids, from.plusDays(span / 4), to, 0.07 + rng.nextDouble() * 0.07, tid, rng);
        if (rng.nextDouble() < P_ESCALATION) {
            Person child = youngest(kids);
            if (child.bornBy(to) && child.ageOn(to) < 4) {
                ae(plan, child, to, "Ingestion", "Y", "HLT03", tid, rng);
            } else {
                pastoral(plan, child, to, "Safeguarding", "PHY09", tid, rng);
            }
        }
    }

    /** Cumulative adolescent exploitation risk: missing, money, older males, cannabis, exclusion. */
    private void adolescent(HouseholdPlan plan, Person child, SplittableRandom rng, LocalDate to) {
        LocalDate from = to.minusDays(200 + rng.nextInt(300));
        String tid = id(plan, 'a');
        plan.trajectory(new Trajectory(tid, TrajectoryKind.CUMULATIVE, "adolescent", child, from, to));
        long span = to.toEpochDay() - from.toEpochDay();
        LocalDate m1 = from.plusDays(rng.nextLong(span / 2 + 1));
        missing(plan, child, m1, tid, rng);
        // Missing episodes at least 100 days apart, so the >=3-in-90-days rule (MIS02, high) is not planted.
        if (m1.plusDays(100).isBefore(to)) {
            missing(plan, child, m1.plusDays(100 + rng.nextInt(60)), tid, rng);
        }
        List<Runnable> menu = new ArrayList<>();
        menu.add(() -> childNote(plan, child, rnd(from, to, rng), "EXP07", tid, rng));
        menu.add(() -> childNote(plan, child, rnd(from, to, rng), "EXP06", tid, rng));
        menu.add(() -> childNote(plan, child, rnd(from, to, rng), "EXP12", tid, rng));
        menu.add(() -> childNote(plan, child, rnd(from, to, rng), "EMO04", tid, rng));
        menu.add(() -> childNote(plan, child, rnd(from, to, rng), "EDU10", tid, rng));
        menu.add(() -> {
            LocalDate d = rnd(from, to, rng);
            plan.event(EventKind.EXCLUSION, Window.office(d, rng), child).attr(Attr.CATEGORY, "SUSP")
                    .attr(Attr.REASON, BackgroundPlanner.pick(rng, "PP", "VA", "DB")).indicator("EDU06").trajectory(tid)
                    .add();
        });
        menu.add(() -> {
            LocalDate d = rnd(from, to, rng);
            plan.event(EventKind.POLICE_INCIDENT, Window.anyTime(d, rng), child).with(child, "perpetrator")
                    .attr(Attr.TYPE, "CRIM").planted("CJ06").trajectory(tid).add();
        });
        menu.add(() -> {
            LocalDate d = rnd(from, to, rng);
            plan.event(EventKind.POLICE_INCIDENT, Window.anyTime(d, rng), child).with(child, "subject")
                    .attr(Attr.TYPE, "INTEL").planted("EXP03").trajectory(tid).add();
        });
        menu.add(() -> cscContact(plan, child, rnd(from, to, rng), "NFA", "OTH08", tid, rng));
        runSome(menu, 4 + rng.nextInt(4), rng);
        attendanceDip(plan, List.of(child), from, to, 0.08 + rng.nextDouble() * 0.08, tid, rng);
        if (rng.nextDouble() < P_ESCALATION) {
            plan.event(EventKind.POLICE_INCIDENT, Window.anyTime(to, rng), child).with(child, "subject")
                    .attr(Attr.TYPE, "CRIM").planted("EXP05").trajectory(tid).add();
        }
    }

    /** One high-severity event in the last nine months, and the statutory response. */
    private void acute(HouseholdPlan plan, SplittableRandom rng) {
        Household hh = plan.household();
        Window w = plan.window();
        LocalDate d = w.randomDate(w.end().minusDays(270), w.end().minusDays(20), rng);
        List<Person> kids = plan.childrenOn(d);
        if (kids.isEmpty()) {
            return;
        }
        Person child = kids.get(rng.nextInt(kids.size()));
        String tid = id(plan, 'x');
        int age = child.ageOn(d);
        String category;
        Person mum = hh.withRole(HouseholdRole.MOTHER).filter(p -> p.presentOn(d)).orElse(null);
        if (mum != null && plan.perpetratorOn(d) != null && rng.nextInt(3) == 0) {
            String ind = rng.nextBoolean() ? "PAR02" : "PAR05";
            daIncident(plan, mum, d, "H", ind, null, kids, tid, rng);
            category = "EMO";
            for (Person c : kids) {
                plan.trajectory(new Trajectory(tid, TrajectoryKind.ACUTE, "domestic_high", c, d, d));
            }
        } else {
            String ind;
            if (age < 1) {
                ind = "PHY01";
                ae(plan, child, d, "Bruising", "Y", ind, tid, rng);
                category = "PHY";
            } else if (age < 4) {
                ind = rng.nextBoolean() ? "PHY03" : "HLT03";
                ae(plan, child, d, ind.equals("PHY03") ? "Head injury" : "Ingestion", "Y", ind, tid, rng);
                category = ind.equals("PHY03") ? "PHY" : "NEG";
            } else if (age < 12) {
                ind = rng.nextInt(3) == 0 ? "SEX01" : "PHY09";
                pastoral(plan, child, d, "Safeguarding", ind, tid, rng);
                category = ind.equals("SEX01") ? "SAB" : "PHY";
            } else {
                int k = rng.nextInt(3);
                ind = k == 0 ? "EMO02" : k == 1 ? "EXP05" : "EMO05";
                if (k == 0) {
                    ae(plan, child, d, "Self harm", "Y", ind, tid, rng);
                } else if (k == 1) {
                    plan.event(EventKind.POLICE_INCIDENT, Window.anyTime(d, rng), child).with(child, "subject")
                            .attr(Attr.TYPE, "CRIM").planted(ind).trajectory(tid).add();
                } else {
                    pastoral(plan, child, d, "Safeguarding", ind, tid, rng);
                }
                category = k == 1 ? "MUL" : "EMO";
            }
            plan.trajectory(new Trajectory(tid, TrajectoryKind.ACUTE, "single_" + ind, child, d, d));
        }
        LocalDate ref = d.plusDays(rng.nextInt(2));
        plan.event(EventKind.CSC_REFERRAL, Window.office(ref, rng), child)
                .with(hh.mainCarer().orElse(null), "parent").attr(Attr.SOURCE, "5A").attr(Attr.OUTCOME, "S47")
                .attr(Attr.REASON, "N1").trajectory(tid).add();
        SocialCarePathway.protection(plan, child, Window.weekday(ref.plusDays(1 + rng.nextInt(3))), rng, tid, category,
                0.55, 240 + rng.nextInt(200));
    }

    /** A pattern in the first year that was worked with and ended, then reassuring records. */
    private void resolved(HouseholdPlan plan, SplittableRandom rng) {
        Window w = plan.window();
        LocalDate from = w.start().plusDays(rng.nextInt(60));
        LocalDate to = from.plusDays(200 + rng.nextInt(120));
        String tid = id(plan, 'r');
        List<Person> kids = register(plan, tid, TrajectoryKind.RESOLVED, "resolved", from, to);
        if (kids.isEmpty()) {
            return;
        }
        Household hh = plan.household();
        Person carer = hh.mainCarer().orElseThrow();
        Person mum = hh.withRole(HouseholdRole.MOTHER).orElse(null);
        boolean da = mum != null && plan.perpetratorOn(from) != null && rng.nextBoolean();
        if (da) {
            daIncident(plan, mum, from.plusDays(rng.nextInt(40)), "M", "PAR03", "PAR14", kids, tid, rng);
        } else {
            welfareCheck(plan, carer, kids, from.plusDays(rng.nextInt(40)), "NEG02", tid, rng);
        }
        wasNotBrought(plan, youngest(kids), rnd(from, to, rng), tid, rng);
        childNote(plan, first(kids), rnd(from, to, rng), da ? "PAR14" : "NEG04", tid, rng);
        LocalDate s47 = Window.weekday(from.plusDays(50 + rng.nextInt(30)));
        SocialCarePathway.protection(plan, first(kids), s47, rng, tid, da ? "EMO" : "NEG", 1.0,
                (int) (to.toEpochDay() - s47.toEpochDay()));
        attendanceDip(plan, kids, from, to, 0.08, tid, rng);
        // Afterwards: reassuring notes that mention the past only historically.
        for (int i = 0, n = 2 + rng.nextInt(3); i < n; i++) {
            LocalDate d = w.randomDate(to.plusDays(60), w.end(), rng);
            Mention historical = new Mention(da ? (rng.nextBoolean() ? "PAR14" : "PAR01") : "NEG01", Cue.HISTORICAL);
            Person c = kids.get(rng.nextInt(kids.size()));
            HouseholdPlan.EventDraft e = c.ageOn(d) >= 5 && c.ageOn(d) <= 16
                    ? plan.event(EventKind.PASTORAL_NOTE, Window.office(d, rng), c).attr(Attr.CATEGORY, "Welfare")
                    : plan.event(EventKind.CSC_CONTACT, Window.office(d, rng), c).with(carer, "parent")
                            .attr(Attr.SOURCE, "5B").attr(Attr.OUTCOME, "INFO_ADVICE");
            e.mention(historical).mention(new Mention(da ? "PAR01" : "NEG02", Cue.NEGATED)).add();
        }
    }

    // ---- building blocks ----

    private static void daIncident(HouseholdPlan plan, Person victim, LocalDate d, String dash, String indicator,
                                   String extra, List<Person> kids, String tid, SplittableRandom rng) {
        Person perp = plan.perpetratorOn(d);
        HouseholdPlan.EventDraft e = plan.event(EventKind.POLICE_INCIDENT, Window.anyTime(d, rng), victim)
                .with(victim, "victim").with(perp, "perpetrator").attr(Attr.TYPE, "DOM").attr(Attr.DASH, dash)
                .planted(indicator).trajectory(tid);
        if (!indicator.equals("PAR01")) {
            e.mention(Mention.affirmed("PAR01"));
        }
        if (extra != null) {
            e.mention(Mention.affirmed(extra));
        }
        kids.stream().filter(c -> c.bornBy(d)).forEach(c -> e.with(c, "subject"));
        if (!e.add()) {
            return;
        }
        // Operation Encompass: the school hears before the next school day.
        for (Person c : kids) {
            int age = c.ageOn(d);
            if (age >= 4 && age <= 16) {
                LocalDate next = Window.weekday(d.plusDays(1));
                plan.event(EventKind.PASTORAL_NOTE, Window.office(next, rng).withHour(8), c)
                        .attr(Attr.CATEGORY, "Operation Encompass").planted("EDU14").trajectory(tid).add();
            }
        }
    }

    private static void childNote(HouseholdPlan plan, Person child, LocalDate d, String indicator, String tid,
                                  SplittableRandom rng) {
        int age = child.ageOn(d);
        if (age >= 4 && age <= 16) {
            pastoral(plan, child, d, "Welfare", indicator, tid, rng);
        } else {
            hvOrCsc(plan, child, d, indicator, tid, rng);
        }
    }

    private static void pastoral(HouseholdPlan plan, Person child, LocalDate d, String category, String indicator,
                                 String tid, SplittableRandom rng) {
        plan.event(EventKind.PASTORAL_NOTE, Window.office(d, rng), child).attr(Attr.CATEGORY, category)
                .planted(indicator).trajectory(tid).add();
    }

    private static void hvOrCsc(HouseholdPlan plan, Person child, LocalDate d, String indicator, String tid,
                                SplittableRandom rng) {
        Person carer = plan.household().mainCarer().orElse(null);
        if (child.bornBy(d) && child.ageOn(d) < 3) {
            plan.event(EventKind.HV_CONTACT, Window.office(d, rng), child).with(carer, "mother")
                    .attr(Attr.CONTACT, "ADDITIONAL")
                    .attr(Attr.OUTCOME, indicator.equals("PAR22") ? "NO_ACCESS" : "SEEN").planted(indicator)
                    .trajectory(tid).add();
        } else {
            cscContact(plan, child, d, "NFA", indicator, tid, rng);
        }
    }

    private static void cscContact(HouseholdPlan plan, Person child, LocalDate d, String outcome, String indicator,
                                   String tid, SplittableRandom rng) {
        HouseholdPlan.EventDraft e = plan.event(EventKind.CSC_CONTACT, Window.office(d, rng), child)
                .with(plan.household().mainCarer().orElse(null), "parent")
                .attr(Attr.SOURCE, BackgroundPlanner.pick(rng, "2A", "3A", "5A", "1B")).attr(Attr.OUTCOME, outcome)
                .planted(indicator).trajectory(tid);
        if (!indicator.equals("OTH08") && outcome.equals("NFA")) {
            e.mention(Mention.affirmed("OTH08"));
        }
        e.add();
    }

    private static void wasNotBrought(HouseholdPlan plan, Person child, LocalDate d, String tid, SplittableRandom rng) {
        if (child.bornBy(d)) {
            plan.event(EventKind.APPOINTMENT, Window.office(d, rng), child)
                    .attr(Attr.TYPE, BackgroundPlanner.pick(rng, "Paediatrics", "Audiology", "Dental", "Orthoptics"))
                    .attr(Attr.OUTCOME, "WNB").planted("NEG09").trajectory(tid).add();
        }
    }

    private static void appointment(HouseholdPlan plan, Person child, LocalDate d, String indicator, String tid,
                                    SplittableRandom rng) {
        if (child.bornBy(d)) {
            plan.event(EventKind.APPOINTMENT, Window.office(d, rng), child).attr(Attr.TYPE, "Dental")
                    .attr(Attr.OUTCOME, "ATT").planted(indicator).trajectory(tid).add();
        }
    }

    private static void ae(HouseholdPlan plan, Person child, LocalDate d, String complaint, String safeguarding,
                           String indicator, String tid, SplittableRandom rng) {
        plan.event(EventKind.AE_ATTENDANCE, Window.anyTime(d, rng), child)
                .with(plan.household().mainCarer().orElse(null), "parent").attr(Attr.COMPLAINT, complaint)
                .attr(Attr.SAFEGUARDING, safeguarding).planted(indicator).trajectory(tid).add();
    }

    private static void welfareCheck(HouseholdPlan plan, Person carer, List<Person> kids, LocalDate d, String indicator,
                                     String tid, SplittableRandom rng) {
        HouseholdPlan.EventDraft e = plan.event(EventKind.POLICE_INCIDENT, Window.anyTime(d, rng), carer)
                .with(carer, "other").attr(Attr.TYPE, "CONC").planted(indicator).trajectory(tid);
        kids.stream().filter(c -> c.bornBy(d)).forEach(c -> e.with(c, "subject"));
        e.add();
    }

    private static void missing(HouseholdPlan plan, Person child, LocalDate d, String tid, SplittableRandom rng) {
        boolean far = rng.nextInt(3) == 0;
        HouseholdPlan.EventDraft e = plan.event(EventKind.POLICE_INCIDENT, Window.anyTime(d, rng), child)
                .with(child, "subject").with(plan.household().mainCarer().orElse(null), "witness")
                .attr(Attr.TYPE, "MISS").attr(Attr.FOUND, far ? "out_of_area" : "local").planted("MIS01")
                .trajectory(tid);
        e.add();
    }

    private static void housingStress(HouseholdPlan plan, Person tenant, LocalDate d, String tid, SplittableRandom rng) {
        if (rng.nextBoolean()) {
            int arrears = 900 + rng.nextInt(2000);
            plan.event(EventKind.HOUSING_EVENT, Window.office(d, rng), tenant).attr(Attr.TYPE, "NOSP")
                    .attr(Attr.REASON, arrears).planted("HOU03").trajectory(tid).add();
            if (rng.nextInt(3) == 0) {
                plan.event(EventKind.HOUSING_EVENT, Window.office(d.plusDays(56 + rng.nextInt(60)), rng), tenant)
                        .attr(Attr.TYPE, "EVICTION").attr(Attr.REASON, arrears + rng.nextInt(400))
                        .planted("HOU03").trajectory(tid).add();
            }
        } else {
            HousingPathway.homeless(plan, tenant, d, rng, tid, "END_AST");
        }
    }

    private static void attendanceDip(HouseholdPlan plan, List<Person> kids, LocalDate from, LocalDate to, double extra,
                                      String tid, SplittableRandom rng) {
        for (Person c : kids) {
            plan.handleAttendance(c);
            BackgroundPlanner.attendance(plan, c, rng, extra, from, to, tid);
        }
    }

    private static void runSome(List<Runnable> menu, int n, SplittableRandom rng) {
        List<Runnable> copy = new ArrayList<>(menu);
        for (int i = 0; i < n && !copy.isEmpty(); i++) {
            copy.remove(rng.nextInt(copy.size())).run();
        }
    }

    private static LocalDate rnd(LocalDate from, LocalDate to, SplittableRandom rng) {
        long span = Math.max(1, to.toEpochDay() - from.toEpochDay());
        return from.plusDays(rng.nextLong(span));
    }

    private static Person first(List<Person> kids) {
        return kids.getFirst();
    }

    private static Person last(List<Person> kids) {
        return kids.getLast();
    }

    private static Person youngest(List<Person> kids) {
        return kids.stream().max(java.util.Comparator.comparing(Person::dateOfBirth)).orElseThrow();
    }
}
