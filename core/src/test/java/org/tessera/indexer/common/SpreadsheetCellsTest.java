package org.tessera.indexer.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tessera.indexer.scoring.ExportFormat;

/** Cells a spreadsheet would run as formulas are neutralised in every CSV Tessera writes. */
class SpreadsheetCellsTest {

    @Test
    void everyFormulaPrefixGetsAnApostropheAndOtherCellsStayAsTheyAre() {
        for (String formula : List.of("=1+1", "+1", "-1", "@SUM(A1)", "\tcmd", "\rcmd")) {
            assertThat(SpreadsheetCells.neutralise(formula)).isEqualTo("'" + formula);
        }
        assertThat(SpreadsheetCells.neutralise("Kayleigh")).isEqualTo("Kayleigh");
        assertThat(SpreadsheetCells.neutralise("")).isEmpty();
        assertThat(SpreadsheetCells.neutralise(null)).isNull();
    }

    @Test
    void aRowAsReadIsNeutralisedCellByCellInsideQuotesToo() {
        assertThat(SpreadsheetCells.neutraliseRow("a,=b,\"=c,d\",\"x\",+1", ',', '"')).isEqualTo("a,'=b,\"'=c,d\",\"x\",'+1");
        assertThat(SpreadsheetCells.neutraliseRow("=a\t\t-b", '\t', '"')).isEqualTo("'=a\t\t'-b");
        assertThat(SpreadsheetCells.neutraliseRow("plain;row", ';', '"')).isEqualTo("plain;row");
    }

    @Test
    void theCsvExportNeutralisesFormulaCells() {
        StringWriter out = new StringWriter();
        ExportFormat.CSV.open(out, List.of("name", "note")).write(Map.of("name", "=HYPERLINK(\"http://x.example\")", "note", "fine"));
        assertThat(out.toString()).contains("\"'=HYPERLINK(\"\"http://x.example\"\")\",fine");
    }

    @Test
    void anExportRowQuotesEveryCellDoublesQuotesAndNeutralisesFormulas() {
        assertThat(SpreadsheetCells.csvRow("2026-01-02", "=cmd|' /C calc'!A0", "say \"hi\"", null))
                .isEqualTo("\"2026-01-02\",\"'=cmd|' /C calc'!A0\",\"say \"\"hi\"\"\",\"\"\r\n");
    }
}
