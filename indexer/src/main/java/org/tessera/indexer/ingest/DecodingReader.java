package org.tessera.indexer.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * Decodes bytes in the declared charset, replacing each malformed or unmappable sequence with
 * U+FFFD and remembering the physical line it was on, so that a file in the wrong encoding is
 * reported row by row with line numbers instead of failing as a whole or being silently mangled.
 * Not thread-safe.
 */
final class DecodingReader extends Reader {
    static final char REPLACEMENT = '\uFFFD';

    private final InputStream in;
    private final CharsetDecoder decoder;
    private final ByteBuffer bytes = ByteBuffer.allocate(16 * 1024).flip();
    private final CharBuffer chars = CharBuffer.allocate(16 * 1024).flip();
    private final NavigableSet<Long> badLines = new TreeSet<>();
    private long line = 1;
    private boolean eof;
    private boolean flushed;

    DecodingReader(InputStream in, Charset charset) {
        this.in = in;
        this.decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /** Physical lines (1-based) that held bytes invalid for the charset, so far. */
    NavigableSet<Long> badLines() { return badLines; }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
        if (len == 0) return 0;
        if (!chars.hasRemaining()) {
            fill();
            if (!chars.hasRemaining()) return -1;
        }
        int n = Math.min(len, chars.remaining());
        chars.get(buf, off, n);
        return n;
    }

    private void fill() throws IOException {
        chars.clear();
        while (chars.position() == 0) {
            if (!eof && bytes.remaining() < 16) readMore();
            if (eof && !bytes.hasRemaining()) {
                if (!flushed) { decoder.decode(bytes, chars, true); decoder.flush(chars); flushed = true; }
                break;
            }
            CoderResult r = decoder.decode(bytes, chars, eof);
            if (r.isError()) {
                badLines.add(line + newlines(chars, chars.position()));
                bytes.position(bytes.position() + r.length());
                chars.put(REPLACEMENT);
                continue;
            }
            if (r.isOverflow()) break;
            if (!eof) readMore();
            else if (!bytes.hasRemaining() || chars.position() > 0) break;
        }
        chars.flip();
        line += newlines(chars, chars.limit());
    }

    private void readMore() throws IOException {
        bytes.compact();
        int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (n < 0) eof = true;
        else bytes.position(bytes.position() + n);
        bytes.flip();
    }

    private static long newlines(CharBuffer cb, int upTo) {
        long n = 0;
        for (int i = 0; i < upTo; i++) if (cb.get(i) == '\n') n++;
        return n;
    }

    @Override
    public void close() throws IOException { in.close(); }
}
