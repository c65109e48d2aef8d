package org.tessera.indexer.arrivals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.tessera.indexer.ingest.Ids;
import org.tessera.indexer.ingest.SourceMapping;
import org.tessera.indexer.opensearch.EngineJson;

/**
 * Turns a REST payload for a named source into the file that source delivers, so it goes in
 * through the same mapping as the agency's own extract: JSON records (one object or an array) are
 * written as JSON Lines for a {@code jsonl} source, or as CSV (the records' keys as the header, in
 * the mapping's delimiter) for a {@code csv} source; a CSV body for a CSV source is kept as sent.
 * The file's name follows the mapping's first name pattern with the content's hash in place of the
 * wildcard. Pure apart from the file it writes; thread-safe.
 */
public final class ArrivalPayload {

    private static final ObjectMapper JSON = EngineJson.MAPPER;

    private ArrivalPayload() {
    }

    /** A payload the sender got wrong: the reason, for a 400 answer. */
    public static final class Refused extends IllegalArgumentException {
        public Refused(String reason) {
            super(reason);
        }
    }

    /** Writes the payload into {@code dir} and returns it as an arrival of {@code mapping}'s source. */
    public static Arrival write(SourceMapping mapping, String contentType, byte[] body, Path dir, String via) {
        if (body.length == 0) {
            throw new Refused("the request body is empty");
        }
        boolean csvBody = contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("text/csv");
        byte[] content;
        if (csvBody) {
            if (mapping.format().type() != SourceMapping.FormatType.CSV) {
                throw new Refused("source '" + mapping.source() + "' delivers JSON Lines: send JSON records");
            }
            content = body;
        } else {
            List<JsonNode> records = records(body);
            content = mapping.format().type() == SourceMapping.FormatType.JSONL ? jsonLines(records) : csv(records, mapping.format());
        }
        String name = fileName(mapping, Ids.sha256Hex(content).substring(0, 16));
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(name);
            Files.write(file, content);
            return new Arrival(file, name, mapping.source(), via);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<JsonNode> records(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new Refused("the body is not JSON" + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? ": " + j.getOriginalMessage() : ""));
        }
        List<JsonNode> records = new ArrayList<>();
        if (root != null && root.isObject()) {
            records.add(root);
        } else if (root != null && root.isArray()) {
            int i = 0;
            for (JsonNode record : root) {
                if (!record.isObject()) {
                    throw new Refused("record " + i + " of the batch is not a JSON object");
                }
                records.add(record);
                i++;
            }
        } else {
            throw new Refused("send one record (a JSON object) or a batch (an array of objects)");
        }
        if (records.isEmpty()) {
            throw new Refused("the batch holds no record");
        }
        return records;
    }

    private static byte[] jsonLines(List<JsonNode> records) {
        StringBuilder out = new StringBuilder();
        records.forEach(r -> out.append(r.toString()).append('\n'));
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] csv(List<JsonNode> records, SourceMapping.Format format) {
        Set<String> header = new LinkedHashSet<>();
        records.forEach(r -> r.fieldNames().forEachRemaining(header::add));
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setDelimiter(format.delimiter())
                .setQuote(format.quote()).setRecordSeparator("\r\n").get())) {
            printer.printRecord(header);
            for (JsonNode record : records) {
                List<String> row = new ArrayList<>(header.size());
                for (String column : header) {
                    JsonNode value = record.path(column);
                    if (value.isContainerNode()) {
                        throw new Refused("field '" + column + "' is nested, but source delivers flat CSV columns");
                    }
                    row.add(value.isMissingNode() || value.isNull() ? "" : value.asText());
                }
                printer.printRecord(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString().getBytes(format.encoding());
    }

    /** The mapping's first name pattern with {@code -arrival-HASH} for its wildcard ({@code police_incidents*.csv}). */
    static String fileName(SourceMapping mapping, String hash) {
        Iterator<String> patterns = mapping.files().iterator();
        String pattern = patterns.hasNext() ? patterns.next() : mapping.source() + "*.csv";
        int slash = pattern.lastIndexOf('/');
        pattern = pattern.substring(slash + 1);
        return pattern.contains("*") ? pattern.replaceFirst("\\*", "-arrival-" + hash).replace("*", "") : pattern;
    }
}
