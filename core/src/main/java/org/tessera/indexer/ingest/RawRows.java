package org.tessera.indexer.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.tessera.indexer.ingest.RowResult.Quarantined;
import org.tessera.indexer.ingest.RowResult.Scope;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Physical rows of one extract file: each step gives a {@link Row} or a quarantined row
 * (ragged, wrong encoding, bad JSON). A structural problem with the file (missing required
 * column) gives one file-scope quarantine and ends the file. Not thread-safe.
 */
abstract class RawRows implements Closeable {

    /** One step: exactly one of row / quarantined / notice is non-null. */
    record Step(Row row, Quarantined quarantined, RowResult.Notice notice) {}

    protected final String fileName;
    protected final SourceMapping mapping;
    protected final ReadLimits limits;
    protected final BoundedRecordReader bounded;

    RawRows(String fileName, SourceMapping mapping, ReadLimits limits, BoundedRecordReader bounded) {
        this.fileName = fileName;
        this.mapping = mapping;
        this.limits = limits;
        this.bounded = bounded;
    }

    /** Next step, or null at end of file. */
    abstract Step next();

    static RawRows open(Path file, SourceMapping mapping, Set<String> referencedColumns) throws IOException {
        return open(file, mapping, referencedColumns, ReadLimits.defaults());
    }

    static RawRows open(Path file, SourceMapping mapping, Set<String> referencedColumns, ReadLimits limits) throws IOException {
        InputStream in = Files.newInputStream(file);
        DecodingReader reader = new DecodingReader(in, mapping.format().encoding(), limits.maxRecordChars());
        String name = file.getFileName().toString();
        return switch (mapping.format().type()) {
            case CSV -> new Csv(name, mapping, reader, referencedColumns, limits);
            case JSONL -> new Jsonl(name, mapping, reader, limits);
        };
    }

    /** The quarantine of a row longer than {@link ReadLimits#maxRecordChars()}, skipped by the reader. */
    Quarantined oversized(BoundedRecordReader.Oversized o) {
        String lines = o.lastLine() > o.firstLine() ? "lines " + o.firstLine() + "-" + o.lastLine() : "line " + o.firstLine();
        return rowError(o.firstLine(), null, "row too long: " + lines + (o.lastLine() > o.firstLine() ? " hold " : " holds ") + String.format(java.util.Locale.ROOT, "%,d", o.length())
                + " characters, over the limit of " + String.format(java.util.Locale.ROOT, "%,d", limits.maxRecordChars())
                + " (" + ReadLimits.MAX_RECORD_CHARS + "; a missing line break or quote?); skipped, the rest of the file was read", null);
    }

    /** Quarantine steps for oversized rows that began on or before {@code line}, in file order. */
    void takeOversized(long line, List<Step> into) {
        while (!bounded.oversized().isEmpty() && bounded.oversized().peekFirst().firstLine() <= line) {
            into.add(new Step(null, oversized(bounded.oversized().removeFirst()), null));
        }
    }

    String fieldTooLong(String field, int length) {
        return "value too long: " + String.format(java.util.Locale.ROOT, "%,d", length) + " characters in '" + field
                + "', over the limit of " + String.format(java.util.Locale.ROOT, "%,d", limits.maxFieldChars()) + " (" + ReadLimits.MAX_FIELD_CHARS + ")";
    }

    Quarantined rowError(long line, String field, String reason, String raw) {
        return new Quarantined(fileName, line, field, reason, raw, Scope.ROW);
    }

    String encodingReason(long line) {
        return "bytes not valid in the declared encoding " + mapping.format().encoding().name()
                + " on line " + line + " (is the file in another encoding? set format.encoding)";
    }

    static final class Csv extends RawRows {
        private final DecodingReader reader;
        private final CSVParser parser;
        private final Iterator<CSVRecord> records;
        private final CSVFormat format;
        private final Set<String> referenced;
        private List<String> header;
        private Map<String, Integer> index;
        private final List<Step> pending = new ArrayList<>();
        private boolean done;

