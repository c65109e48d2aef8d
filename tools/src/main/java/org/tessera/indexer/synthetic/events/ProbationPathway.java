package org.tessera.indexer.synthetic.events;

import java.time.LocalDate;
import java.util.SplittableRandom;
import org.tessera.indexer.synthetic.events.PlannedEvent.Attr;
import org.tessera.indexer.synthetic.population.Person;

/** A period of probation supervision: start, periodic reviews, end. */
public final class ProbationPathway {
    private ProbationPathway() {
    }

    public static void supervision(HouseholdPlan plan, Person offender, LocalDate start, int days, String mappa,
                                   String trajectoryId, SplittableRandom rng) {
        String sentence = BackgroundPlanner.pick(rng, "Community Order", "Suspended Sentence Order", "Licence",
                "Post Sentence Supervision");
        LocalDate end = start.plusDays(days);
        String indicator = mappa.isEmpty() ? null : "CJ01";
        plan.event(EventKind.PROBATION_EVENT, Window.office(start, rng), offender).attr(Attr.TYPE, "START")
                .attr(Attr.CATEGORY, sentence).attr(Attr.MAPPA, mappa).attr(Attr.END, end).indicator(indicator)
                .trajectory(trajectoryId).add();
        for (LocalDate d = start.plusDays(60 + rng.nextInt(40)); d.isBefore(end); d = d.plusDays(80 + rng.nextInt(40))) {
            plan.event(EventKind.PROBATION_EVENT, Window.office(d, rng), offender)
                    .attr(Attr.TYPE, mappa.isEmpty() ? "REVIEW" : "MAPPA_REVIEW").attr(Attr.CATEGORY, sentence)
                    .attr(Attr.MAPPA, mappa).attr(Attr.END, end).trajectory(trajectoryId).add();
        }
        plan.event(EventKind.PROBATION_EVENT, Window.office(end, rng), offender).attr(Attr.TYPE, "END")
                .attr(Attr.CATEGORY, sentence).attr(Attr.MAPPA, mappa).attr(Attr.END, end).trajectory(trajectoryId)
                .add();
    }
}
