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
 *                  and qualifies the lines under it ("Previous history:", "Risk if placement breaks down:"),
 *                  {@code VERDICT} opens a short verdict sentence after the finding that names no concept of its own
 *                  ("No concerns.", "Unclear; monitoring.", "No CSE concerns.", ADR 0060), or is a word such a verdict may hold
 */
public record Trigger(List<String> words, Set<Effect> effects, Kind kind, Direction direction, Reach reach) {

    public enum Effect { NEGATED, UNCERTAIN, HISTORICAL, HYPOTHETICAL }

    /**
     * {@code MODIFIER}, {@code PSEUDO}, {@code TERMINATOR} as ConText has them; the last three are the words a verdict sentence
     * may hold besides its opening qualifier (reach {@code VERDICT} only, one word each, ADR 0060): {@code VERDICT_WORD} names no
     * concept ("identified", "further", "which"), {@code VERDICT_HEAD} is a noun a named concern may stand before ("CSE
     * concerns", "self-harm intent"), {@code VERDICT_LINK} a word a named concern may follow ("re alcohol", "of neglect").
     */
    public enum Kind { MODIFIER, PSEUDO, TERMINATOR, VERDICT_WORD, VERDICT_HEAD, VERDICT_LINK;

        /** Whether this kind is a word of a verdict sentence's vocabulary (no effect of its own). */
        public boolean verdictWord() {
            return this == VERDICT_WORD || this == VERDICT_HEAD || this == VERDICT_LINK;
        }
    }

    public enum Direction { FORWARD, BACKWARD, BOTH }

    public enum Reach {
        CLAUSE, SENTENCE, PREVIOUS, HEADING, VERDICT;

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
        if (kind.verdictWord() && (reach != Reach.VERDICT || words.size() != 1)) {
            throw new IllegalArgumentException("a verdict word is one word of reach verdict: " + words);
        }
        if (reach == Reach.VERDICT && kind == Kind.TERMINATOR) {
            throw new IllegalArgumentException("a verdict row is an opening qualifier, a verdict word or a pseudo word: " + words);
        }
        if (reach == Reach.VERDICT && kind == Kind.PSEUDO && words.size() != 1) {
            throw new IllegalArgumentException("a pseudo verdict row is one word: " + words);
        }
        if (reach == Reach.VERDICT && kind == Kind.MODIFIER && (direction != Direction.BACKWARD
                || effects.contains(Effect.HYPOTHETICAL))) {
            throw new IllegalArgumentException("a verdict qualifies the sentence before it (direction backward) and is never a"
                    + " plan (no hypothetical): " + words);
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
