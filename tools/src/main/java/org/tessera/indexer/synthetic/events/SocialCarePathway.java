package org.tessera.indexer.synthetic.events;

import java.time.LocalDate;
import java.util.SplittableRandom;
import org.tessera.indexer.synthetic.events.PlannedEvent.Attr;
import org.tessera.indexer.synthetic.population.Person;

/** The statutory route: referral, assessment (with CIN factors), strategy/S47, ICPC and CP plan. */
public final class SocialCarePathway {
    private SocialCarePathway() {
    }

    /**
     * Referral then (usually) an assessment. {@code nfa}: closed at referral or assessment.
     * @return the assessment date, or null when the referral was closed without one
     */
    public static LocalDate referral(HouseholdPlan plan, Person child, LocalDate d, SplittableRandom rng,
                                     String trajectoryId, boolean planted, String factors, String primaryNeed) {
        Person carer = plan.household().mainCarer().orElse(null);
        boolean nfa = rng.nextDouble() < 0.35;
        HouseholdPlan.EventDraft ref = plan.event(EventKind.CSC_REFERRAL, Window.office(d, rng), child)
                .with(carer, "parent").attr(Attr.SOURCE, BackgroundPlanner.pick(rng, "1B", "2A", "3A", "5A", "5B", "1A"))
                .attr(Attr.OUTCOME, nfa ? "NFA" : "ASSESS").attr(Attr.REASON, primaryNeed).trajectory(trajectoryId);
        if (nfa && planted) {
            ref.planted("OTH08");
        }
        BackgroundPlanner.distractor(ref, rng);
        ref.add();
        if (nfa) {
            return null;
        }
        LocalDate a = Window.weekday(d.plusDays(1 + rng.nextInt(10)));
        String outcome = factors.contains("B") || factors.contains("A") ? BackgroundPlanner.pick(rng, "NFA", "CIN", "EH")
                : "NFA";
        HouseholdPlan.EventDraft as = plan.event(EventKind.CSC_ASSESSMENT, Window.office(a, rng), child)
                .with(carer, "parent").attr(Attr.FACTORS, factors).attr(Attr.OUTCOME, outcome)
                .attr(Attr.END, a.plusDays(10 + rng.nextInt(50))).trajectory(trajectoryId);
        BackgroundPlanner.distractor(as, rng);
        as.add();
        return a;
    }

    /** Strategy discussion and S47 enquiry, ICPC, and a CP plan (category NEG/PHY/EMO/SAB/MUL) when made. */
    public static void protection(HouseholdPlan plan, Person child, LocalDate d, SplittableRandom rng,
                                  String trajectoryId, String category, double planProbability, int planDays) {
        Person carer = plan.household().mainCarer().orElse(null);
        LocalDate icpc = Window.weekday(d.plusDays(10 + rng.nextInt(8)));
        boolean cpPlan = rng.nextDouble() < planProbability;
        plan.event(EventKind.CSC_S47, Window.office(d, rng), child).with(carer, "parent")
                .attr(Attr.END, icpc).attr(Attr.OUTCOME, cpPlan ? "Y" : "N").trajectory(trajectoryId).add();
        if (cpPlan) {
            LocalDate end = icpc.plusDays(planDays);
            HouseholdPlan.EventDraft e = plan.event(EventKind.CSC_CP_PLAN, Window.office(icpc, rng), child)
                    .with(carer, "parent").attr(Attr.CATEGORY, category)
                    .attr(Attr.END, plan.window().contains(end) ? end.toString() : "").trajectory(trajectoryId);
            if (category.equals("NEG")) {
                e.indicator("NEG01");
            }
            e.add();
        }
    }
}
