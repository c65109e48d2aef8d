package org.tessera.indexer.extraction;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.indexer.extraction.ExtractionOutcome.Extracted;
import org.tessera.indexer.extraction.ExtractionOutcome.Quarantined;
import org.tessera.indexer.extraction.ExtractionOutcome.Reason;
import org.tessera.indexer.extraction.tika.TikaTextExtractor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

class TikaTextExtractorTest {
    private static TikaTextExtractor extractor;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        extractor = new TikaTextExtractor(new ExtractionLimits(20L * 1024 * 1024, Duration.ofSeconds(60), 200_000, 3, 100, 1));
    }

    @AfterAll
    static void stop() { extractor.close(); }

    @Test
    void extractsTextFromAValidPdf() throws IOException {
        Path pdf = dir.resolve("case-note.pdf");
        Files.write(pdf, pdf("Home visit: the children were well cared for.", null));
        Extracted e = (Extracted) extractor.extract(pdf);
        assertThat(e.text()).contains("Home visit: the children were well cared for.");
        assertThat(e.contentType()).isEqualTo("application/pdf");
        assertThat(e.truncated()).isFalse();
    }

    @Test
    void quarantinesAnEncryptedPdf() throws IOException {
        Path pdf = dir.resolve("locked.pdf");
        Files.write(pdf, pdf("secret", "user-password"));
        assertThat(extractor.extract(pdf)).isInstanceOfSatisfying(Quarantined.class, q -> assertThat(q.reason()).isEqualTo(Reason.ENCRYPTED));
    }

    @Test
    void quarantinesATruncatedPdfAsCorrupt() throws IOException {
        byte[] full = pdf("This document will be cut in half. ".repeat(50), null);
        Path pdf = dir.resolve("truncated.pdf");
        Files.write(pdf, Arrays.copyOf(full, full.length / 3));
        assertThat(extractor.extract(pdf)).isInstanceOfSatisfying(Quarantined.class, q -> assertThat(q.reason()).isEqualTo(Reason.CORRUPT));
    }

    @Test
    void quarantinesAnEmptyFile() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.docx"));
        assertThat(extractor.extract(empty)).isInstanceOfSatisfying(Quarantined.class, q -> assertThat(q.reason()).isEqualTo(Reason.EMPTY));
    }

    @Test
    void quarantinesAFileOverTheSizeLimitWithoutReadingIt() throws IOException {
        Path big = dir.resolve("big.txt");
        Files.write(big, new byte[2048]);
        try (TikaTextExtractor small = new TikaTextExtractor(new ExtractionLimits(1024, Duration.ofSeconds(5), 1000, 3, 100, 1))) {
            assertThat(small.extract(big)).isInstanceOfSatisfying(Quarantined.class, q -> assertThat(q.reason()).isEqualTo(Reason.TOO_LARGE));
        }
    }

    @Test
    void quarantinesAZipBombThatExpandsHugely() throws IOException {
        Path zip = dir.resolve("bomb.zip");
        byte[] line = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n".getBytes(StandardCharsets.US_ASCII);
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("huge.txt"));
            for (int i = 0; i < 300_000; i++) out.write(line); // 30 MB of text, ~30 KB compressed
            out.closeEntry();
        }
        assertThat(Files.size(zip)).isLessThan(200_000);
        ExtractionOutcome o = extractor.extract(zip);
        assertThat(o).isInstanceOfSatisfying(Quarantined.class, q -> assertThat(q.reason()).isEqualTo(Reason.ZIP_BOMB));
    }

    @Test
    void quarantinesZipsNestedDeeperThanTheLimit() throws IOException {
        byte[] inner = "the bottom of the nest".getBytes(StandardCharsets.UTF_8);
        String name = "level0.txt";
        for (int level = 1; level <= 6; level++) {
            inner = zip(name, inner);
            name = "level" + level + ".zip";
        }
        Path nested = dir.resolve("nested.zip");
        Files.write(nested, inner);
        assertThat(extractor.extract(nested)).isInstanceOfSatisfying(Quarantined.class, q -> assertThat(q.reason()).isEqualTo(Reason.TOO_DEEP));
    }

    @Test
    void extractsAShallowZipWithinTheDepthLimit() throws IOException {
        Path z = dir.resolve("notes.zip");
        Files.write(z, zip("note.txt", "Dad was present at the visit.".getBytes(StandardCharsets.UTF_8)));
        assertThat(extractor.extract(z)).isInstanceOfSatisfying(Extracted.class, e -> assertThat(e.text()).contains("Dad was present at the visit."));
    }

    @Test
    void cutsVeryLongTextAtTheCharacterLimitAndSaysSo() throws IOException {
        Path txt = dir.resolve("long.txt");
        Files.writeString(txt, "word ".repeat(100_000));
        Extracted e = (Extracted) extractor.extract(txt);
        assertThat(e.truncated()).isTrue();
        assertThat(e.text().length()).isLessThanOrEqualTo(200_000);
        assertThat(e.warnings()).anyMatch(w -> w.contains("cut"));
    }

    @Test
    void extractsADocx() throws IOException {
        Path docx = dir.resolve("assessment.docx");
        try (XWPFDocument d = new XWPFDocument(); OutputStream out = Files.newOutputStream(docx)) {
            d.createParagraph().createRun().setText("Single assessment: mother engaged well with the plan.");
            d.write(out);
        }
        assertThat(extractor.extract(docx)).isInstanceOfSatisfying(Extracted.class,
                e -> assertThat(e.text()).contains("mother engaged well with the plan"));
    }

    @Test
    void extractsAnEmailAndReadsItsSidecar() throws Exception {
        Path eml = resource("referral-email-with-sidecar.eml");
        Extracted e = (Extracted) extractor.extract(eml);
        assertThat(e.text()).contains("missed eleven days");
        assertThat(e.sidecar()).hasValueSatisfying(s -> {
            assertThat(s.recordId()).isEqualTo("EM-2025-0001");
            assertThat(s.people()).singleElement().satisfies(p -> assertThat(p.familyName()).isEqualTo("Cole"));
            var record = s.toRecord(e.text(), e.file());
            assertThat(record.recordType()).isEqualTo("referral");
            assertThat(record.eventDate().toString()).isEqualTo("2025-01-14");
            assertThat(record.people().getFirst().dateOfBirth().toString()).isEqualTo("2016-05-02");
        });
    }

    @Test
    void keepsTheDocumentButWarnsWhenTheSidecarIsInvalid() throws Exception {
        Extracted e = (Extracted) extractor.extract(resource("sidecar-with-typo.eml"));
        assertThat(e.sidecar()).isEmpty();
        assertThat(e.warnings()).anyMatch(w -> w.contains("sidecar-with-typo.eml.meta.json") && w.contains("recordid"));
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(TikaTextExtractorTest.class.getResource("/extraction/" + name).toURI());
    }

    @Test
    void quarantinesAPlainZipRenamedOdtAsTheWrongTypeNotAsAnEmptyDocument() throws IOException {
        Path odt = dir.resolve("minutes.odt");
        Files.write(odt, zip("notes.txt", "hello".getBytes(StandardCharsets.UTF_8)));
        assertThat(extractor.extract(odt)).isInstanceOfSatisfying(Quarantined.class, q -> {
            assertThat(q.reason()).isEqualTo(Reason.WRONG_TYPE);
            assertThat(q.detail()).contains("'mimetype'").contains(".odt");
        });
    }

    @Test
    void quarantinesAZipBombRenamedDocxAsABombNotAsCorrupt() throws IOException {
        Path docx = dir.resolve("report.docx");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(docx))) {
            out.putNextEntry(new ZipEntry("word/document.xml"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 100; i++) {
                out.write(zeros);
            }
            out.closeEntry();
        }
        assertThat(extractor.extract(docx)).isInstanceOfSatisfying(Quarantined.class, q -> assertThat(q.reason()).isEqualTo(Reason.ZIP_BOMB));
    }

    @Test
    void quarantinesAnEncryptedZipRenamedDocxAsEncryptedNotAsCorrupt() throws IOException {
        byte[] bytes = zip("word/document.xml", "<w:document/>".getBytes(StandardCharsets.UTF_8));
        // set the "encrypted" flag (general purpose bit 0) in the local and central headers, as zip -e does
        for (int i = 0; i + 8 < bytes.length; i++) {
            if (bytes[i] == 'P' && bytes[i + 1] == 'K' && bytes[i + 2] == 3 && bytes[i + 3] == 4) {
                bytes[i + 6] |= 1;
            } else if (bytes[i] == 'P' && bytes[i + 1] == 'K' && bytes[i + 2] == 1 && bytes[i + 3] == 2) {
                bytes[i + 8] |= 1;
            }
        }
        Path docx = dir.resolve("locked.docx");
        Files.write(docx, bytes);
        assertThat(extractor.extract(docx)).isInstanceOfSatisfying(Quarantined.class, q -> assertThat(q.reason()).isEqualTo(Reason.ENCRYPTED));
    }

    @Test
    void quarantinesAnEmailWithAZipBombAttachedInsteadOfIndexingItsFirstCharactersSilently() throws IOException {
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bomb)) {
            out.putNextEntry(new ZipEntry("notes.txt"));
            byte[] letters = "a".repeat(1 << 20).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 50; i++) {
                out.write(letters);
            }
        }
        Path eml = dir.resolve("referral.eml");
        Files.writeString(eml, "From: school@example.org\nTo: mash@example.org\nSubject: Referral\nMIME-Version: 1.0\n"
                + "Content-Type: multipart/mixed; boundary=\"XYZ\"\n\n--XYZ\nContent-Type: text/plain\n\nSee attached.\n"
                + "--XYZ\nContent-Type: application/zip; name=\"notes.zip\"\nContent-Disposition: attachment; filename=\"notes.zip\"\n"
                + "Content-Transfer-Encoding: base64\n\n" + java.util.Base64.getMimeEncoder().encodeToString(bomb.toByteArray())
                + "\n--XYZ--\n");
        assertThat(extractor.extract(eml)).isInstanceOfSatisfying(Quarantined.class, q -> {
            assertThat(q.reason()).isEqualTo(Reason.ZIP_BOMB);
            assertThat(q.detail()).contains("embedded part");
        });
    }

    @Test
    void quarantinesADocumentWithNoTextAndNoSidecar() throws IOException {
        Path pdf = dir.resolve("blank-scan.pdf");
        Files.write(pdf, pdf("", null));
        assertThat(extractor.extract(pdf)).isInstanceOfSatisfying(Quarantined.class, q -> assertThat(q.reason()).isEqualTo(Reason.NO_TEXT));
    }

    @Test
    void theTruncationWarningSaysHowMuchWasKeptAndWhichSettingCutIt() throws IOException {
        Path txt = dir.resolve("long.txt");
        Files.writeString(txt, "word ".repeat(100_000));
        Extracted e = (Extracted) extractor.extract(txt);
        assertThat(e.warnings()).singleElement().asString()
                .matches("text cut at the character limit: 200,000 of 500,00\\d characters kept \\(" + ExtractionLimits.MAX_CHARACTERS + "\\)");
    }

    private static byte[] zip(String entry, byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            out.putNextEntry(new ZipEntry(entry));
            out.write(content);
            out.closeEntry();
        }
        return bytes.toByteArray();
    }

    private static byte[] pdf(String text, String userPassword) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage();
            doc.addPage(page);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                cs.beginText();
                cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 10);
                cs.newLineAtOffset(40, 700);
                cs.showText(text.length() > 120 ? text.substring(0, 120) : text);
                for (int i = 120; i < text.length(); i += 120) {
                    cs.newLineAtOffset(0, -12);
                    cs.showText(text.substring(i, Math.min(text.length(), i + 120)));
                }
                cs.endText();
            }
            if (userPassword != null) {
                StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-password", userPassword, new AccessPermission());
                policy.setEncryptionKeyLength(128);
                doc.protect(policy);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        }
    }
}
