package org.tessera.indexer.indicators.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.tessera.indexer.opensearch.EngineJson;

/** Reads a concern corpus (JSON Lines); a malformed line fails with the file and line number. */
public final class ConcernCorpus {

    private static final ObjectMapper JSON = EngineJson.MAPPER;
    static final Set<String> CONTEXTS = Set.of("affirmed", "negated", "hypothetical", "historical", "uncertain");

    /**
     * Frozen held-out files (nlp-models/eval/README.md): never trained or calibrated on. heldout2 and
     * heldout3 are development data since session 11, heldout4 since session 12, heldout5 since session 13,
     * heldout6 since session 14, heldout7 and heldout8 since session 15, heldout9 since session 16, heldout10 since session 17, heldout11 since session 18, heldout12 since session 19, heldout13 since session 20
     * (all allowed runs spent); heldout14 is written by a sixteenth hand in session 20.
     */
    public static final Set<String> HELD_OUT = Set.of("concerns-heldout14.jsonl");

    /**
     * Held-out routine text (session 17, nlp-models/eval/README.md): sentences of no concern that are never trained on and never
     * used to choose a threshold; {@code train-classifier --routine-heldout} reads them only to report how often the heads fire.
     * {@code routine-writer14-heldout.jsonl} (session 18): the held-out half of an independent writer's routine sentences, frozen
     * by id before any head was trained on the other half.
     */
    public static final Set<String> ROUTINE_HELD_OUT = Set.of("routine-heldout.jsonl", "routine-heldout-generator.jsonl",
            "routine-writer14-heldout.jsonl");

    private ConcernCorpus() {
    }

    /** Whether a file is held-out routine text (by name): never a training or negatives-only corpus. */
    public static boolean isRoutineHeldOut(Path file) {
        return ROUTINE_HELD_OUT.contains(file.getFileName().toString());
    }

    /** Whether a file is a frozen held-out set (by name). */
    public static boolean isHeldOut(Path file) {
        return HELD_OUT.contains(file.getFileName().toString());
    }

    /**
     * Reads several corpora, one writer per file: a writer is an id's prefix ({@code "D-0001"}), and when a file's prefix is
     * already taken by an earlier file (heldout5 reuses heldout3's {@code Q}), its ids are read with the file's own name
     * added ({@code "Q.heldout5-0001"}), so that leaving one writer out leaves out one file.
     */
    public static List<ConcernItem> readAll(List<Path> files) {
        List<ConcernItem> items = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (Path file : files) {
            List<ConcernItem> read = read(file);
            Set<String> prefixes = new TreeSet<>();
            read.forEach(item -> prefixes.add(ContextHeadTrainer.writer(item)));
            String stem = file.getFileName().toString().replaceFirst("\\.jsonl$", "").replaceFirst("^concerns-", "");
            boolean clash = prefixes.stream().anyMatch(taken::contains);
            for (ConcernItem item : read) {
                String prefix = ContextHeadTrainer.writer(item);
                String writer = clash ? prefix + "." + stem : prefix;
                items.add(clash ? new ConcernItem(writer + item.id().substring(prefix.length()), item.text(), item.concern(), item.context(),
                        item.experiencer(), item.agency(), item.subjectAge()) : item);
                taken.add(writer);
            }
        }
        return items;
    }

    public static List<ConcernItem> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        List<ConcernItem> items = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            try {
                JsonNode node = JSON.readTree(line);
                String context = text(node, "context");
                if (!CONTEXTS.contains(context)) {
                    throw new IllegalArgumentException("context '" + context + "' is not one of " + CONTEXTS);
                }
                JsonNode age = node.path("subject_age");
                items.add(new ConcernItem(required(node, "id"), required(node, "text"), required(node, "concern"), context,
                        text(node, "experiencer"), text(node, "agency"), age.isNumber() ? age.asDouble() : null));
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return items;
    }

    private static String required(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing '" + field + "'");
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }
}
