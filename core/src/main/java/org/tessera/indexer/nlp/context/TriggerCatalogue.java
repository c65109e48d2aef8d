package org.tessera.indexer.nlp.context;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The trigger phrases the context analyzer knows, read from a tab-separated list (format in
 * the header of {@code context-triggers.tsv}). Immutable and thread-safe. A malformed line is
 * a configuration error that fails at load with the source name and line number.
 */
public final class TriggerCatalogue {

    public static final String STANDARD_RESOURCE = "context-triggers.tsv";

    private final List<Trigger> triggers;
    private final Map<String, List<Trigger>> byFirstWord;
    private final Map<String, List<Trigger>> afterwords;
    private final Map<String, List<Trigger>> headings;
    private final Map<String, List<Trigger>> verdicts;
    private final Map<String, Trigger.Kind> verdictWords;

    public TriggerCatalogue(List<Trigger> triggers) {
        this.triggers = List.copyOf(triggers);
        this.byFirstWord = index(this.triggers, t -> t.reach().inSentence());
        this.afterwords = index(this.triggers, t -> t.reach() == Trigger.Reach.PREVIOUS);
        this.headings = index(this.triggers, t -> t.reach() == Trigger.Reach.HEADING);
        this.verdicts = index(this.triggers, t -> t.reach() == Trigger.Reach.VERDICT && t.kind() == Trigger.Kind.MODIFIER);
        Map<String, Trigger.Kind> roles = new HashMap<>();
        for (Trigger t : this.triggers) {
            if (t.kind().verdictWord() || (t.reach() == Trigger.Reach.VERDICT && t.kind() == Trigger.Kind.PSEUDO)) {
                Trigger.Kind before = roles.put(t.words().getFirst(), t.kind());
                if (before != null && before != t.kind()) {
                    throw new IllegalArgumentException("verdict word listed twice with different kinds: " + t.words().getFirst());
                }
            }
        }
        this.verdictWords = Map.copyOf(roles);
    }

    /** The triggers {@code which} selects, by first word, longest first (so "not only" is tried before "not"). */
    private static Map<String, List<Trigger>> index(List<Trigger> triggers, Predicate<Trigger> which) {
        Map<String, List<Trigger>> index = new HashMap<>();
        for (Trigger t : triggers) {
            if (which.test(t)) {
                index.computeIfAbsent(t.words().getFirst(), k -> new ArrayList<>()).add(t);
            }
        }
        index.replaceAll((k, v) -> v.stream()
                .sorted(Comparator.comparingInt((Trigger t) -> t.words().size()).reversed())
                .toList());
        return Map.copyOf(index);
    }

    /** The catalogue shipped with Tessera. */
    public static TriggerCatalogue standard() {
        try (InputStream in = TriggerCatalogue.class.getResourceAsStream(STANDARD_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + STANDARD_RESOURCE);
            }
            return parse(STANDARD_RESOURCE, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses a trigger list; {@code source} names it in error messages. */
    public static TriggerCatalogue parse(String source, String content) {
        List<Trigger> out = new ArrayList<>();
        String[] lines = content.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            if (f.length != 4) {
                throw new IllegalArgumentException(source + " line " + (i + 1) + ": expected 4 tab-separated fields");
            }
            try {
                List<String> words = Arrays.asList(f[0].trim().toLowerCase(Locale.ROOT).split("\\s+"));
                Trigger.Kind kind;
                Set<Trigger.Effect> effects = EnumSet.noneOf(Trigger.Effect.class);
                switch (f[1].trim()) {
                    case "pseudo" -> kind = Trigger.Kind.PSEUDO;
                    case "terminate" -> kind = Trigger.Kind.TERMINATOR;
                    case "word" -> kind = Trigger.Kind.VERDICT_WORD;
                    case "head" -> kind = Trigger.Kind.VERDICT_HEAD;
                    case "link" -> kind = Trigger.Kind.VERDICT_LINK;
                    default -> {
                        kind = Trigger.Kind.MODIFIER;
                        for (String e : f[1].trim().split("\\+")) {
                            effects.add(Trigger.Effect.valueOf(e.toUpperCase(Locale.ROOT)));
                        }
                    }
                }
                out.add(new Trigger(words, effects, kind,
                        Trigger.Direction.valueOf(f[2].trim().toUpperCase(Locale.ROOT)),
                        Trigger.Reach.valueOf(f[3].trim().toUpperCase(Locale.ROOT))));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + " line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return new TriggerCatalogue(out);
    }

    public List<Trigger> triggers() {
        return triggers;
    }

    /** Triggers read inside their own sentence whose first word is {@code word}, longest first. */
    List<Trigger> startingWith(String word) {
        return byFirstWord.getOrDefault(word, List.of());
    }

    /** {@code previous} triggers (they open the sentence after a finding) whose first word is {@code word}, longest first. */
    List<Trigger> afterwordsStartingWith(String word) {
        return afterwords.getOrDefault(word, List.of());
    }

    /** {@code verdict} qualifiers (they open a short verdict sentence after a finding) whose first word is {@code word}, longest first. */
    List<Trigger> verdictsStartingWith(String word) {
        return verdicts.getOrDefault(word, List.of());
    }

    /**
     * The kind of {@code word} in a verdict's vocabulary ({@code word}, {@code head}, {@code link} rows; {@code PSEUDO} for a
     * word that makes the sentence about something else, "other", "else"), null when it is none.
     */
    Trigger.Kind verdictWord(String word) {
        return verdictWords.get(word);
    }

    /** {@code heading} triggers (they stand in a heading line) whose first word is {@code word}, longest first. */
    List<Trigger> headingsStartingWith(String word) {
        return headings.getOrDefault(word, List.of());
    }
}
