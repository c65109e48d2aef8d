package org.tessera.indexer.ingest.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.tessera.indexer.ingest.SourceMapping;

/**
 * What a delivery folder says of itself and of each source's files: the optional manifest
 * {@code feed.json} ({@code {"as_of": "2026-06-01", "feeds": {"police_incidents": "delta"}}}),
 * the content hash of a source's files (names and bytes, so the same files delivered again in
 * another folder are recognised), and the record ids a delta's tombstone files withdraw.
 */
final class FeedDelivery {

    static final String MANIFEST = "feed.json";
    private static final ObjectMapper JSON = org.tessera.indexer.opensearch.EngineJson.MAPPER;

    private FeedDelivery() {
    }

    /**
     * The manifest of a folder; without one, no as-of date and nothing declared.
     *
     * @param problem why the manifest could not be read (the delivery is then refused), or null
     */
    record Manifest(LocalDate asOf, Map<String, SourceMapping.FeedKind> declared, String problem) {
        static final Manifest NONE = new Manifest(null, Map.of(), null);

        Manifest {
            declared = Map.copyOf(declared);
        }
    }

    static Manifest manifest(Path folder) {
        Path file = folder.resolve(MANIFEST);
        if (!Files.isRegularFile(file)) {
            return Manifest.NONE;
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            LocalDate asOf = root.hasNonNull("as_of") ? LocalDate.parse(root.path("as_of").asText()) : null;
            Map<String, SourceMapping.FeedKind> declared = new TreeMap<>();
            var fields = root.path("feeds").fields();
            while (fields.hasNext()) {
                var e = fields.next();
                String kind = e.getValue().asText().toUpperCase(Locale.ROOT);
                if (!kind.equals("SNAPSHOT") && !kind.equals("DELTA")) {
                    return new Manifest(null, Map.of(), MANIFEST + ": feeds." + e.getKey() + " must be snapshot or delta, not '"
                            + e.getValue().asText() + "'");
                }
                declared.put(e.getKey(), SourceMapping.FeedKind.valueOf(kind));
            }
            return new Manifest(asOf, declared, null);
        } catch (IOException e) {
            return new Manifest(null, Map.of(), MANIFEST + " is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        } catch (DateTimeParseException e) {
            return new Manifest(null, Map.of(), MANIFEST + ": as_of must be a date (yyyy-MM-dd): " + e.getParsedString());
        }
    }

    /** SHA-256 over the files' names and bytes, in name order. */
    static String contentHash(List<Path> files) {
        try {
            MessageDigest all = MessageDigest.getInstance("SHA-256");
            List<Path> sorted = new ArrayList<>(files);
            sorted.sort(Comparator.comparing(p -> p.getFileName().toString()));
            byte[] buffer = new byte[1 << 16];
            for (Path file : sorted) {
                all.update(file.getFileName().toString().getBytes(StandardCharsets.UTF_8));
                all.update((byte) 0);
                try (InputStream in = Files.newInputStream(file)) {
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        all.update(buffer, 0, n);
                    }
                }
                all.update((byte) 0);
            }
            return HexFormat.of().formatHex(all.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The ids a tombstone file lists, or why it cannot be read. */
    record Tombstones(Set<String> recordIds, String problem) {
    }

    /**
     * Reads a tombstone file: CSV with a header naming a {@code record_id} column (other columns,
     * such as a reason, are ignored), one record id per line, values optionally in double quotes.
     */
    static Tombstones tombstones(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.isEmpty()) {
                return new Tombstones(Set.of(), file.getFileName() + ": empty tombstone file (a header with record_id is needed)");
            }
            List<String> header = cells(lines.get(0));
            int column = header.indexOf("record_id");
            if (column < 0) {
                return new Tombstones(Set.of(), file.getFileName() + " line 1: no record_id column in the header " + header);
            }
            Set<String> ids = new LinkedHashSet<>();
            for (int i = 1; i < lines.size(); i++) {
                if (lines.get(i).isBlank()) {
                    continue;
                }
                List<String> cells = cells(lines.get(i));
                if (cells.size() <= column || cells.get(column).isBlank()) {
                    return new Tombstones(Set.of(), file.getFileName() + " line " + (i + 1) + ": no record id");
                }
                ids.add(cells.get(column));
            }
            return new Tombstones(ids, null);
        } catch (IOException e) {
            return new Tombstones(Set.of(), file.getFileName() + ": cannot be read: " + e.getMessage());
        }
    }

    private static List<String> cells(String line) {
        List<String> out = new ArrayList<>();
        for (String cell : line.split(",", -1)) {
            String c = cell.trim();
            if (c.length() >= 2 && c.startsWith("\"") && c.endsWith("\"")) {
                c = c.substring(1, c.length() - 1).replace("\"\"", "\"");
            }
            out.add(c);
        }
        return out;
    }
}
