package org.tessera.indexer.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.tessera.indexer.evaluation.NameEvaluation;
import org.tessera.indexer.evaluation.NameNote;
import org.tessera.indexer.nlp.analysis.CaseNotePipeline;
import org.tessera.indexer.nlp.opennlp.OpenNlpModels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tessera evaluate names FILE [--misses]}: the shipped text pipeline's PERSON spans against
 * a file of notes whose names are wrapped in {@code [[...]]} (nlp-models/eval/names/README.md).
 * Needs no OpenSearch.
 */
@Command(name = "names", mixinStandardHelpOptions = true,
        description = "PERSON names found by the case-note pipeline against hand-annotated notes: exact and overlap "
                + "precision, recall and F1 per agency voice and overall. See docs/nlp.md, 'Names as agencies write them'.")
public final class EvaluateNamesCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "JSON Lines of {id, voice, text} with names in [[...]].")
    Path file;

    @Option(names = "--misses", description = "Also list every name missed or found wrongly (note id, voice, context).")
    boolean misses;

    @Override
    public Integer call() {
        List<NameNote> notes = NameNote.read(file);
        CaseNotePipeline pipeline = new CaseNotePipeline(new OpenNlpModels());
        long t0 = System.nanoTime();
        NameEvaluation evaluation = NameEvaluation.of(notes, text -> NameEvaluation.persons(pipeline, text));
        System.out.printf("%s: %d notes, %d names%n%n", file.getFileName(), notes.size(),
                notes.stream().mapToInt(n -> n.names().size()).sum());
        System.out.print(evaluation.table());
        if (misses) {
            System.out.println();
            for (NameEvaluation.Error e : evaluation.errors()) {
                System.out.printf("%-5s %s %-14s %-28s %s%n", e.kind(), e.noteId(), e.voice(), "\"" + e.text() + "\"", e.context());
            }
        }
        System.out.printf("%nEvaluated in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        return 0;
    }
}
