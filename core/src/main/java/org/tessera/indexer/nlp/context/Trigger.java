package org.tessera.indexer.nlp.context;

import java.util.List;
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
 * @param reach     whether commas and conjunctions can end the scope
 */
public record Trigger(List<String> words, Set<Effect> effects, Kind kind, Direction direction, Reach reach) {

    public enum Effect { NEGATED, UNCERTAIN, HISTORICAL, HYPOTHETICAL }

    public enum Kind { MODIFIER, PSEUDO, TERMINATOR }

    public enum Direction { FORWARD, BACKWARD, BOTH }

    public enum Reach { CLAUSE, SENTENCE }

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
    }

    public String phrase() {
        return String.join(" ", words);
    }
}
