package org.tessera.indexer.extraction;

import org.tessera.indexer.synthetic.output.ScannedPages;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.indexer.extraction.ExtractionOutcome.Extracted;
import org.tessera.indexer.extraction.ExtractionOutcome.Quarantined;
import org.tessera.indexer.extraction.ExtractionOutcome.Reason;
import org.tessera.indexer.extraction.tika.TikaTextExtractor;

/** Scans through Tika's Tesseract OCR (needs Debian tesseract-ocr and tesseract-ocr-eng, as .ci/run installs). */
class ScannedDocumentExtractionTest {

    private static final String LETTER = """
            Tessbury Primary School
            Safeguarding referral
            Child's name: Kayleigh Jones
            Date of birth: 14/03/2018
            Kayleigh came to school hungry and asked staff for food again this week.
            """;

    private static TikaTextExtractor extractor;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        extractor = new TikaTextExtractor(ExtractionLimits.defaults(), OcrSettings.defaults());
    }

    @AfterAll
    static void stop() {
        extractor.close();
    }

    @Test
    void readsAScannedPngAndMarksItsTextAsOcr() throws IOException {
        Path png = ScannedPages.write(ScannedPages.page(LETTER), "png", dir.resolve("scan.png"));
        Extracted e = (Extracted) extractor.extract(png);
        assertThat(e.text()).contains("Kayleigh Jones").contains("14/03/2018").contains("hungry");
        assertThat(e.metadata()).containsEntry(TikaTextExtractor.OCR, "1");
    }

    @Test
    void readsTiffAndJpegScans() throws IOException {
        BufferedImage page = ScannedPages.page(LETTER);
        for (String format : List.of("tiff", "jpg")) {
            Extracted e = (Extracted) extractor.extract(ScannedPages.write(page, format, dir.resolve("scan." + format)));
            assertThat(e.text()).as(format).contains("Kayleigh Jones");
            assertThat(e.metadata()).as(format).containsKey(TikaTextExtractor.OCR);
        }
    }

    @Test
    void readsAnImageOnlyPdfPageByPage() throws IOException {
        Path pdf = ScannedPages.imagePdf(List.of(ScannedPages.page(LETTER), ScannedPages.page("Page two of the referral.")),
                dir.resolve("scanned.pdf"));
        Extracted e = (Extracted) extractor.extract(pdf);
        assertThat(e.text()).contains("Kayleigh Jones").contains("Page two");
        assertThat(e.metadata()).containsEntry(TikaTextExtractor.OCR, "2");
    }

    @Test
    void aPdfWithATextLayerIsNotOcrd() throws IOException {
        Path pdf = dir.resolve("typed.pdf");
        try (var doc = new org.apache.pdfbox.pdmodel.PDDocument()) {
            var page = new org.apache.pdfbox.pdmodel.PDPage();
            doc.addPage(page);
            try (var cs = new org.apache.pdfbox.pdmodel.PDPageContentStream(doc, page)) {
                cs.beginText();
                cs.setFont(new org.apache.pdfbox.pdmodel.font.PDType1Font(org.apache.pdfbox.pdmodel.font.Standard14Fonts.FontName.HELVETICA), 12);
                cs.newLineAtOffset(50, 700);
                cs.showText("Typed referral about Kayleigh Jones, who was hungry at school again today.");
                cs.endText();
            }
            doc.save(pdf.toFile());
        }
        Extracted e = (Extracted) extractor.extract(pdf);
        assertThat(e.text()).contains("Kayleigh Jones");
        assertThat(e.metadata()).doesNotContainKey(TikaTextExtractor.OCR);
    }

    @Test
    void anImageWithNoTextIsQuarantinedWithItsReason() throws IOException {
        Path blank = ScannedPages.write(ScannedPages.page(""), "png", dir.resolve("blank.png"));
        assertThat(extractor.extract(blank)).isInstanceOfSatisfying(Quarantined.class, q -> {
            assertThat(q.reason()).isEqualTo(Reason.OCR_FAILED);
            assertThat(q.detail()).contains("no text");
        });
    }

    @Test
    void aPageOverThePerPageLimitIsQuarantinedAsAnOcrTimeout() throws IOException {
        // A large page dense with text takes Tesseract several seconds; the limit is one.
        BufferedImage big = ScannedPages.page(("Dense scanned text with many words on every single line of the page. ").repeat(400));
        BufferedImage huge = new BufferedImage(big.getWidth() * 3, big.getHeight() * 3, BufferedImage.TYPE_BYTE_GRAY);
        var g = huge.createGraphics();
        g.drawImage(big, 0, 0, huge.getWidth(), huge.getHeight(), null);
        g.dispose();
        Path png = ScannedPages.write(huge, "png", dir.resolve("huge.png"));
        try (TikaTextExtractor strict = new TikaTextExtractor(ExtractionLimits.defaults(),
                new OcrSettings(true, Duration.ofSeconds(1), "eng", 300))) {
            assertThat(strict.extract(png)).isInstanceOfSatisfying(Quarantined.class,
                    q -> assertThat(q.reason()).isEqualTo(Reason.OCR_TIMEOUT));
        }
    }

    @Test
    void withOcrSwitchedOffAnImageIsQuarantinedSayingSo() throws IOException {
        Path png = ScannedPages.write(ScannedPages.page(LETTER), "png", dir.resolve("scan.png"));
        try (TikaTextExtractor noOcr = new TikaTextExtractor(ExtractionLimits.defaults(),
                new OcrSettings(false, Duration.ofSeconds(30), "eng", 300))) {
            assertThat(noOcr.extract(png)).isInstanceOfSatisfying(Quarantined.class, q -> {
                assertThat(q.reason()).isEqualTo(Reason.OCR_FAILED);
                assertThat(q.detail()).contains("tessera.ocr.enabled");
            });
        }
    }
}
