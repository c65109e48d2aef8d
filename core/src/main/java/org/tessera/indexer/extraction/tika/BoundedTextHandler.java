package org.tessera.indexer.extraction.tika;

import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Keeps the first {@code keep} characters of the text and counts the rest. When the total grows
 * past {@code bombThreshold} (a multiple of the file size) the parse is stopped as a suspected
 * zip bomb: a document cannot honestly hold a hundred times more text than its bytes. Counting
 * past the kept part is what tells a long but honest document (truncated) from a bomb.
 */
final class BoundedTextHandler extends DefaultHandler {
    static final String BOMB = "zip bomb: text expands beyond ";

    private final StringBuilder text = new StringBuilder();
    private final int keep;
    private final long bombThreshold;
    private long total;

    BoundedTextHandler(int keep, long bombThreshold) {
        this.keep = keep;
        this.bombThreshold = bombThreshold;
    }

    @Override
    public void characters(char[] ch, int start, int length) throws SAXException {
        int room = keep - text.length();
        if (room > 0) text.append(ch, start, Math.min(room, length));
        total += length;
        if (total > bombThreshold) throw new SAXException(BOMB + bombThreshold + " characters");
    }

    @Override
    public void ignorableWhitespace(char[] ch, int start, int length) throws SAXException {
        characters(ch, start, length);
    }

    String text() { return text.toString(); }

    boolean truncated() { return total > keep; }

    long total() { return total; }
}
