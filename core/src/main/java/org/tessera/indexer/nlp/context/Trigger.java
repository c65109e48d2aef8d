package org.tessera.indexer.nlp.context;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One context trigger phrase.
 *
 * @param words     the phrase as lower-case context tokens; {@code <year>} matches a year
 * @param effects   what the trigger does to mentions in its scope (empty for pseudo triggers
 *                  and terminators)
 * @param kind      whether it modifies, blocks a shorter trigger, or ends scopes
 * @param direction where its scope lies
 * @param reach     whether commas and conjunctions can end the scope ({@code CLAUSE}, {@code SENTENCE}), or where
 *                  a trigger read across sentences stands: {@code PREVIOUS} opens the sentence after the finding
 *                  and qualifies it ("Accidental.", "This was in 2019."), {@code HEADING} stands in a heading line
 *                  and qualifies the lines under it ("Previous history:", "Risk if placement breaks down:")
 */
public record Trigger(List<String> words, Set<Effect> effects, Kind kind, Direction direction, Reach reach) {

    public enum Effect { NEGATED, UNCERTAIN, HISTORICAL, HYPOTHETICAL }

    public enum Kind { MODIFIER, PSEUDO, TERMINATOR }

    public enum Direction { FORWARD, BACKWARD, BOTH }

    public enum Reach {
        CLAUSE, SENTENCE, PREVIOUS, HEADING;

        /** Whether a trigger of this reach is read inside its own sentence (else only across sentences). */
        public boolean inSentence() {
            return this == CLAUSE || this == SENTENCE;
        }
    }

    public Trigger {
        words = List.copyOf(words);
        effects = Set.copyOf(effects);
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(reach, "reach");
        if (words.isEmpty()) {
            throw new IllegalArgumentException("empty trigger phrase");
        }
        if (kind == Kind.MODIFIER && effects.isEmpty()) {
            throw new IllegalArgumentException("modifier trigger without effect: " + words);
        }
        if (!reach.inSentence() && kind == Kind.TERMINATOR) {
            throw new IllegalArgumentException("a " + reach.name().toLowerCase(Locale.ROOT)
                    + " trigger is a modifier or a pseudo trigger, never a terminator: " + words);
        }
        if (reach == Reach.PREVIOUS && direction != Direction.BACKWARD) {
            throw new IllegalArgumentException("a previous trigger qualifies the sentence before it, direction backward: " + words);
        }
        if (reach == Reach.HEADING && direction != Direction.FORWARD) {
            throw new IllegalArgumentException("a heading trigger qualifies the lines under it, direction forward: " + words);
        }
    }

    public String phrase() {
        return String.join(" ", words);
    }
}
