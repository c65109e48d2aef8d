package org.tessera.indexer.nlp;

import org.tessera.indexer.nlp.analysis.CaseNotePipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.tessera.indexer.nlp.opennlp.OpenNlpModels;
import org.tessera.indexer.nlp.training.AnnotatedNote;
import org.tessera.indexer.nlp.training.EntityEvaluation;

/**
 * The packaged pipeline on notes written by hand in styles the generator never produces
 * (police logs, letters, emails, lower-case kinship words, initials). The bar was fixed before
 * the first run and nothing was tuned on these notes: the figures estimate how far the
 * generated-note scores overstate real-world quality.
 */
class NerHandAnnotatedNotesTest {

    private static final Pattern GOLD = Pattern.compile("\\[\\[([A-Z_]+)\\|([^\\]]+)]]");

    static List<AnnotatedNote> load() throws IOException {
        String all;
        try (InputStream in = NerHandAnnotatedNotesTest.class.getResourceAsStream("/nlp/hand-annotated-notes.txt")) {
            all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        StringBuilder body = new StringBuilder();
        for (String line : all.split("\\R")) {
            if (!line.startsWith("#")) {
                body.append(line).append('\n');
            }
        }
        List<AnnotatedNote> notes = new ArrayList<>();
        for (String raw : body.toString().split("(?m)^---$")) {
            StringBuilder text = new StringBuilder();
            List<EntityMention> gold = new ArrayList<>();
            Matcher m = GOLD.matcher(raw.strip());
            int last = 0;
            String src = raw.strip();
            while (m.find()) {
                text.append(src, last, m.start());
                int start = text.length();
                text.append(m.group(2));
                gold.add(EntityMention.of(EntityType.valueOf(m.group(1)), text.toString(), start, text.length()));
                last = m.end();
            }
            text.append(src.substring(last));
            if (!text.isEmpty()) {
                notes.add(new AnnotatedNote(text.toString(), gold));
            }
        }
        return notes;
    }

    @Test
    void reportsEntityScoresOnHandWrittenNotes() throws IOException {
        List<AnnotatedNote> notes = load();
        assertThat(notes).hasSizeGreaterThanOrEqualTo(15);
        CaseNotePipeline pipeline = new CaseNotePipeline(new OpenNlpModels(), 2026);
        EntityEvaluation e = EntityEvaluation.of(notes, text -> pipeline.analyze(text).entities());
        System.out.println("hand-annotated notes (" + notes.size() + "):\n" + e.markdownTable());
        e.sampleErrors().forEach(s -> System.out.println("  " + s));
        assertThat(e.score(EntityType.PERSON).f1()).isGreaterThanOrEqualTo(0.70);
    }
}
