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
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Decodes bytes in the declared charset, replacing each malformed or unmappable sequence with
 * U+FFFD and remembering the physical line it was on, so that a file in the wrong encoding is
 * reported row by row with line numbers instead of failing as a whole or being silently mangled.
 * For charsets whose line break is the byte 0x0A (UTF-8, Windows-1252, ISO-8859-*), the original
 * bytes of each such line are kept (up to {@code maxLineBytes}) until taken, so that the
 * quarantine copy of the row is the file's bytes, not the replacement characters.
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
    // Byte-level line tracking, for keeping the original bytes of bad lines.
    private final boolean byteLines;
    private final int maxLineBytes;
    private final ByteArrayOutputStream lineBytes = new ByteArrayOutputStream();
    private final NavigableMap<Long, byte[]> badLineBytes = new TreeMap<>();
    private long byteLine = 1;
    private boolean byteLineBad;
    private boolean byteLineCut;

    DecodingReader(InputStream in, Charset charset) {
        this(in, charset, 1 << 20);
    }

    DecodingReader(InputStream in, Charset charset, int maxLineBytes) {
        this.in = in;
        this.decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        this.byteLines = charset.canEncode() && Arrays.equals("\n".getBytes(charset), new byte[] {'\n'})
                && Arrays.equals("a".getBytes(charset), new byte[] {'a'});
        this.maxLineBytes = maxLineBytes;
    }

    /** Physical lines (1-based) that held bytes invalid for the charset, so far. */
    NavigableSet<Long> badLines() { return badLines; }

    /**
     * The original bytes of lines {@code first..last} (with their line breaks) when every one of
     * them held invalid bytes and was kept whole, else null; lines before {@code last} are forgotten.
     */
    byte[] takeBytes(long first, long last) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean whole = true;
        for (long l = first; l <= last; l++) {
            byte[] b = badLineBytes.get(l);
            if (b == null) { whole = false; break; }
            out.writeBytes(b);
        }
        badLineBytes.headMap(last, true).clear();
        return whole ? out.toByteArray() : null;
    }

    /** Bytes of the bad lines above, consumed by the decoder from {@code from} to {@code to} of the buffer. */
    private void track(int from, int to) {
        if (!byteLines) return;
        byte[] a = bytes.array();
        int start = from;
        for (int i = from; i < to; i++) {
            if (a[i] == '\n') {
                keep(a, start, i + 1 - start);
                endByteLine();
                start = i + 1;
            }
        }
        keep(a, start, to - start);
    }

    /** Keeps a run of the current line's bytes, up to {@code maxLineBytes} (a longer line is not kept). */
    private void keep(byte[] a, int from, int length) {
        if (length <= 0 || byteLineCut) return;
        if (lineBytes.size() + length > maxLineBytes) {
            byteLineCut = true;
            lineBytes.reset();
            return;
        }
        lineBytes.write(a, from, length);
    }

    private void endByteLine() {
        if (byteLineBad && !byteLineCut) badLineBytes.put(byteLine, lineBytes.toByteArray());
        // never more than a window of bad lines nobody took (a whole file in the wrong encoding)
        while (badLineBytes.size() > 1024) badLineBytes.pollFirstEntry();
        lineBytes.reset();
        byteLine++;
        byteLineBad = false;
        byteLineCut = false;
    }

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
                if (!flushed) {
                    decoder.decode(bytes, chars, true);
                    decoder.flush(chars);
                    flushed = true;
                    if (lineBytes.size() > 0) endByteLine();
                }
                break;
            }
            int before = bytes.position();
            CoderResult r = decoder.decode(bytes, chars, eof);
            track(before, bytes.position());
            if (r.isError()) {
                badLines.add(line + newlines(chars, chars.position()));
                byteLineBad = true;
                track(bytes.position(), bytes.position() + r.length());
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
