package org.tessera.indexer.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One note of a PERSON-name evaluation file (nlp-models/eval/names/README.md): its id, agency
 * voice, plain text and the gold name spans, read from text whose names are wrapped in
 * {@code [[...]]}.
 */
public record NameNote(String id, String voice, String text, List<Span> names) {

    /** A gold or found name: character offsets in {@link #text()}, end exclusive. */
    public record Span(int start, int end) {
        public Span {
            if (start < 0 || end <= start) {
                throw new IllegalArgumentException("bad span " + start + ".." + end);
            }
        }

        boolean overlaps(Span other) {
            return start < other.end && other.start < end;
        }
    }

    public NameNote {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(voice, "voice");
        Objects.requireNonNull(text, "text");
        names = List.copyOf(names);
    }

    /** Strips the {@code [[ ]]} markers of an annotated text and records what they enclosed. */
    public static NameNote parse(String id, String voice, String annotated) {
        StringBuilder plain = new StringBuilder(annotated.length());
        List<Span> names = new ArrayList<>();
        int open = -1;
        for (int i = 0; i < annotated.length(); i++) {
            if (annotated.startsWith("[[", i) && open < 0) {
                open = plain.length();
                i++;
            } else if (annotated.startsWith("]]", i) && open >= 0) {
                names.add(new Span(open, plain.length()));
                open = -1;
                i++;
            } else {
                plain.append(annotated.charAt(i));
            }
        }
        if (open >= 0) {
            throw new IllegalArgumentException(id + ": '[[' at offset " + open + " is never closed");
        }
        return new NameNote(id, voice, plain.toString(), names);
    }

    /** Reads a JSON Lines file of {@code {"id","voice","text"}} objects; a bad line fails with its number. */
    public static List<NameNote> read(Path file) {
        ObjectMapper json = new ObjectMapper();
        List<NameNote> notes = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int n = 0; n < lines.size(); n++) {
                String line = lines.get(n);
                if (line.isBlank()) {
                    continue;
                }
                try {
                    JsonNode node = json.readTree(line);
                    notes.add(parse(field(node, "id"), field(node, "voice"), field(node, "text")));
                } catch (IOException | IllegalArgumentException e) {
                    throw new IllegalArgumentException(file + ":" + (n + 1) + ": " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return List.copyOf(notes);
    }

    private static String field(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("field '" + name + "' missing or not a string");
        }
        return value.asText();
    }
}
