package org.tessera.indexer.scoring;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.tessera.indexer.common.SpreadsheetCells;

/**
 * File formats of {@code tessera export}: CSV with a header row (cells a spreadsheet would run as
 * a formula get a leading apostrophe, see {@link SpreadsheetCells}), or one JSON object per line.
 */
public enum ExportFormat {
    CSV, JSONL;

    /** Writes rows whose keys are {@code columns} (in that order); values may be null, numbers, strings or lists. */
    public RowWriter open(Writer out, List<String> columns) {
        return switch (this) {
            case CSV -> {
                try {
                    CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(columns.toArray(String[]::new)).get());
                    yield row -> {
                        try {
                            printer.printRecord(columns.stream().map(c -> SpreadsheetCells.neutralise(cell(row.get(c)))).toList());
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    };
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            case JSONL -> {
                ObjectMapper json = new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT);
                yield row -> {
                    try {
                        var node = json.createObjectNode();
                        for (String c : columns) {
                            node.set(c, json.valueToTree(row.get(c)));
                        }
                        out.write(json.writeValueAsString(node));
                        out.write('\n');
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                };
            }
        };
    }

    private static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof List<?> list) {
            return String.join(";", list.stream().map(String::valueOf).toList());
        }
        return String.valueOf(value);
    }

    /** Accepts one row at a time; the caller flushes and closes the underlying writer. */
    @FunctionalInterface
    public interface RowWriter {
        void write(Map<String, ?> row);
    }
}
