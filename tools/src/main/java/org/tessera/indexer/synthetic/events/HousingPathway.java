package org.tessera.indexer.synthetic.events;

import java.time.LocalDate;
import java.util.SplittableRandom;
import org.tessera.indexer.synthetic.events.PlannedEvent.Attr;
import org.tessera.indexer.synthetic.population.Person;

/** Homelessness applications (with temporary accommodation when a duty is owed). */
public final class HousingPathway {
    private HousingPathway() {
    }

    public static void homeless(HouseholdPlan plan, Person applicant, LocalDate d, SplittableRandom rng,
                                String trajectoryId, String reason) {
        boolean ta = rng.nextDouble() < 0.6;
        HouseholdPlan.EventDraft e = plan.event(EventKind.HOMELESS_APPLICATION, Window.office(d, rng), applicant)
                .with(applicant, "subject").attr(Attr.REASON, reason)
                .attr(Attr.TYPE, ta ? BackgroundPlanner.pick(rng, "B&B", "HOSTEL", "SELF_CONTAINED") : "")
                .attr(Attr.OUTCOME, BackgroundPlanner.pick(rng, "PREVENTION", "RELIEF", "MAIN"))
                .trajectory(trajectoryId);
        Person partner = plan.perpetratorOn(d);
        if (partner != null && !partner.equals(applicant)) {
            e.with(partner, "partner");
        }
        plan.childrenOn(d).forEach(c -> e.with(c, "household_member"));
        if (ta) {
            e.planted("HOU01");
        } else {
            e.indicator("HOU01");
        }
        e.add();
    }
}
