package org.tessera.indexer.nlp.rules;

import org.tessera.indexer.normalise.NhsNumber;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.tessera.indexer.nlp.EntityMention;
import org.tessera.indexer.nlp.EntityType;
import org.tessera.indexer.nlp.training.AnnotatedNote;
import org.tessera.indexer.nlp.training.CaseNoteTemplateGenerator;
import org.tessera.indexer.nlp.training.TemplateFamily;

/**
 * The finder, which tries each pattern only where {@link MatchStarts} says a match can begin,
 * finds exactly what running every pattern with {@code Matcher.find} over the whole text finds.
 */
class RuleEntityFinderEquivalenceTest {

    private final RuleEntityFinder finder = new RuleEntityFinder();

    /** The finder as it was before MatchStarts: each pattern's find() over the whole text. */
    private static List<EntityMention> everyPositionReference(String text) {
        List<EntityMention> candidates = new ArrayList<>();
        for (Pattern p : RuleEntityFinder.DATES) {
            Matcher m = p.matcher(text);
            while (m.find()) {
                if (p == RuleEntityFinder.NUMERIC_DATE && !RuleEntityFinder.plausibleNumericDate(m)) {
                    continue;
                }
                candidates.add(EntityMention.of(EntityType.DATE, text,
                        RuleEntityFinder.withWeekday(text, m.start()), m.end()));
            }
        }
        Matcher m = RuleEntityFinder.BARE_MONTH.matcher(text);
        while (m.find()) {
            candidates.add(EntityMention.of(EntityType.DATE, text, m.start(1), m.end(1)));
        }
        m = RuleEntityFinder.NHS.matcher(text);
        while (m.find()) {
            if (NhsNumber.isValid(m.group())) {
                candidates.add(EntityMention.of(EntityType.NHS_NUMBER, text, m.start(), m.end()));
            }
        }
        m = RuleEntityFinder.PHONE.matcher(text);
        while (m.find()) {
            if (RuleEntityFinder.plausiblePhone(m.group())) {
                candidates.add(EntityMention.of(EntityType.PHONE, text, m.start(), m.end()));
            }
        }
        m = RuleEntityFinder.POSTCODE.matcher(text);
        while (m.find()) {
            candidates.add(EntityMention.of(EntityType.POSTCODE, text, m.start(), m.end()));
        }
        return RuleEntityFinder.resolveOverlaps(candidates);
    }

    /** Compares both and returns how many entities they found. */
    private int assertSame(List<String> texts) {
        int found = 0;
        for (String text : texts) {
            List<EntityMention> expected = everyPositionReference(text);
            assertThat(finder.find(text)).as(text).isEqualTo(expected);
            found += expected.size();
        }
        return found;
    }

    @Test
    void sameEntitiesAsEveryPositionFindOnGeneratedNotes() {
        List<String> notes = new ArrayList<>();
        for (TemplateFamily family : TemplateFamily.values()) {
            for (AnnotatedNote n : new CaseNoteTemplateGenerator(family, 4242 + family.ordinal()).notes(2000)) {
                notes.add(n.text());
            }
        }
        assertThat(assertSame(notes)).isGreaterThan(4000);
    }

    @Test
    void sameOnDatesNumbersAndPostcodesAtTheEdgesAndNextToPunctuation() {
        List<String> forms = List.of("12/03/2024", "1.2.24", "3-4-2024", "3-4-24", "2024-03-12", "1999-12-31",
                "3rd March 2024", "3 of March", "21st May", "May 2024", "March 3rd, 2024", "Sept. 4", "Sep 4",
                "Mon 4th Nov 2024", "Tuesday the 5th March", "in March", "end of Feb", "beginning of Dec",
                "early May", "mid Jan", "GIR 0AA", "GL5 3AB", "GL14HJ", "W1A 1AA", "EC1A 1BB", "SW1A2AA",
                "07700 900123", "(01632) 960456", "0117 496 0789", "+44 7700 900321", "+44(0)7700 900321",
                "+447700900321", "943 476 5919", "943-476-5919", "9434765919", "943 476 5918", "0000000000",
                "3rd of March '24", "March 2024", "Dec. 25", "JanJan 3", "31/12/99", "12/13/2024");
        List<String> around = List.of("", " ", ".", ",", "(", ")", "/", "-", "+", "'", "\n", "x", "X", "0", "9",
                "a", "\u00a0", "\u0663", "on ", "in ", "Mon ", "the ");
        List<String> texts = new ArrayList<>();
        for (String form : forms) {
            for (String before : around) {
                for (String after : around) {
                    texts.add(before + form + after);
                    texts.add("Seen " + before + form + after + " and " + form);
                }
            }
        }
        assertThat(assertSame(texts)).isGreaterThan(10_000);
    }

    @Test
    void sameOnRandomStringsOfDateLikePieces() {
        String[] pieces = {"0", "1", "2", "3", "9", "12", "31", "07", "2024", "1999", "20", "44", "0117", "7700",
            "900123", "943", "476", "5919", "/", ".", "-", " ", "  ", "\t", "\n", "+", "+44", "(", ")", "(0)", ",",
            "'", "'24", "st", "nd", "rd", "th", "of", "the", "in", "since", "during", "early", "mid", "late",
            "until", "end of", "beginning of", "from", "Jan", "January", "Feb", "Mar", "March", "Apr", "May", "Jun",
            "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "December", "may", "march", "Mon", "Tuesday", "Thurs",
            "GIR", "0AA", "GL", "GL5", "3AB", "W1A", "EC1A", "SW", "Q", "V", "X", "A", "b", "Z", "Mia", "_",
            "\u00a0", "\u0663", "\uff11", "\u00e9"};
        Random random = new Random(20261129);
        List<String> texts = new ArrayList<>();
        for (int t = 0; t < 200_000; t++) {
            StringBuilder s = new StringBuilder();
            for (int k = 1 + random.nextInt(12); k > 0; k--) {
                // glued or spaced: half the time a space, so that dates and numbers form too
                s.append(pieces[random.nextInt(pieces.length)]).append(random.nextBoolean() ? " " : "");
            }
            texts.add(s.toString());
        }
        assertThat(assertSame(texts)).isGreaterThan(10_000);
    }
}
