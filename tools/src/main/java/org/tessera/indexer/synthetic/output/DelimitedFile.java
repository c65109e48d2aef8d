package org.tessera.indexer.synthetic.output;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;

/** A streaming delimited-text file: rows are written as they come; nothing is kept. Not thread-safe. */
public final class DelimitedFile implements AutoCloseable {
    private final BufferedWriter out;
    private final char delimiter;
    private final String name;
    private long rows;

    /** A JSON Lines file (no header): each {@link #line} is one record. */
    public static DelimitedFile jsonLines(Path file) {
        return new DelimitedFile(file, java.nio.charset.StandardCharsets.UTF_8, '\n', (String[]) null);
    }

    /** Writes one already-formatted line (a JSON object) as a record. */
    public void line(String text) {
        try {
            out.write(text);
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rows++;
    }

    public DelimitedFile(Path file, Charset charset, char delimiter, String... header) {
        try {
            OutputStream os = Files.newOutputStream(file);
            // Characters the legacy encoding cannot hold become '?', as real exports do.
            this.out = new BufferedWriter(new OutputStreamWriter(os, charset.newEncoder()
                    .onUnmappableCharacter(CodingErrorAction.REPLACE).replaceWith(new byte[] {'?'})), 1 << 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.delimiter = delimiter;
        this.name = file.getFileName().toString();
        if (header != null) {
            writeLine(header);
        }
        rows = 0;
    }

    public void row(String... values) {
        writeLine(values);
        rows++;
    }

    private void writeLine(String[] values) {
        try {
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    out.write(delimiter);
                }
                String v = values[i] == null ? "" : values[i];
                if (needsQuote(v)) {
                    out.write('"');
                    out.write(v.replace("\"", "\"\""));
                    out.write('"');
                } else {
                    out.write(v);
                }
            }
            out.write("\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean needsQuote(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == delimiter || c == '"' || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }

    public long rows() {
        return rows;
    }

    public String name() {
        return name;
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
