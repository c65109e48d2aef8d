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

/**
 * The trigger phrases the context analyzer knows, read from a tab-separated list (format in
 * the header of {@code context-triggers.tsv}). Immutable and thread-safe. A malformed line is
 * a configuration error that fails at load with the source name and line number.
 */
public final class TriggerCatalogue {

    public static final String STANDARD_RESOURCE = "context-triggers.tsv";

    private final List<Trigger> triggers;
    private final Map<String, List<Trigger>> byFirstWord;

    public TriggerCatalogue(List<Trigger> triggers) {
        this.triggers = List.copyOf(triggers);
        Map<String, List<Trigger>> index = new HashMap<>();
        for (Trigger t : this.triggers) {
            index.computeIfAbsent(t.words().getFirst(), k -> new ArrayList<>()).add(t);
        }
        // longest phrase first, so "not only" is tried before "not"
        index.replaceAll((k, v) -> v.stream()
                .sorted(Comparator.comparingInt((Trigger t) -> t.words().size()).reversed())
                .toList());
        this.byFirstWord = Map.copyOf(index);
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

    /** Triggers whose first word is {@code word}, longest first. */
    List<Trigger> startingWith(String word) {
        return byFirstWord.getOrDefault(word, List.of());
    }
}