        Csv(String fileName, SourceMapping mapping, DecodingReader reader, Set<String> referenced, ReadLimits limits) throws IOException {
            super(fileName, mapping, limits, new BoundedRecordReader(reader, limits.maxRecordChars(), mapping.format().quote()));
            this.reader = reader;
            this.referenced = referenced;
            SourceMapping.Format f = mapping.format();
            this.format = CSVFormat.DEFAULT.builder()
                    .setDelimiter(f.delimiter())
                    .setQuote(f.quote())
                    .setIgnoreSurroundingSpaces(f.trim())
                    .setTrim(f.trim())
                    .setIgnoreEmptyLines(false)
                    .get();
            this.parser = CSVParser.builder().setReader(bounded).setFormat(format).get();
            this.records = parser.iterator();
        }

        @Override
        Step next() {
            if (!pending.isEmpty()) return pending.removeFirst();
            if (done) return null;
            if (header == null && !readHeader()) {
                done = true;
                return pending.isEmpty() ? null : pending.removeFirst();
            }
            while (true) {
                if (!pending.isEmpty()) return pending.removeFirst();
                long before = parser.getCurrentLineNumber();
                CSVRecord rec;
                try {
                    if (!records.hasNext()) {
                        done = true;
                        takeOversized(Long.MAX_VALUE, pending);
                        return pending.isEmpty() ? null : pending.removeFirst();
                    }
                    rec = records.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    done = true;
                    String msg = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
                    takeOversized(Long.MAX_VALUE, pending);
                    pending.add(new Step(null, new Quarantined(fileName, before + 1, null, "CSV syntax error: " + msg
                            + "; the rest of the file from this line was not read", null, Scope.REST), null));
                    return pending.removeFirst();
                }
                long first = before + 1;
                long last = Math.max(first, parser.getCurrentLineNumber());
                takeOversized(last, pending);
                if (rec.size() == 1 && rec.get(0).isEmpty()) continue; // blank line (or an oversized row's place)
                pending.add(step(rec, first, last));
            }
        }

        private Step step(CSVRecord rec, long first, long last) {
            if (rec.size() != header.size()) {
                return new Step(null, rowError(first, null, "row has " + rec.size() + " fields but the header has "
                        + header.size() + " (ragged row; a delimiter or quote inside a value?)", format.format(rec.values())), null);
            }
            for (int i = 0; i < rec.size(); i++) {
                if (rec.get(i).indexOf(DecodingReader.REPLACEMENT) >= 0 && !reader.badLines().subSet(first, true, last, true).isEmpty()) {
                    return new Step(null, new Quarantined(fileName, first, header.get(i),
                            encodingReason(reader.badLines().subSet(first, true, last, true).first()),
                            format.format(rec.values()), Scope.ROW, reader.takeBytes(first, last)), null);
                }
                if (rec.get(i).length() > limits.maxFieldChars()) {
                    return new Step(null, rowError(first, header.get(i), fieldTooLong(header.get(i), rec.get(i).length()),
                            format.format(rec.values())), null);
                }
            }
            return new Step(new CsvRow(rec.values(), first, last), null, null);
        }

        private boolean readHeader() {
            SourceMapping.Format f = mapping.format();
            List<String> names;
            if (f.header()) {
                CSVRecord h;
                try {
                    if (!records.hasNext()) {
                        pending.add(new Step(null, new Quarantined(fileName, 0, null, "empty file: no header row", null, Scope.FILE), null));
                        return false;
                    }
                    h = records.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    pending.add(new Step(null, new Quarantined(fileName, 1, null, "unreadable header: " + e.getMessage(), null, Scope.FILE), null));
                    return false;
                }
                names = new ArrayList<>();
                for (String s : h.values()) names.add(s.replace("\uFEFF", "").trim());
                if (!reader.badLines().isEmpty() && reader.badLines().first() == 1) {
                    pending.add(new Step(null, new Quarantined(fileName, 1, null, encodingReason(1), String.join(",", names), Scope.FILE), null));
                    return false;
                }
            } else {
                names = f.columns();
            }
            header = List.copyOf(names);
            index = new HashMap<>();
            Set<String> duplicates = new LinkedHashSet<>();
            for (int i = 0; i < header.size(); i++) if (index.putIfAbsent(header.get(i), i) != null) duplicates.add(header.get(i));
            if (!duplicates.isEmpty()) {
                pending.add(new Step(null, null, new RowResult.Notice(new Issue(fileName, 1, String.join(",", duplicates),
                        "duplicate column name(s) in header; the first occurrence is used"))));
            }
            List<String> missing = mapping.requiredColumns().stream().filter(c -> !index.containsKey(c)).toList();
            if (!missing.isEmpty()) {
                pending.add(new Step(null, new Quarantined(fileName, 1, String.join(",", missing),
                        "required column(s) " + missing + " missing from the header " + header + "; whole file quarantined",
                        null, Scope.FILE), null));
                return false;
            }
            for (String c : referenced) {
                if (!index.containsKey(c) && !mapping.requiredColumns().contains(c)) {
                    pending.add(new Step(null, null, new RowResult.Notice(new Issue(fileName, 1, c,
                            "column used by the mapping is not in the header; its values will be absent"))));
                }
            }
            return true;
        }

