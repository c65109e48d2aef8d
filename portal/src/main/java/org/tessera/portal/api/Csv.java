package org.tessera.portal.api;

/** RFC 4180 rows; cells that a spreadsheet would run as a formula are prefixed with an apostrophe. */
final class Csv {

    private Csv() {
    }

    static String row(String... cells) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            String cell = cells[i] == null ? "" : org.tessera.indexer.common.SpreadsheetCells.neutralise(cells[i]);
            out.append('"').append(cell.replace("\"", "\"\"")).append('"');
        }
        return out.append("\r\n").toString();
    }
}
