package org.tessera.indexer.cli;

import org.tessera.indexer.ingest.pipeline.FeedGate;
import org.tessera.indexer.ingest.pipeline.IngestPipeline;
import org.tessera.indexer.ingest.pipeline.IngestPipelines;
import org.tessera.indexer.ingest.pipeline.IngestReport;
import org.tessera.indexer.ingest.pipeline.IngestSettings;
import org.tessera.indexer.ingest.pipeline.WithdrawalPolicy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.tessera.indexer.extraction.ExtractionLimits;
import org.tessera.indexer.extraction.tika.TikaTextExtractor;
import org.tessera.indexer.ingest.ReadLimits;
import org.tessera.indexer.nlp.TextLimits;
import org.tessera.indexer.opensearch.OpenSearchConnection;
import org.tessera.indexer.opensearch.index.IndexDefinitions;
import org.tessera.indexer.opensearch.index.IndexManager;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tessera ingest DIR}: every extract and document in a folder into OpenSearch. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Ingest every agency extract and document in DIR (mapping chosen per file by name pattern),",
                "link people, analyse text, run the indicators and re-score. Safe to re-run; a killed run can simply be started again."})
public final class IngestCommand implements Callable<Integer> {

    @Mixin
    CommonOptions options;

    @Parameters(paramLabel = "DIR", description = "folder of extracts (CSV, JSON Lines) and documents")
    Path folder;

    @Option(names = "--mappings", description = "folder of source mapping files (default: the shipped mappings/sources)")
    Path mappingsFolder;

    @Option(names = "--quarantine", description = "where rejected rows and files go (default: DIR/../quarantine)")
    Path quarantine;

    @Option(names = "--batch-size", defaultValue = "2000", description = "events per analysis and percolation batch (default ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--no-text-analysis", description = "skip entity recognition and context on free text")
    boolean noText;

    @Option(names = "--report", description = "print the bad input by class: quarantined and warned counts, and what was indexed")
    boolean printReport;

    @Option(names = "--withdrawal-max-drop", paramLabel = "SHARE",
            description = "largest share of a source's stored records a complete delivery may lack and still withdraw them "
                    + "(default: setting tessera.ingest.withdrawal.max-drop, else 0.25)")
    Double maxDrop;

    private WithdrawalPolicy withdrawalPolicy() {
        double share = maxDrop != null ? maxDrop : options.settings().get("tessera.ingest.withdrawal.max-drop")
                .map(Double::parseDouble).orElse(WithdrawalPolicy.DEFAULT_MAX_DROP);
        return new WithdrawalPolicy(share);
    }

    @Override
    public Integer call() {
        Path quarantineDir = quarantine != null ? quarantine : folder.toAbsolutePath().getParent().resolve("quarantine");
        var settings = options.settings();
        try (OpenSearchConnection connection = options.openConnection();
             TikaTextExtractor extractor = new TikaTextExtractor(ExtractionLimits.from(settings),
                     org.tessera.indexer.extraction.OcrSettings.from(settings))) {
            new IndexManager(connection, IndexDefinitions.loadDefault()).ensureAll();
            IngestPipeline pipeline = IngestPipelines.standard(connection, mappingsFolder, extractor,
                    new IngestSettings(quarantineDir, batchSize, !noText, true, withdrawalPolicy(),
                            ReadLimits.from(settings), TextLimits.from(settings)).withNlp(settings).withReach(settings), Clock.systemUTC());
            IngestReport report = pipeline.ingest(folder);
            if (report.wasRefused()) {
                System.out.printf("job %s: delivery refused, nothing applied: %s%n", report.jobId(), report.refused());
                return 3;
            }
            System.out.printf("job %s finished in %d s%n", report.jobId(), report.elapsed().toSeconds());
            for (FeedGate.Decision d : report.feeds()) {
                System.out.printf("  feed %-28s %-8s %s #%d%s%n", d.source(), FeedGate.name(d.kind()),
                        d.outcome() == FeedGate.Outcome.SKIP ? "skipped" : "applied", d.sequence(),
                        d.outcome() == FeedGate.Outcome.SKIP ? " (" + d.reason() + ")" : d.asOf() == null ? "" : " as of " + d.asOf());
            }
            report.counts().forEach((name, value) -> System.out.printf("  %-22s %,d%n", name, value));
            if (!report.quarantined().isEmpty()) {
                System.out.printf("quarantined (%d, reasons in %s):%n", report.quarantined().size(), quarantineDir);
                report.quarantined().stream().limit(20).forEach(q -> System.out.printf("  %s:%d %s%s%n", q.file(), q.line(),
                        q.field() == null ? "" : "[" + q.field() + "] ", q.reason()));
            }
            if (!report.unclaimed().isEmpty()) {
                System.out.printf("warning: %d file(s) claimed by no source mapping, not read:%n", report.unclaimed().size());
                report.unclaimed().forEach(f -> System.out.printf("  %s%n", f));
            }
            for (WithdrawalPolicy.Decision held : report.heldBack()) {
                System.out.printf("nothing withdrawn from %s: records stored before and not in this delivery were kept, because %s%n",
                        held.source(), held.reason());
            }
            if (printReport) {
                System.out.printf("%-26s %11s %7s%n", "bad input class", "quarantined", "warned");
                report.problemsByClass().forEach((name, n) -> System.out.printf("  %-24s %11d %7d%n", name, n[0], n[1]));
                System.out.printf("%-26s %11d %7d%n", "total", report.quarantined().size(), report.warned().size());
                System.out.printf("indexed: %d records and %d documents (%d events)%n", report.count("records_read"),
                        report.count("documents_read"), report.count("events"));
            }
            return 0;
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }
}
