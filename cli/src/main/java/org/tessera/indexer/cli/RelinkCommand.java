package org.tessera.indexer.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.tessera.indexer.ingest.pipeline.IngestPipeline;
import org.tessera.indexer.ingest.pipeline.IngestPipelines;
import org.tessera.indexer.ingest.pipeline.IngestSettings;
import org.tessera.indexer.extraction.ExtractionLimits;
import org.tessera.indexer.extraction.tika.TikaTextExtractor;
import org.tessera.indexer.opensearch.OpenSearchConnection;
import org.tessera.indexer.opensearch.index.IndexDefinitions;
import org.tessera.indexer.opensearch.index.IndexManager;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Mixin;

/** {@code tessera relink}: the full re-link of every stored record, and how far incremental linking had drifted. */
@Command(name = "relink", mixinStandardHelpOptions = true,
        description = {"Links every record in the feed store again with a freshly fitted model (as a full ingest would),",
                "rebuilds the persons, events and scores that changes, and prints the pairwise precision and recall of",
                "the clustering the daily (incremental) runs had left against the new one."})
public final class RelinkCommand implements Callable<Integer> {

    @Mixin
    CommonOptions options;

    @Option(names = "--quarantine", description = "where rejected rows would go (default: ./quarantine)")
    Path quarantine = Path.of("quarantine");

    @Option(names = "--blocking-keys-only", description = {"only write the feed store's stored blocking keys where they are stale",
            "(after 'tessera indices migrate records' or a change of the blocking rules), as a full re-link does; link nothing"})
    boolean blockingKeysOnly;

    @Override
    public Integer call() {
        try (OpenSearchConnection connection = options.openConnection();
             TikaTextExtractor extractor = new TikaTextExtractor(ExtractionLimits.from(options.settings()))) {
            new IndexManager(connection, IndexDefinitions.loadDefault()).ensureAll();
            IngestPipeline pipeline = IngestPipelines.standard(connection, null, extractor, IngestSettings.defaults(quarantine), Clock.systemUTC());
            if (blockingKeysOnly) {
                System.out.printf("wrote the blocking keys of %,d stored record(s)%n", pipeline.rewriteStoredBlockingKeys());
                return 0;
            }
            IngestPipeline.Relink relink = pipeline.relink();
            System.out.printf("job %s: re-linked %,d occurrences into %,d persons in %d s%n", relink.report().jobId(),
                    relink.occurrences(), relink.report().count("persons"), relink.report().elapsed().toSeconds());
            System.out.printf("drift of the incremental state from the full re-link: pairwise precision %.5f, recall %.5f; "
                    + "%,d occurrence(s) in a person whose members changed%n", relink.precision(), relink.recall(), relink.occurrencesMoved());
            return 0;
        }
    }
}
