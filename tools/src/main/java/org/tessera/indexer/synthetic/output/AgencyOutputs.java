package org.tessera.indexer.synthetic.output;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.tessera.indexer.synthetic.events.PlannedEvent;
import org.tessera.indexer.synthetic.events.HouseholdPlan;
import org.tessera.indexer.synthetic.events.Trajectory;

/** All agency writers and the ground truth for one run; routes each event to its layout. Not thread-safe. */
public final class AgencyOutputs implements AutoCloseable {
    private final List<AgencyWriter> writers;
    private final WriterContext ctx;

    public AgencyOutputs(WriterContext ctx, Path dataDir) {
        this(ctx, dataDir, LayoutSet.CLASSIC);
    }

    public AgencyOutputs(WriterContext ctx, Path dataDir, LayoutSet layouts) {
        this.ctx = ctx;
        this.writers = List.of(new PoliceWriter(ctx, dataDir, layouts), new HealthWriter(ctx, dataDir, layouts),
                new EducationWriter(ctx, dataDir, layouts), new SocialCareWriter(ctx, dataDir),
                new HousingWriter(ctx, dataDir, layouts), new ProbationWriter(ctx, dataDir));
    }

    public void write(HouseholdPlan plan, SplittableRandom rng) {
        ctx.truth().household(plan.household());
        for (Trajectory t : plan.trajectories()) {
            ctx.truth().trajectory(t);
        }
        HouseholdState st = new HouseholdState(plan.household().index());
        for (PlannedEvent e : plan.sorted()) {
            boolean written = false;
            for (AgencyWriter w : writers) {
                if (w.write(e, plan, st, rng)) {
                    written = true;
                    break;
                }
            }
            if (!written) {
                throw new IllegalStateException("no writer for " + e.kind());
            }
        }
    }

    /** Records written per source (layout). */
    public Map<String, Long> counts() {
        Map<String, Long> out = new TreeMap<>();
        writers.forEach(w -> out.putAll(w.counts()));
        return out;
    }

    @Override
    public void close() throws IOException {
        writers.forEach(AgencyWriter::close);
    }
}
