package org.tessera.indexer.ingest;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Passes text through row by row, holding at most {@code maxRecordChars} of one row: a row is the
 * text up to a line break outside quotes (with {@code quote} null, up to any line break). A row
 * longer than the limit is not passed on: it is read to the next line break (streaming, nothing
 * kept), replaced by the line breaks it held, so that line numbers downstream stay those of the
 * file and the reader sees blank lines, and noted as an {@link Oversized} row for the caller to
 * quarantine. Reading then goes on with the next line: one oversized row never stops a file.
 * Not thread-safe.
 */
final class BoundedRecordReader extends Reader {

    /** A row that was skipped: its first physical line (1-based), last line and length in characters. */
    record Oversized(long firstLine, long lastLine, long length) {}

    private final Reader in;
    private final int maxRecordChars;
    private final Character quote;
    private final char[] chunk = new char[16 * 1024];
    private int chunkPos;
    private int chunkEnd;
    private boolean eof;
    private final StringBuilder row = new StringBuilder();
    private int rowPos;
    private long line = 1;
    private final Deque<Oversized> oversized = new ArrayDeque<>();

    BoundedRecordReader(Reader in, int maxRecordChars, Character quote) {
        this.in = in;
        this.maxRecordChars = maxRecordChars;
        this.quote = quote;
    }

    /** Oversized rows seen so far and not yet taken, in file order. */
    Deque<Oversized> oversized() { return oversized; }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
        if (len == 0) return 0;
        if (rowPos >= row.length()) {
            row.setLength(0);
            rowPos = 0;
            nextRow();
            if (row.isEmpty()) return -1;
        }
        int n = Math.min(len, row.length() - rowPos);
        row.getChars(rowPos, rowPos + n, buf, off);
        rowPos += n;
        return n;
    }

    private int nextChar() throws IOException {
        if (chunkPos >= chunkEnd) {
            if (eof) return -1;
            int n = in.read(chunk, 0, chunk.length);
            if (n < 0) { eof = true; return -1; }
            chunkPos = 0;
            chunkEnd = n;
        }
        return chunk[chunkPos++];
    }

    /** Fills {@link #row} with the next row (ending in its line break), or leaves it empty at the end. */
    private void nextRow() throws IOException {
        boolean inQuotes = false;
        long first = line;
        int c;
        while ((c = nextChar()) >= 0) {
            row.append((char) c);
            if (quote != null && c == quote) {
                inQuotes = !inQuotes;
            } else if (c == '\n' || c == '\r') {
                if (c == '\n' || peekNot('\n')) line++;
                if (!inQuotes) return;
            }
            if (row.length() > maxRecordChars) {
                skipRest(first, row.length());
                return;
            }
        }
    }

    /** True when the next character (if any) is not {@code c}; a lone CR counts as a line break. */
    private boolean peekNot(char c) throws IOException {
        if (chunkPos >= chunkEnd) {
            if (eof) return true;
            int n = in.read(chunk, 0, chunk.length);
            if (n < 0) { eof = true; return true; }
            chunkPos = 0;
            chunkEnd = n;
        }
        return chunk[chunkPos] != c;
    }

    /** Drops the row read so far, reads on to the next line break, and leaves only the line breaks. */
    private void skipRest(long first, long soFar) throws IOException {
        StringBuilder breaks = new StringBuilder();
        for (int i = 0; i < row.length(); i++) {
            char ch = row.charAt(i);
            if (ch == '\n' || ch == '\r') breaks.append(ch);
        }
        long length = soFar;
        int c;
        while ((c = nextChar()) >= 0) {
            if (c == '\n' || c == '\r') {
                breaks.append((char) c);
                if (c == '\r' && !peekNot('\n')) {
                    breaks.append((char) nextChar());
                }
                line++;
                break;
            }
            length++;
        }
        row.setLength(0);
        // A row cut at the end of the file still leaves one line break: the reader sees a blank line.
        row.append(breaks.isEmpty() ? "\n" : breaks);
        long last = Math.max(first, line - 1);
        oversized.add(new Oversized(first, c < 0 ? Math.max(first, line) : last, length));
    }

    @Override
    public void close() throws IOException { in.close(); }
}
