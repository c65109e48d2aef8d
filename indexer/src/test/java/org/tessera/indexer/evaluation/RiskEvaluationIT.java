package org.tessera.indexer.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.indexer.extraction.ExtractionLimits;
import org.tessera.indexer.extraction.tika.TikaTextExtractor;
import org.tessera.indexer.ingest.pipeline.IngestPipelines;
import org.tessera.indexer.ingest.pipeline.IngestSettings;
import org.tessera.indexer.opensearch.OpenSearchExtension;
import org.tessera.indexer.opensearch.TestOpenSearch;
import org.tessera.indexer.scoring.ScoringParameters;
import org.tessera.indexer.synthetic.CountyGenerator;
import org.tessera.indexer.synthetic.GeneratorSettings;

/**
 * Issue 6's "done when", end to end: a county generated with a seed not used in development is
 * ingested (linkage, NLP, percolation), the watchlist is replayed month by month, and the planted
 * trajectories are found early with few ordinary children in the top K.
 */
@ExtendWith(OpenSearchExtension.class)
class RiskEvaluationIT {

    /** Not used while the scoring parameters and indicators were developed (docs/evaluation.md). */
    static final long SEED = 6061;
    static final String PRESET = "800-children";
    static final LocalDate END = GeneratorSettings.DEFAULT_END;

    @TempDir
    static Path work;

    @Test
    void plantedCumulativeChildrenSurfaceEarlyAndOrdinaryChildrenStayOutOfTheTopK(TestOpenSearch os) throws Exception {
        new CountyGenerator(GeneratorSettings.preset(PRESET, SEED, 3, END)).generate(work);
        IngestPipelines.loadIndicators(os.connection());
        try (TikaTextExtractor extractor = new TikaTextExtractor(ExtractionLimits.defaults())) {
            IngestPipelines.standard(os.connection(), null, extractor, IngestSettings.defaults(work.resolve("quarantine")),
                    Clock.systemUTC()).ingest(work.resolve("data"));
        }
        os.refresh();

        EvaluationReport report = new RiskEvaluation(os.connection(), ScoringParameters.loadDefault())
                .evaluate(GroundTruth.load(work.resolve("ground-truth")), END, 36, 1.5);
        System.out.println("RiskEvaluationIT seed " + SEED + ", " + PRESET + "\n" + report.summary());

        assertThat(report.plantedCumulative()).as("planted cumulative children").isGreaterThanOrEqualTo(10);
        assertThat(report.recall()).as("(1) cumulative children in the top K by the end of their trajectory").isGreaterThanOrEqualTo(0.90);
        if (report.cumulativeWithHigh() > 0) {
            assertThat(report.medianLeadDays()).as("(2) median lead before the first high-severity event").isGreaterThanOrEqualTo(60L);
        }
        assertThat(report.noiseShare()).as("(3) ordinary-noise share of the top K").isLessThan(0.10);
    }
}
