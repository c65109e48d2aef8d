package org.tessera.indexer.cli;

import org.tessera.indexer.evaluation.DocumentEvaluation;
import org.tessera.indexer.evaluation.GroundTruth;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tessera.indexer.opensearch.OpenSearchConnection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code tessera evaluate documents --ground-truth DIR [--held-out FILE]}: after an ingest, the
 * share of documents linked to the child they are about, pairwise precision, and where the rest
 * went (review queue with candidates, new person, no subject). See docs/linkage.md.
 */
@Command(name = "documents", mixinStandardHelpOptions = true,
        description = "Were the ingested documents linked to the child they are about? Compares the index with the generator's "
                + "documents.csv (and a held-out truth file). See docs/linkage.md, 'Documents'.")
public final class EvaluateDocumentsCommand implements Callable<Integer> {

    @ParentCommand
    EvaluateCommand parent;

    @Option(names = "--ground-truth", required = true, paramLabel = "DIR", description = "The generator's ground-truth folder.")
    Path groundTruth;

    @Option(names = "--held-out", paramLabel = "FILE",
            description = "A truth file (path,subject_person_id) of documents written apart from the generator, ingested with the county.")
    Path heldOut;

    @Override
    public Integer call() {
        GroundTruth truth = GroundTruth.load(groundTruth);
        try (OpenSearchConnection connection = parent.options.openConnection()) {
            DocumentEvaluation evaluation = new DocumentEvaluation(connection);
            Path generated = groundTruth.resolve("documents.csv");
            if (Files.exists(generated)) {
                System.out.print(evaluation.evaluate(truth, DocumentEvaluation.readTruth(generated)).summary("Generated documents"));
            }
            if (heldOut != null) {
                System.out.print(evaluation.evaluate(truth, DocumentEvaluation.readTruth(heldOut)).summary("Held-out documents"));
            }
        }
        return 0;
    }
}
