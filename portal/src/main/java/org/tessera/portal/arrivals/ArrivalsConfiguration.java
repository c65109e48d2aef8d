package org.tessera.portal.arrivals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tessera.indexer.arrivals.ArrivalProcessor;
import org.tessera.indexer.arrivals.DropFolderWatcher;
import org.tessera.indexer.arrivals.IndexedWatchlist;
import org.tessera.indexer.extraction.ExtractionLimits;
import org.tessera.indexer.extraction.tika.TikaTextExtractor;
import org.tessera.indexer.ingest.SourceMappings;
import org.tessera.indexer.ingest.pipeline.IngestPipeline;
import org.tessera.indexer.ingest.pipeline.IngestPipelines;
import org.tessera.indexer.ingest.pipeline.IngestReport;
import org.tessera.indexer.ingest.pipeline.IngestSettings;
import org.tessera.indexer.opensearch.OpenSearchConnection;
import org.tessera.indexer.scoring.RescoredChildren;
import org.tessera.indexer.scoring.ScoreService;
import org.tessera.indexer.watchlist.ReviewStore;
import org.tessera.portal.risk.RiskDay;

/**
 * The arrivals' processor in the portal's process (the same ingest as {@code tessera ingest DIR},
 * with withdrawal off: an arrival adds or replaces records, it never stands for a whole source),
 * and the drop folder watcher when {@code tessera.arrivals.watch-folder} is set.
 */
@Configuration(proxyBeanMethods = false)
class ArrivalsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ArrivalsConfiguration.class);

    @Bean(destroyMethod = "close")
    LazyIngest arrivalIngest(OpenSearchConnection connection, ArrivalsProperties properties, NlpProperties nlp, ReachProperties reach,
                             RiskDay day, Clock clock) {
        return new LazyIngest(connection, properties.quarantineFolder(), nlp, reach, day::today, clock);
    }

    @Bean(destroyMethod = "close")
    ArrivalProcessor arrivalProcessor(OpenSearchConnection connection, LazyIngest ingest, ScoreService scores, RiskDay day,
                                      ArrivalsProperties properties, Clock clock) {
        return new ArrivalProcessor(connection, SourceMappings.loadAllFromClasspath("mappings/sources"), ingest,
                new IndexedWatchlist(scores, new ReviewStore(connection), clock, day::today),
                properties.workFolder(), properties.quarantineFolder(), clock);
    }

    @Bean
    SmartLifecycle dropFolder(ArrivalsProperties properties, ObjectProvider<ArrivalProcessor> processor) {
        return new SmartLifecycle() {
            private DropFolderWatcher watcher;

            @Override
            public synchronized void start() {
                if (properties.watchFolder() == null) {
                    return;
                }
                watcher = new DropFolderWatcher(properties.watchFolder(), processor.getObject(), properties.settle(),
                        properties.pollInterval(), result -> { });
                try {
                    watcher.start();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot watch " + properties.watchFolder(), e);
                }
            }

            @Override
            public synchronized void stop() {
                if (watcher != null) {
                    watcher.close();
                    watcher = null;
                }
            }

            @Override
            public synchronized boolean isRunning() {
                return watcher != null;
            }
        };
    }

    /**
     * The standard pipeline, built on the first arrival (it loads the NLP models and the indicator
     * catalogue: seconds a portal that receives nothing should not spend at start). Thread-safe.
     */
    static final class LazyIngest implements ArrivalProcessor.Ingest, AutoCloseable {
        private final OpenSearchConnection connection;
        private final Path quarantine;
        private final NlpProperties nlp;
        private final ReachProperties reach;
        private final Clock clock;
        /** The day arrivals score as of: the portal's {@code tessera.risk.as-of}, else today (what the watchlist shows). */
        private final java.util.function.Supplier<java.time.LocalDate> scoringDay;
        private TikaTextExtractor extractor;
        private IngestPipeline pipeline;
        /** Who hears of the children the run in progress rescores (one run at a time). */
        private Consumer<RescoredChildren> listener = rescored -> { };

        LazyIngest(OpenSearchConnection connection, Path quarantine, NlpProperties nlp, ReachProperties reach,
                   java.util.function.Supplier<java.time.LocalDate> scoringDay, Clock clock) {
            this.connection = connection;
            this.reach = reach;
            this.scoringDay = scoringDay;
            this.quarantine = quarantine;
            this.nlp = nlp;
            this.clock = clock;
        }

        /** The day this ingest's runs score as of. */
        java.time.LocalDate scoringDay() {
            return scoringDay.get();
        }

        /** How this ingest reads text ({@code tessera.nlp.semantic-stage}, {@code tessera.nlp.lexical-context-head}). */
        NlpProperties nlp() {
            return nlp;
        }

        @Override
        public synchronized IngestReport ingest(Path folder, Consumer<RescoredChildren> rescored) {
            if (pipeline == null) {
                log.info("Building the ingest pipeline for arrivals");
                extractor = new TikaTextExtractor(ExtractionLimits.defaults());
                IngestSettings settings = new IngestSettings(quarantine, 2000, true, false)
                        .withNlp(nlp.semanticStage(), nlp.lexicalContextHead()).withMaxReachRecords(reach.maxReachRecords());
                pipeline = IngestPipelines.standard(connection, null, extractor, settings, clock, scoringDay,
                        children -> listener.accept(children));
            }
            listener = rescored;
            try {
                return pipeline.ingest(folder);
            } finally {
                listener = children -> { };
            }
        }

        @Override
        public synchronized void close() {
            if (extractor != null) {
                try {
                    extractor.close();
                } catch (Exception e) {
                    log.debug("text extractor did not close: {}", e.getMessage());
                }
            }
        }
    }
}
