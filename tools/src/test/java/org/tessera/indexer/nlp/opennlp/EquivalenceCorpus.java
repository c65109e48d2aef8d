package org.tessera.indexer.nlp.opennlp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.tessera.indexer.nlp.training.AnnotatedNote;
import org.tessera.indexer.nlp.training.CaseNoteTemplateGenerator;
import org.tessera.indexer.nlp.training.TemplateFamily;

/** Texts on which the fast OpenNLP paths are compared with the stock ones. */
final class EquivalenceCorpus {

    private static final Pattern GOLD_MARKUP = Pattern.compile("\\[\\[[A-Z_]+\\|([^\\]]*)]]");

    private EquivalenceCorpus() {
    }

    /** Generated notes of both template families, fixed seeds. */
    static List<String> generatedNotes(int perFamily) {
        List<String> out = new ArrayList<>();
        for (TemplateFamily family : TemplateFamily.values()) {
            for (AnnotatedNote n : new CaseNoteTemplateGenerator(family, 4242 + family.ordinal()).notes(perFamily)) {
                out.add(n.text());
            }
        }
        return out;
    }

    /** The hand-written notes of NerHandAnnotatedNotesTest, markup removed. */
    static List<String> handWrittenNotes() {
        String all;
        try (InputStream in = EquivalenceCorpus.class.getResourceAsStream("/nlp/hand-annotated-notes.txt")) {
            all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> out = new ArrayList<>();
        StringBuilder note = new StringBuilder();
        for (String line : all.split("\n", -1)) {
            if (line.startsWith("#")) {
                continue;
            }
            if (line.equals("---")) {
                out.add(GOLD_MARKUP.matcher(note).replaceAll("$1"));
                note.setLength(0);
            } else {
                note.append(line).append('\n');
            }
        }
        if (!note.isEmpty()) {
            out.add(GOLD_MARKUP.matcher(note).replaceAll("$1"));
        }
        return out;
    }

    /** Texts chosen to reach the corners: whitespace kinds, apostrophes, long words, punctuation. */
    static List<String> edgeCases() {
        List<String> out = new ArrayList<>(List.of(
                "",
                " ",
                "   \n\t  \r\n ",
                "a",
                ".",
                "a b c d e f g",
                "I . , ; : ! ? - ' \" ( )",
                "!!!???...,,,;;;---''\"\"((]]",
                "Mum said \"no\"!!! Then left... (again?!)",
                "Ryan's mum, Ryan\u2019s dad, JAMES'S car, it's, Chris' bike, \u2019s 's s' ''s 'S x's",
                "don't can't won't y'all O'Neill D\u2019Arcy rock'n'roll '90s",
                "e.g. i.e. Dr. Mr. Mrs. St. etc. U.K. a.m. p.m. No. approx. Ltd. Inc.",
                "email jo.bloggs@example.org http://x.y/z?q=1&r=2 07700-900418 GL5 3AB 12/03/2024 23:00hrs \u00a350.00",
                "Mia\u00a0Ali\u2003went\u2009home\u3000now\u200bok\u2028line\u2029para\u0085nel\u001fus\u000bvt\u000cff\u180emvs",
                "\"Quoted\" \u2018single\u2019 \u201cdouble\u201d \u00abguillemets\u00bb \u2014 dash \u2013 en \u2026 ellipsis",
                "Mia \ud83d\ude00 Ali \ud835\udd04\ud835\udd29\ud835\udd26 caf\u00e9 Zo\u00eb na\u00efve Bj\u00f6rk \u0141ukasz",
                "x".repeat(3000),
                "ab.".repeat(700) + " " + "(Mia)".repeat(300),
                "Mia-Rose-Smith-Jones-O'Brien-McDonald-Fitzgerald-Llewellyn-ap-Rhys was seen.",
                "MIA ALI ATTENDED GLOUCESTER ROYAL HOSPITAL WITH DAD. NO CONCERNS.",
                "1 2 3 4 5 6 7 8 9 10 11 12 2024 07700900418 999",
                "Mia Ali visited. Mia Ali left. Ali was upset. Then Mia returned to Stroud. Mia rang Ali. "
                        + "Ali and Mia went to Stroud High School. Stroud High School called Mia.",
                "Seen: Kyle (4), Ruby (7) & Alfie (9); dad - Lee Dunn - absent; mum/step-dad; SW/DSL/HV.",
                "- SW to visit weekly\n- School to monitor attendance\n\n1) Referral\n2) Strategy meeting"));
        StringBuilder longSentence = new StringBuilder();
        for (int i = 0; i < 260; i++) {
            longSentence.append(i % 7 == 0 ? "Mia Ali" : i % 5 == 0 ? "said" : "and then the child").append(' ');
        }
        out.add(longSentence.append('.').toString());
        return out;
    }
}
