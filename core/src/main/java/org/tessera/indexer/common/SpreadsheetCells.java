package org.tessera.indexer.common;

/**
 * Neutralises spreadsheet formulas in CSV output: a cell starting with {@code = + - @}, a tab or a
 * carriage return is run by Excel, LibreOffice and Google Sheets as a formula
 * ({@code =HYPERLINK(...)} in a rejected row becomes a live link), so it gets a leading apostrophe,
 * which spreadsheets show as text and do not display. OWASP's "CSV injection" advice. Pure
 * functions; thread-safe.
 */
public final class SpreadsheetCells {

    private SpreadsheetCells() {
    }

    /** True when a spreadsheet would treat a cell starting with {@code c} as a formula. */
    public static boolean isFormulaStart(char c) {
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }

    /** The cell, with an apostrophe in front when it would start a formula; null stays null. */
    public static String neutralise(String cell) {
        return cell == null || cell.isEmpty() || !isFormulaStart(cell.charAt(0)) ? cell : "'" + cell;
    }

    /**
     * One RFC 4180 row for an export: every cell quoted, quotes doubled, formulas neutralised, null
     * as empty, CRLF at the end.
     */
    public static String csvRow(String... cells) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            String cell = cells[i] == null ? "" : neutralise(cells[i]);
            out.append('"').append(cell.replace("\"", "\"\"")).append('"');
        }
        return out.append("\r\n").toString();
    }

    /**
     * One line of CSV text as read, with an apostrophe put at the start of every cell (inside its
     * quotes when quoted) that would start a formula; nothing else changes, so the row stays as
     * it was read. A tab or carriage return that is itself the delimiter is not a cell start.
     *
     * @param quote the quote character, or null when the format has none
     */
    public static String neutraliseRow(String line, char delimiter, Character quote) {
        if (line == null || line.isEmpty()) {
            return line;
        }
        StringBuilder out = null;
        boolean inQuotes = false;
        boolean cellStart = true;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (cellStart) {
                cellStart = false;
                int at = i;
                if (quote != null && c == quote) {
                    inQuotes = true;
                    at = i + 1;
                }
                if (at < line.length() && line.charAt(at) != delimiter && isFormulaStart(line.charAt(at))) {
                    if (out == null) {
                        out = new StringBuilder(line.length() + 8).append(line, 0, i);
                    }
                    out.append(line, i, at).append('\'');
                    if (at > i) {
                        // the opening quote was copied with the apostrophe after it
                        continue;
                    }
                }
                if (at > i) {
                    if (out != null) {
                        out.append(c);
                    }
                    continue;
                }
            }
            if (quote != null && c == quote) {
                inQuotes = !inQuotes;
            } else if (c == delimiter && !inQuotes) {
                cellStart = true;
            } else if ((c == '\n') && !inQuotes) {
                cellStart = true;
            }
            if (out != null) {
                out.append(c);
            }
        }
        if (cellStart && out == null) {
            return line;
        }
        return out == null ? line : out.toString();
    }
}
