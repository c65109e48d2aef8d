package org.tessera.indexer.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.OutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tessera.indexer.common.SpreadsheetCells;

/**
 * Writes rejected input beside the run so nothing is silently dropped:
 * {@code <dir>/<source>/<file>.rejected.csv} (raw rows as read) and
 * {@code <dir>/<source>/<file>.reasons.jsonl} (file, line, field, reason per rejection).
 * A row whose bytes were not valid in the declared encoding is written with its original bytes,
 * every other row as UTF-8. Cells that a spreadsheet would run as a formula ({@code =HYPERLINK(...)})
 * get a leading apostrophe ({@link SpreadsheetCells}): nothing else of the row changes.
 * A file-scope rejection copies the whole file to {@code <dir>/<source>/<file>}.
 * Not thread-safe: one instance per ingest run and thread; close it at the end.
 */
public final class Quarantine implements Closeable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final Map<String, OutputStream> rejected = new HashMap<>();
    private final Map<String, BufferedWriter> reasons = new HashMap<>();
    private long count;

    public Quarantine(Path dir) { this.dir = dir; }

    /**
     * @param source     the source id (folder name)
     * @param sourceFile the extract, copied whole when the whole file, or its rest from a line on, was not read
     */
    public void write(String source, Path sourceFile, RowResult.Quarantined q) {
        write(source, sourceFile, q, ',', '"');
    }

    /** As {@link #write(String, Path, RowResult.Quarantined)} for an extract in {@code format} (its delimiter and quote). */
    public void write(String source, Path sourceFile, RowResult.Quarantined q, SourceMapping.Format format) {
        boolean csv = format.type() == SourceMapping.FormatType.CSV;
        write(source, sourceFile, q, csv ? format.delimiter() : ',', csv ? format.quote() : Character.valueOf('"'));
    }

    private void write(String source, Path sourceFile, RowResult.Quarantined q, char delimiter, Character quote) {
        try {
            Path folder = dir.resolve(source);
            Files.createDirectories(folder);
            // Only the file's name: a file named by its full path must not land back beside the input.
            String name = Path.of(q.file()).getFileName().toString();
            String key = source + "/" + name;
            if (q.scope().stopsReading() && sourceFile != null && Files.exists(sourceFile)) {
                Files.copy(sourceFile, folder.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            } else if (q.rawBytes() != null || q.raw() != null) {
                OutputStream out = rejected.computeIfAbsent(key, k -> openStream(folder.resolve(name + ".rejected.csv")));
                if (q.rawBytes() != null) {
                    // ISO-8859-1 maps every byte to one char and back: the bytes stay the file's own
                    String asRead = new String(q.rawBytes(), StandardCharsets.ISO_8859_1);
                    out.write(SpreadsheetCells.neutraliseRow(asRead, delimiter, quote).getBytes(StandardCharsets.ISO_8859_1));
                    if (!asRead.endsWith("\n")) out.write('\n');
                } else {
                    out.write(SpreadsheetCells.neutraliseRow(q.raw(), delimiter, quote).getBytes(StandardCharsets.UTF_8));
                    out.write('\n');
                }
            }
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("file", q.file());
            line.put("line", q.line());
            line.put("field", q.field());
            line.put("scope", q.scope().name().toLowerCase());
            line.put("reason", q.reason());
            BufferedWriter w = reasons.computeIfAbsent(key, k -> open(folder.resolve(name + ".reasons.jsonl")));
            w.write(JSON.writeValueAsString(line));
            w.newLine();
            count++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write quarantine under " + dir, e);
        }
    }

    public long count() { return count; }

    private static OutputStream openStream(Path p) {
        try {
            return new BufferedOutputStream(Files.newOutputStream(p));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BufferedWriter open(Path p) {
        try {
            return Files.newBufferedWriter(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        for (OutputStream w : rejected.values()) w.close();
        for (BufferedWriter w : reasons.values()) w.close();
    }
}
