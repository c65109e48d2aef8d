package org.tessera.indexer.indicators;

/** Light sentence bounds for evidence: ends at . ! ? followed by space, or at a line break. Pure functions. */
final class Sentences {

    private Sentences() {
    }

    /** Offset where the sentence holding {@code offset} starts (after leading spaces). */
    static int startOf(String text, int offset) {
        int i = Math.min(offset, text.length());
        while (i > 0) {
            char c = text.charAt(i - 1);
            if (c == '\n' || c == '\r') {
                break;
            }
            if ((c == '.' || c == '!' || c == '?') && i < text.length() && Character.isWhitespace(text.charAt(i)) && i <= offset) {
                break;
            }
            i--;
        }
        while (i < offset && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Offset just after the sentence holding {@code offset} ends (including its full stop). */
    static int endOf(String text, int offset) {
        int i = Math.max(0, offset);
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                return i;
            }
            if ((c == '.' || c == '!' || c == '?') && (i + 1 == text.length() || Character.isWhitespace(text.charAt(i + 1)))) {
                return i + 1;
            }
            i++;
        }
        return text.length();
    }
}