        private final class CsvRow implements Row {
            private final String[] values;
            private final long first, last;

            CsvRow(String[] values, long first, long last) {
                this.values = values;
                this.first = first;
                this.last = last;
            }

            @Override public String get(String column) {
                Integer i = index.get(column);
                if (i == null) return null;
                String v = values[i].trim();
                return v.isEmpty() ? null : v;
            }
            @Override public boolean has(String column) { return index.containsKey(column); }
            @Override public List<Row> each(String path) { return List.of(); }
            @Override public long firstLine() { return first; }
            @Override public long lastLine() { return last; }
            /** Formatted only when a row is quarantined. */
            @Override public String raw() { return format.format((Object[]) values); }
        }

        @Override
        public void close() throws IOException { parser.close(); }
    }

    static final class Jsonl extends RawRows {
        private static final ObjectMapper JSON = new ObjectMapper();
        private final DecodingReader decoding;
        private final BufferedReader lines;
        private long line;
        private boolean started;
        private boolean failed;

        private final List<Step> pending = new ArrayList<>();

        Jsonl(String fileName, SourceMapping mapping, DecodingReader reader, ReadLimits limits) {
            super(fileName, mapping, limits, new BoundedRecordReader(reader, limits.maxRecordChars(), null));
            this.decoding = reader;
            this.lines = new BufferedReader(bounded);
        }

        @Override
        Step next() {
            if (!pending.isEmpty()) return pending.removeFirst();
            Step step = read();
            takeOversized(step == null || step.quarantined() != null && step.quarantined().scope().stopsReading()
                    ? Long.MAX_VALUE : line, pending);
            if (pending.isEmpty()) return step;
            if (step != null) pending.add(step);
            return pending.removeFirst();
        }

        private Step read() {
            while (true) {
                String text;
                if (failed) return null;
                try {
                    text = lines.readLine();
                } catch (IOException e) {
                    started = true;
                    failed = true;
                    return new Step(null, new Quarantined(fileName, line + 1, null, "read error: " + e.getMessage()
                            + "; the rest of the file from this line was not read", null, Scope.REST), null);
                }
                if (text == null) {
                    if (!started) {
                        started = true;
                        return new Step(null, new Quarantined(fileName, 0, null, "empty file", null, Scope.FILE), null);
                    }
                    return null;
                }
                started = true;
                line++;
                if (text.isBlank()) continue;
                if (text.indexOf(DecodingReader.REPLACEMENT) >= 0 && decoding.badLines().contains(line)) {
                    return new Step(null, new Quarantined(fileName, line, null, encodingReason(line), text, Scope.ROW,
                            decoding.takeBytes(line, line)), null);
                }
                JsonNode node;
                try {
                    node = JSON.readTree(text);
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    return new Step(null, rowError(line, null, "not valid JSON: " + e.getOriginalMessage(), text), null);
                }
                if (node == null || !node.isObject()) return new Step(null, rowError(line, null, "expected a JSON object per line", text), null);
                String tooLong = longValue(node, "");
                if (tooLong != null) {
                    return new Step(null, rowError(line, tooLong, fieldTooLong(tooLong, lookupLength(node, tooLong)), text), null);
                }
                for (String c : mapping.requiredColumns()) {
                    if (lookup(node, c) == null) return new Step(null, rowError(line, c, "required field '" + c + "' missing", text), null);
                }
                return new Step(new JsonRow(node, null, line, text), null, null);
            }
        }

