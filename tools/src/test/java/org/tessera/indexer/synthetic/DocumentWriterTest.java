package org.tessera.indexer.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.indexer.synthetic.notes.TemplateSet;

/** The generated documents open with the libraries Tika uses, and sidecars follow the spec. */
class DocumentWriterTest {
    @TempDir
    static Path out;
    static Path docs;

    @BeforeAll
    static void generate() throws IOException {
        new CountyGenerator(new GeneratorSettings(11, 600, 3, LocalDate.of(2026, 6, 30), TemplateSet.ALL, 0.5, false))
                .generate(out);
        docs = out.resolve("data/documents");
    }

    private static List<Path> files(String dir, String ext) throws IOException {
        try (Stream<Path> s = Files.list(docs.resolve(dir))) {
            return s.filter(p -> p.toString().endsWith(ext)).sorted().toList();
        }
    }

    @Test
    void referralFormsArePdfsWithTheChildAndTheReason() throws IOException {
        List<Path> pdfs = files("referral-forms", ".pdf");
        assertThat(pdfs).isNotEmpty();
        // The forms come in several layouts (labelled fields, split name fields, the subject in the
        // title): every one names the child, gives a postcode and the reason.
        for (Path pdf : pdfs) {
            try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
                String text = new PDFTextStripper().getText(doc);
                String title = doc.getDocumentInformation().getTitle();
                assertThat(text).as(pdf.toString()).contains("Reason for referral").containsPattern("TC\\d");
                assertThat(text).as(pdf.toString()).containsPattern("Multi-Agency Referral Form|Safeguarding referral");
                assertThat(text.matches("(?s).*(Child's name|Name of child|Child/young person|Surname).*")
                        || title != null && title.startsWith("Safeguarding referral - ")).as(pdf + " names its child").isTrue();
            }
        }
    }

    @Test
    void conferenceLettersAreDocxWithAConferenceDate() throws IOException {
        List<Path> letters = files("letters", ".docx");
        assertThat(letters).isNotEmpty();
        try (InputStream in = Files.newInputStream(letters.getFirst());
             XWPFWordExtractor x = new XWPFWordExtractor(new XWPFDocument(in))) {
            assertThat(x.getText()).contains("Initial Child Protection Conference", "Re: ");
        }
    }

    @Test
    void emailsAreRfc822WithHeadersAndABody() throws IOException {
        List<Path> emails = files("emails", ".eml");
        assertThat(emails).isNotEmpty();
        String eml = Files.readString(emails.getFirst());
        assertThat(eml).startsWith("From: ").contains("\r\nTo: MASH <mash@tessershire.gov.uk>\r\n", "\r\nSubject: ",
                "\r\nDate: ", "\r\n\r\nHi MASH team");
    }

    @Test
    void sidecarsCarryTheSpecFieldsAndSomeDocumentsHaveNone() throws IOException {
        ObjectMapper json = new ObjectMapper();
        int with = 0;
        int without = 0;
        for (String dir : List.of("referral-forms", "letters", "emails")) {
            for (String ext : List.of(".pdf", ".docx", ".eml")) {
                for (Path doc : files(dir, ext)) {
                    Path sidecar = doc.resolveSibling(doc.getFileName() + ".meta.json");
                    if (!Files.exists(sidecar)) {
                        without++;
                        continue;
                    }
                    with++;
                    JsonNode m = json.readTree(sidecar.toFile());
                    assertThat(Set.of("source", "record_id", "agency", "record_type", "event_date", "people"))
                            .allMatch(m::has);
                    assertThat(m.get("record_id").asText()).isEqualTo(doc.getFileName().toString());
                    LocalDate.parse(m.get("event_date").asText());
                    JsonNode person = m.get("people").get(0);
                    assertThat(person.get("role").asText()).isEqualTo("subject");
                    assertThat(person.get("family_name").asText()).isNotBlank();
                    assertThat(person.get("postcode").asText()).startsWith("TC");
                }
            }
        }
        assertThat(with).isPositive();
        assertThat(without).isPositive();
    }
}
