package org.tessera.indexer.synthetic;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tessera.indexer.synthetic.events.BackgroundPlanner;
import org.tessera.indexer.synthetic.events.HouseholdPlan;
import org.tessera.indexer.synthetic.events.Trajectory;
import org.tessera.indexer.synthetic.events.TrajectoryPlanner;
import org.tessera.indexer.synthetic.events.Window;
import org.tessera.indexer.synthetic.noise.IdentityNoise;
import org.tessera.indexer.synthetic.notes.FragmentBank;
import org.tessera.indexer.synthetic.notes.NoteComposer;
import org.tessera.indexer.synthetic.output.AgencyOutputs;
import org.tessera.indexer.synthetic.output.DocumentWriter;
import org.tessera.indexer.synthetic.output.GroundTruthWriter;
import org.tessera.indexer.synthetic.output.LayoutSet;
import org.tessera.indexer.synthetic.output.WriterContext;
import org.tessera.indexer.synthetic.population.Gazetteer;
import org.tessera.indexer.synthetic.population.Household;
import org.tessera.indexer.synthetic.population.HouseholdFactory;
import org.tessera.indexer.synthetic.population.NameBank;
import org.tessera.indexer.synthetic.population.Organisations;

/**
 * Generates the synthetic county into a directory:
 * <pre>
 * OUT/data/*.csv, *.jsonl          agency extracts, one layout each (mappings/sources/*.yaml)
 * OUT/data/documents/...           PDF, DOCX, EML documents, some with .meta.json sidecars
 * OUT/ground-truth/...             true identities, trajectories, intended indicators (never ingested)
 * </pre>
 * Households are generated one at a time from a random stream derived from (seed, household
 * index) and written immediately, so output is identical for a seed and memory stays flat.
 * One instance per run; not thread-safe.
 */
public final class CountyGenerator {
    private static final Logger LOG = LoggerFactory.getLogger(CountyGenerator.class);
    private final GeneratorSettings settings;
    private final LayoutSet layouts;

    public CountyGenerator(GeneratorSettings settings) {
        this(settings, LayoutSet.CLASSIC);
    }

    /** @param layouts the agencies' export layouts (see {@link LayoutSet}) */
    public CountyGenerator(GeneratorSettings settings, LayoutSet layouts) {
        this.settings = settings;
        this.layouts = layouts;
    }

    /**
     * Generates into {@code outDir}, which must not already hold a generated county: stale files of
     * another run (a police file of another year, say) would otherwise be ingested with the new ones.
     *
     * @throws IllegalArgumentException if {@code outDir/data} or {@code outDir/ground-truth} is not empty
     */
    public GenerationSummary generate(Path outDir) throws IOException {
        for (String sub : new String[] {"data", "ground-truth"}) {
            Path p = outDir.resolve(sub);
            if (Files.isDirectory(p)) {
                try (var entries = Files.list(p)) {
                    if (entries.findAny().isPresent()) {
                        throw new IllegalArgumentException(p + " is not empty: generate into a new directory");
                    }
                }
            }
        }
        long t0 = System.nanoTime();
        Path data = outDir.resolve("data");
        Files.createDirectories(data);
        NameBank names = new NameBank();
        Organisations orgs = new Organisations();
        Gazetteer gazetteer = Gazetteer.forChildren(settings.seed(), settings.children());
        Window window = new Window(settings.startDate(), settings.endDate());
        HouseholdFactory factory = new HouseholdFactory(names, gazetteer, orgs, window.start(), window.end());
        BackgroundPlanner background = new BackgroundPlanner();
        TrajectoryPlanner trajectories = new TrajectoryPlanner();
        NoteComposer composer = new NoteComposer(new FragmentBank(), settings.templates());
        long households = 0;
        long children = 0;
        long adults = 0;
        Map<String, Long> byKind = new HashMap<>();
        LOG.info("Generating synthetic county: {} children, {} years to {}, seed {}", settings.children(),
                settings.years(), settings.endDate(), settings.seed());
        Map<String, Long> counts;
        long documents;
        long occurrences;
        long noisy;
        try (GroundTruthWriter truth = new GroundTruthWriter(outDir.resolve("ground-truth"),
                settings.writeNoteAnnotations())) {
            DocumentWriter docs = new DocumentWriter(data.resolve("documents"), settings.documentRate(),
                    settings.documentSidecarRate(), truth);
            WriterContext ctx = new WriterContext(names, orgs, new IdentityNoise(names), composer, truth, docs);
            try (AgencyOutputs outputs = new AgencyOutputs(ctx, data, layouts)) {
                for (long i = 0; children < settings.children(); i++) {
                    SplittableRandom rng = new SplittableRandom(mix(settings.seed(), i));
                    Household hh = factory.create(i, rng);
                    HouseholdPlan plan = new HouseholdPlan(hh, window);
                    trajectories.plan(plan, rng);
                    background.plan(plan, rng);
                    outputs.write(plan, rng);
                    households++;
                    children += hh.children().size();
                    adults += hh.adults().size();
                    for (Trajectory t : plan.trajectories()) {
                        byKind.merge(t.kind().name().toLowerCase(), 1L, Long::sum);
                    }
                    if (households % 20_000 == 0) {
                        LOG.info("{} households, {} children", households, children);
                    }
                }
                counts = outputs.counts();
            }
            documents = docs.count();
            occurrences = truth.occurrenceCount();
            noisy = truth.noisyOccurrenceCount();
        }
        long records = counts.values().stream().mapToLong(Long::longValue).sum();
        GenerationSummary summary = new GenerationSummary(households, children, adults, counts, records, documents,
                occurrences, noisy, byKind, (System.nanoTime() - t0) / 1e9);
        Files.writeString(outDir.resolve("ground-truth").resolve("summary.json"), summary.toJson(),
                StandardCharsets.UTF_8);
        LOG.info("Generated {} records, {} documents for {} children in {} s", records, documents, children,
                String.format("%.1f", summary.seconds()));
        return summary;
    }

    /** A well-mixed, independent seed per household (SplitMix64 finaliser). */
    static long mix(long seed, long index) {
        long z = seed * 0x9E3779B97F4A7C15L + index * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