        /** The dotted path of the first text value longer than the field limit, or null. */
        private String longValue(JsonNode node, String path) {
            if (node.isTextual()) return node.textValue().length() > limits.maxFieldChars() ? path : null;
            if (node.isObject()) {
                for (var it = node.properties().iterator(); it.hasNext(); ) {
                    var e = it.next();
                    String found = longValue(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey());
                    if (found != null) return found;
                }
            } else if (node.isArray()) {
                for (JsonNode el : node) {
                    String found = longValue(el, path);
                    if (found != null) return found;
                }
            }
            return null;
        }

        private int lookupLength(JsonNode node, String path) {
            JsonNode v = lookup(node, path);
            if (v != null && v.isTextual()) return v.textValue().length();
            int max = 0;
            if (v != null && v.isArray()) for (JsonNode el : v) if (el.isTextual()) max = Math.max(max, el.textValue().length());
            return max > 0 ? max : limits.maxFieldChars() + 1;
        }

        /** A dotted path; a part may index an array: {@code name[0].given}, {@code name.0.given}, {@code given[-1]}. */
        static JsonNode lookup(JsonNode node, String path) {
            JsonNode cur = node;
            for (String part : path.split("\\.")) {
                int bracket = part.indexOf('[');
                String key = bracket < 0 ? part : part.substring(0, bracket);
                if (!key.isEmpty()) {
                    if (cur != null && cur.isArray() && key.chars().allMatch(Character::isDigit)) cur = cur.get(Integer.parseInt(key));
                    else if (cur == null || !cur.isObject()) return null;
                    else cur = cur.get(key);
                }
                while (bracket >= 0 && cur != null) {
                    int close = part.indexOf(']', bracket);
                    if (close < 0 || !cur.isArray()) return null;
                    int i;
                    try {
                        i = Integer.parseInt(part.substring(bracket + 1, close).trim());
                    } catch (NumberFormatException e) {
                        return null;
                    }
                    cur = cur.get(i < 0 ? cur.size() + i : i);
                    bracket = part.indexOf('[', close);
                }
            }
            return cur == null || cur.isNull() || cur.isMissingNode() ? null : cur;
        }

        /** Scalars as trimmed text; an array of scalars joined by one space (["Jade","Rose"] gives "Jade Rose"); objects as JSON. */
        static String text(JsonNode v) {
            if (v.isValueNode()) return v.asText().trim();
            if (v.isArray()) {
                StringBuilder sb = new StringBuilder();
                for (JsonNode el : v) {
                    if (!el.isValueNode()) return v.toString();
                    String s = el.isNull() ? "" : el.asText().trim();
                    if (s.isEmpty()) continue;
                    if (!sb.isEmpty()) sb.append(' ');
                    sb.append(s);
                }
                return sb.toString();
            }
            return v.toString();
        }

        private record JsonRow(JsonNode node, Row parent, long line, String raw) implements Row {
            @Override public String get(String column) {
                JsonNode v = lookup(node, column);
                if (v == null) return parent == null ? null : parent.get(column);
                String s = text(v);
                return s.isEmpty() ? null : s;
            }
            @Override public List<String> values(String column) {
                JsonNode v = lookup(node, column);
                if (v == null) return parent == null ? List.of() : parent.values(column);
                if (!v.isArray()) return Row.super.values(column);
                List<String> out = new ArrayList<>();
                for (JsonNode el : v) {
                    if (el.isNull()) continue;
                    String s = el.isValueNode() ? el.asText().trim() : el.toString();
                    if (!s.isEmpty()) out.add(s);
                }
                return out;
            }
            @Override public boolean has(String column) { return lookup(node, column) != null || (parent != null && parent.has(column)); }
            @Override public List<Row> each(String path) {
                JsonNode arr = lookup(node, path);
                if (arr == null || !arr.isArray()) return List.of();
                List<Row> out = new ArrayList<>();
                for (JsonNode el : arr) if (el.isObject()) out.add(new JsonRow(el, this, line, raw));
                return out;
            }
            @Override public long firstLine() { return line; }
            @Override public long lastLine() { return line; }
        }

        @Override
        public void close() throws IOException { lines.close(); }
    }
}
