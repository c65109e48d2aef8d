package org.tessera.indexer.cli;

import org.tessera.indexer.synthetic.DeltaSplitter;
import org.tessera.indexer.synthetic.CountyGenerator;
import org.tessera.indexer.synthetic.GenerationSummary;
import org.tessera.indexer.synthetic.GeneratorSettings;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tessera generate}: writes a synthetic county (agency extracts, documents, ground truth).
 * Standalone picocli command; {@code --bench} also prints elapsed time, records/s and peak heap.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Generate a synthetic county: agency extracts, documents and ground truth.")
public final class GenerateCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    CommonOptions options;

    @Option(names = "--preset", defaultValue = "demo",
            description = "demo (~2,000 children), county (~150,000) or N-children, e.g. 500-children. Default: ${DEFAULT-VALUE}")
    String preset;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed; same seed, same files. Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--years", defaultValue = "3", description = "Years of history. Default: ${DEFAULT-VALUE}")
    int years;

    @Option(names = "--out", required = true, description = "Output directory")
    Path out;

    @Option(names = "--end-date", defaultValue = "2026-06-30",
            description = "Last day of the history (yyyy-MM-dd). Default: ${DEFAULT-VALUE}")
    LocalDate endDate;

    @Option(names = "--templates", defaultValue = "ALL",
            description = "Note template family: ALL, TRAINING or HELD_OUT (disjoint phrasings). Default: ${DEFAULT-VALUE}")
    org.tessera.indexer.synthetic.notes.TemplateSet templates;

    @Option(names = "--no-annotations", description = "Do not write note_annotations.jsonl to the ground truth")
    boolean noAnnotations;

    @Option(names = "--document-rate", description = "Share of document-eligible records that get a document (default: the preset's, 0.04)")
    Double documentRate;

    @Option(names = "--no-sidecars", description = "Write documents without .meta.json sidecars, as referrals reach a MASH")
    boolean noSidecars;

    @Option(names = "--layouts", defaultValue = "CLASSIC",
            description = "Agency export layouts: CLASSIC, or ONBOARDING (household lists, SURNAME Forename, FHIR-like JSON names, "
                    + "academic year + term with session counts; needs mapping language v2). Default: ${DEFAULT-VALUE}")
    org.tessera.indexer.synthetic.output.LayoutSet layouts;

    @Option(names = "--deltas", paramLabel = "N", description = "Also write the last N days (at least 20) as daily delta "
            + "deliveries: OUT/history (everything before), OUT/deltas/DATE per day, OUT/deltas/schedule.txt (arrival order, "
            + "with a replay, a gap and a late re-send); OUT/data stays the final data")
    Integer deltas;

    @Option(names = "--bench", description = "Print elapsed time, records/s and peak heap")
    boolean bench;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        GeneratorSettings p = GeneratorSettings.preset(preset, seed, years, endDate);
        GeneratorSettings s = new GeneratorSettings(p.seed(), p.children(), p.years(), p.endDate(), templates,
                documentRate != null ? documentRate : p.documentRate(), p.writeNoteAnnotations() && !noAnnotations,
                noSidecars ? 0 : p.documentSidecarRate());
        GenerationSummary summary = new CountyGenerator(s, layouts).generate(out);
        var w = spec == null ? new java.io.PrintWriter(System.out, true) : spec.commandLine().getOut();
        w.printf("Generated %,d households, %,d children, %,d records, %,d documents into %s%n", summary.households(),
                summary.children(), summary.records(), summary.documents(), out);
        if (deltas != null) {
            DeltaSplitter.Split split = new DeltaSplitter(org.tessera.indexer.ingest.SourceMappings.loadAllFromClasspath("mappings/sources"))
                    .split(out, s.endDate(), deltas);
            w.printf("History as of %s in %s; %d daily deliveries in %s (delta records per source: %s; tombstoned: %s; merge: %s)%n",
                    split.historyAsOf(), out.resolve("history"), split.days().size(), out.resolve("deltas"), split.deltaRecords(),
                    split.tombstoned(), split.merge() == null ? "none"
                            : split.merge().day() + " " + split.merge().bridge() + " joins " + split.merge().mother() + " and " + split.merge().tenant());
        }
        if (bench) {
            w.print(benchReport(summary));
        }
        w.flush();
        return 0;
    }

    static String benchReport(GenerationSummary s) {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        long max = Runtime.getRuntime().maxMemory();
        return String.format("elapsed_s=%.1f records=%d records_per_s=%.0f documents=%d peak_heap_mib=%.0f max_heap_mib=%.0f%n",
                s.seconds(), s.records(), s.records() / s.seconds(), s.documents(), peak / 1048576.0, max / 1048576.0);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new GenerateCommand()).execute(args));
    }
}
