package org.tessera.indexer.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.tessera.indexer.extraction.ExtractionLimits;
import org.tessera.indexer.extraction.tika.TikaTextExtractor;
import org.tessera.indexer.ingest.pipeline.IngestPipelines;
import org.tessera.indexer.ingest.pipeline.IngestReport;
import org.tessera.indexer.ingest.pipeline.IngestSettings;
import org.tessera.indexer.opensearch.OpenSearchConnection;
import org.tessera.indexer.opensearch.OpenSearchProperties;
import org.tessera.indexer.opensearch.OpenSearchSettings;
import org.tessera.indexer.opensearch.index.IndexDefinitions;
import org.tessera.indexer.opensearch.index.IndexManager;
import org.tessera.indexer.synthetic.CountyGenerator;
import org.tessera.indexer.synthetic.GenerationSummary;
import org.tessera.indexer.synthetic.GeneratorSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tessera demo-data}: the demo county, generated and ingested once. The {@code ./tessera demo}
 * script runs this, then starts the portal on the same OpenSearch.
 */
@Command(name = "demo-data", mixinStandardHelpOptions = true,
        description = "Start the embedded OpenSearch and, unless done already, generate and ingest the demo county (about 2,000 children).")
public final class DemoCommand implements Callable<Integer> {

    static final String MARKER = "ingested.ok";

    @Mixin
    CommonOptions options;

    @Option(names = "--seed", defaultValue = "2026", description = "generator seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--preset", defaultValue = "demo", description = "generator preset: demo, county or N-children (default ${DEFAULT-VALUE})")
    String preset;

    @Option(names = "--again", description = "generate and ingest again even if done before")
    boolean again;

    @Option(names = "--print-as-of", description = "only print the day the demo county ends (empty when not ingested): "
            + "the portal's watchlist is computed for it, so an older demo county still shows one")
    boolean printAsOf;

    @Override
    public Integer call() throws Exception {
        OpenSearchProperties properties = OpenSearchSettings.from(options.settings());
        Path demoHome = properties.embedded().home().resolveSibling("demo-" + preset + "-" + seed);
        Path marker = demoHome.resolve(MARKER);
        if (printAsOf) {
            System.out.println(Files.exists(marker) ? Files.readString(marker).strip() : "");
            return 0;
        }
        try (OpenSearchConnection connection = OpenSearchConnection.open(properties)) {
            IndexManager indices = new IndexManager(connection, IndexDefinitions.loadDefault());
            indices.ensureAll();
            if (Files.exists(marker) && !again && hasPersons(connection)) {
                // No ingest this time, so bring the stored catalogue up to date here.
                IngestPipelines.loadIndicators(connection);
                System.out.println("Demo county already ingested (" + demoHome + ")");
                return 0;
            }
            // The county ends today, so the watchlist and decay read as they would on a live system.
            GeneratorSettings settings = GeneratorSettings.preset(preset, seed, 3, LocalDate.now());
            Path data = demoHome.resolve("county");
            if (!Files.exists(data.resolve("data"))) {
                GenerationSummary summary = new CountyGenerator(settings).generate(data);
                System.out.println("Generated " + summary);
            }
            try (TikaTextExtractor extractor = new TikaTextExtractor(ExtractionLimits.defaults())) {
                IngestReport report = IngestPipelines.standard(connection, null, extractor,
                        IngestSettings.defaults(demoHome.resolve("quarantine")), Clock.systemUTC()).ingest(data.resolve("data"));
                System.out.printf("Ingested %,d events and %,d persons in %d s (%d rows or files quarantined)%n",
                        report.count("events"), report.count("persons"), report.elapsed().toSeconds(), report.quarantined().size());
            }
            Files.writeString(marker, LocalDate.now().toString());
        }
        return 0;
    }

    private static boolean hasPersons(OpenSearchConnection connection) {
        return connection.count("persons") > 0;
    }
}
