package org.tessera.indexer.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.tessera.indexer.ingest.SourceMapping;
import org.tessera.indexer.ingest.SourceMappings;
import org.tessera.indexer.opensearch.EngineJson;

/**
 * Cuts a generated county into its history and its last days, per extract, by each record's date
 * column as the source mapping names it: the history is loaded first, the last days arrive as the
 * day's delta. Documents, and records whose date cannot be read, stay in the history.
 */
public final class FeedSplit {

    private static final ObjectMapper JSON = EngineJson.MAPPER;

    /** What the cut produced: the folders, the last day, and the records each side holds. */
    public record Result(Path history, Path delta, LocalDate lastDay, long historyRecords, long deltaRecords, List<Path> deltaFiles) {
    }

    private FeedSplit() {
    }

    public static Result split(Path county, SourceMappings mappings, int days, Path out) throws IOException {
        Path history = Files.createDirectories(out.resolve("history"));
        Path delta = Files.createDirectories(out.resolve("delta"));
        List<Path> files;
        try (Stream<Path> listed = Files.walk(county)) {
            files = listed.filter(Files::isRegularFile).sorted().toList();
        }
        LocalDate last = null;
        for (Path file : files) {
            Optional<SourceMapping> mapping = mappings.claimant(county.relativize(file));
            if (mapping.isPresent()) {
                for (LocalDate date : dates(file, mapping.get())) {
                    last = last == null || date.isAfter(last) ? date : last;
                }
            }
        }
        if (last == null) {
            throw new IllegalStateException("no dated record in " + county);
        }
        LocalDate from = last.minusDays(days - 1L);
        long historyRecords = 0;
        long deltaRecords = 0;
        List<Path> deltaFiles = new ArrayList<>();
        for (Path file : files) {
            Path relative = county.relativize(file);
            Optional<SourceMapping> mapping = mappings.claimant(relative);
            Path historyCopy = history.resolve(relative.toString());
            Files.createDirectories(historyCopy.getParent());
            if (mapping.isEmpty()) {
                Files.copy(file, historyCopy, StandardCopyOption.REPLACE_EXISTING);
                continue;
            }
            Path deltaCopy = delta.resolve(relative.getFileName().toString());
            long[] counts = cut(file, mapping.get(), from, historyCopy, deltaCopy);
            historyRecords += counts[0];
            deltaRecords += counts[1];
            if (counts[1] > 0) {
                deltaFiles.add(deltaCopy);
            } else {
                Files.deleteIfExists(deltaCopy);
            }
        }
        return new Result(history, delta, last, historyRecords, deltaRecords, deltaFiles);
    }

    private static List<LocalDate> dates(Path file, SourceMapping mapping) throws IOException {
        List<LocalDate> dates = new ArrayList<>();
        if (mapping.format().type() == SourceMapping.FormatType.JSONL) {
            for (String line : Files.readAllLines(file, mapping.format().encoding())) {
                date(jsonValue(line, mapping), mapping).ifPresent(dates::add);
            }
            return dates;
        }
        try (Reader reader = Files.newBufferedReader(file, mapping.format().encoding()); CSVParser csv = parser(reader, mapping)) {
            for (CSVRecord record : csv) {
                date(csvValue(record, mapping), mapping).ifPresent(dates::add);
            }
        }
        return dates;
    }

    /** Writes the records before {@code from} to {@code history}, the others to {@code delta}; returns both counts. */
    private static long[] cut(Path file, SourceMapping mapping, LocalDate from, Path history, Path delta) throws IOException {
        long[] counts = new long[2];
        if (mapping.format().type() == SourceMapping.FormatType.JSONL) {
            try (BufferedWriter h = Files.newBufferedWriter(history, mapping.format().encoding());
                 BufferedWriter d = Files.newBufferedWriter(delta, mapping.format().encoding())) {
                for (String line : Files.readAllLines(file, mapping.format().encoding())) {
                    if (line.isBlank()) {
                        continue;
                    }
                    boolean late = date(jsonValue(line, mapping), mapping).map(day -> !day.isBefore(from)).orElse(false);
                    (late ? d : h).write(line);
                    (late ? d : h).newLine();
                    counts[late ? 1 : 0]++;
                }
            }
            return counts;
        }
        try (Reader reader = Files.newBufferedReader(file, mapping.format().encoding()); CSVParser csv = parser(reader, mapping);
             BufferedWriter hw = Files.newBufferedWriter(history, mapping.format().encoding());
             BufferedWriter dw = Files.newBufferedWriter(delta, mapping.format().encoding());
             CSVPrinter h = new CSVPrinter(hw, printFormat(mapping));
             CSVPrinter d = new CSVPrinter(dw, printFormat(mapping))) {
            if (mapping.format().header()) {
                h.printRecord(csv.getHeaderNames());
                d.printRecord(csv.getHeaderNames());
            }
            for (CSVRecord record : csv) {
                boolean late = date(csvValue(record, mapping), mapping).map(day -> !day.isBefore(from)).orElse(false);
                (late ? d : h).printRecord(record.toList());
                counts[late ? 1 : 0]++;
            }
        }
        return counts;
    }

    private static CSVParser parser(Reader reader, SourceMapping mapping) throws IOException {
        CSVFormat.Builder format = CSVFormat.DEFAULT.builder().setDelimiter(mapping.format().delimiter()).setQuote(mapping.format().quote());
        if (mapping.format().header()) {
            format.setHeader().setSkipHeaderRecord(true);
        } else {
            format.setHeader(mapping.format().columns().toArray(String[]::new));
        }
        return CSVParser.builder().setReader(reader).setFormat(format.get()).get();
    }

    private static CSVFormat printFormat(SourceMapping mapping) {
        return CSVFormat.DEFAULT.builder().setDelimiter(mapping.format().delimiter()).setQuote(mapping.format().quote())
                .setRecordSeparator("\r\n").get();
    }

    private static String csvValue(CSVRecord record, SourceMapping mapping) {
        var date = mapping.record().date();
        return date == null || !record.isMapped(date.column()) ? null : record.get(date.column());
    }

    private static String jsonValue(String line, SourceMapping mapping) {
        var date = mapping.record().date();
        if (date == null || line.isBlank()) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(line);
            for (String part : date.column().split("\\.")) {
                node = node.path(part);
            }
            return node.isValueNode() ? node.asText() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static Optional<LocalDate> date(String value, SourceMapping mapping) {
        if (value == null || value.isBlank() || mapping.record().date() == null) {
            return Optional.empty();
        }
        for (DateTimeFormatter formatter : mapping.record().date().formatters()) {
            try {
                TemporalAccessor parsed = formatter.parse(value.trim());
                return Optional.of(LocalDate.from(parsed));
            } catch (java.time.DateTimeException e) {
                // try the next pattern
            }
        }
        return Optional.empty();
    }
}
