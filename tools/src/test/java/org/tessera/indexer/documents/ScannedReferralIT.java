package org.tessera.indexer.documents;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.indexer.extraction.ExtractionLimits;
import org.tessera.indexer.extraction.OcrSettings;
import org.tessera.indexer.synthetic.output.ScannedPages;
import org.tessera.indexer.extraction.tika.TikaTextExtractor;
import org.tessera.indexer.ingest.pipeline.IngestPipelines;
import org.tessera.indexer.ingest.pipeline.IngestReport;
import org.tessera.indexer.ingest.pipeline.IngestSettings;
import org.tessera.indexer.opensearch.OpenSearchExtension;
import org.tessera.indexer.opensearch.TestOpenSearch;
import org.tessera.indexer.synthetic.CountyGenerator;
import org.tessera.indexer.synthetic.GeneratorSettings;
import org.tessera.indexer.synthetic.notes.TemplateSet;

/**
 * A generated referral form without a sidecar, and scanned copies of it (its page rendered to a
 * PNG and to an image-only PDF at test time), ingested with the county they belong to: the scans
 * are read by OCR, marked as such, linked to the same child as the original, and raise the same
 * indicator hits.
 */
@ExtendWith(OpenSearchExtension.class)
class ScannedReferralIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aScannedReferralIsReadLinkedAndRaisesTheSameHitsAsItsOriginal(TestOpenSearch os, @TempDir Path county,
                                                                      @TempDir Path quarantine) throws Exception {
        new CountyGenerator(new GeneratorSettings(11, 300, 2, LocalDate.of(2026, 6, 30), TemplateSet.ALL, 1.0, false, 0.0))
                .generate(county);
        // The first document written for an indicator event (its text should raise hits): a PDF's
        // page rendered as a scanner sees it, or an e-mail or text referral printed and scanned.
        List<String[]> rows = Files.readAllLines(county.resolve("ground-truth/documents.csv")).stream().skip(1)
                .map(r -> r.split(",", -1)).filter(r -> !r[6].isEmpty() && List.of("pdf", "eml", "txt").contains(r[1])).toList();
        String[] chosen = rows.stream().filter(r -> r[1].equals("pdf")).findFirst()
                .or(() -> rows.stream().findFirst())
                .orElseThrow(() -> new AssertionError("the county has no document for an indicator event"));
        Path original = county.resolve("data").resolve(chosen[0]);
        String name = original.getFileName().toString();
        String stem = name.substring(0, name.lastIndexOf('.'));
        Path scans = Files.createDirectories(county.resolve("data/scans"));
        List<BufferedImage> pages = switch (chosen[1]) {
            case "pdf" -> ScannedPages.render(original);
            case "eml" -> List.of(ScannedPages.page(printed(Files.readString(original))));
            default -> List.of(ScannedPages.page(Files.readString(original)));
        };
        ScannedPages.write(pages.getFirst(), "png", scans.resolve(stem + "-scan.png"));
        ScannedPages.imagePdf(pages, scans.resolve(stem + "-scan.pdf"));

        IngestReport report;
        try (TikaTextExtractor extractor = new TikaTextExtractor(ExtractionLimits.defaults(), OcrSettings.defaults())) {
            report = IngestPipelines.standard(os.connection(), null, extractor, IngestSettings.defaults(quarantine), Clock.systemUTC())
                    .ingest(county.resolve("data"));
        }
        assertThat(report.count("documents_ocr")).isEqualTo(2);

        JsonNode text = document(os, original.getFileName().toString());
        JsonNode png = document(os, stem + "-scan.png");
        JsonNode pdf = document(os, stem + "-scan.pdf");
        assertThat(text.path("document").path("ocr").asBoolean()).isFalse();
        for (JsonNode scan : List.of(png, pdf)) {
            assertThat(scan.path("document").path("ocr").asBoolean()).isTrue();
            assertThat(scan.path("document").path("subject_link").asText()).isEqualTo("linked");
            assertThat(subject(scan)).isEqualTo(subject(text));
            assertThat(hits(scan)).isEqualTo(hits(text));
        }
        assertThat(text.path("document").path("subject_link").asText()).isEqualTo("linked");
        assertThat(hits(text)).isNotEmpty();
        // The subject's person is the true child: their other records are the child's.
        JsonNode person = JSON.readTree(os.connection().raw("GET", "/" + os.alias("persons") + "/_doc/" + subject(text), null).body());
        assertThat(person.path("_source").path("occurrence_count").asInt()).isGreaterThan(3);
    }

    /** An e-mail as printed: its subject and date, then the body. */
    private static String printed(String eml) {
        int body = eml.indexOf("\r\n\r\n");
        StringBuilder page = new StringBuilder();
        eml.substring(0, body).lines().filter(l -> l.startsWith("Subject:") || l.startsWith("Date:") || l.startsWith("From:"))
                .forEach(l -> page.append(l).append('\n'));
        return page.append('\n').append(eml.substring(body + 4).replace("\r\n", "\n")).toString();
    }

    private static JsonNode document(TestOpenSearch os, String fileName) throws Exception {
        String query = "{\"query\":{\"term\":{\"document.file_name\":\"" + fileName + "\"}}}";
        JsonNode hits = JSON.readTree(os.connection().raw("POST", "/" + os.alias("events") + "/_search", query).body())
                .path("hits").path("hits");
        assertThat(hits).as(fileName).hasSize(1);
        return hits.get(0).path("_source");
    }

    private static String subject(JsonNode event) {
        for (JsonNode p : event.path("people")) {
            if (p.path("role").asText().equals("subject")) {
                return p.path("person_id").asText();
            }
        }
        throw new AssertionError("no subject on " + event.path("document"));
    }

    private static Set<String> hits(JsonNode event) {
        Set<String> ids = new TreeSet<>();
        event.path("hits").forEach(h -> ids.add(h.path("indicator_id").asText()));
        return ids;
    }
}
