package org.tessera.indexer.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.indexer.extraction.ExtractionLimits;
import org.tessera.indexer.extraction.tika.TikaTextExtractor;
import org.tessera.indexer.ingest.ReadLimits;
import org.tessera.indexer.nlp.TextLimits;
import org.tessera.indexer.opensearch.OpenSearchExtension;
import org.tessera.indexer.opensearch.TestOpenSearch;

/**
 * The bad-input corpus through a real ingest: every class of bad input (rows too long, values too
 * long, wrong encoding, malformed CSV and JSON, formula cells, zip renamed .odt, encrypted and bomb
 * zips renamed .docx, nested archives, truncated PDF, text over the character limit, invalid
 * sidecar, an unbroken 300,000-character word) beside good rows with Arabic, Hebrew, Polish and
 * Vietnamese names. The run finishes; each bad input is quarantined or warned with its own reason;
 * everything else is indexed; each name is found by search as typed. Large inputs are made here.
 */
@ExtendWith(OpenSearchExtension.class)
class BadInputCorpusIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static IngestReport report;
    @TempDir
    static Path work;

    @BeforeAll
    static void ingestTheCorpus(TestOpenSearch os) throws Exception {
        Path folder = Files.createDirectories(work.resolve("in"));
        Path mappings = Files.createDirectories(work.resolve("mappings"));
        BadInputCorpus.write(folder, mappings);
        ExtractionLimits extraction = new ExtractionLimits(20L * 1024 * 1024, Duration.ofSeconds(60), 100_000, 3, 100, 2);
        IngestSettings settings = new IngestSettings(work.resolve("quarantine"), 500, true, true, WithdrawalPolicy.defaults(),
                new ReadLimits(1_000_000, 200_000), TextLimits.defaults());
        try (TikaTextExtractor extractor = new TikaTextExtractor(extraction)) {
            report = IngestPipelines.standard(os.connection(), mappings, extractor, settings, Clock.systemUTC()).ingest(folder);
        }
    }

    @Test
    void theRunFinishesWithEveryBadInputCountedInItsClass() {
        Map<String, long[]> classes = report.problemsByClass();
        assertThat(classes.keySet()).as("quarantined %s, warned %s", report.quarantined(), report.warned())
                .containsAll(BadInputCorpus.EXPECTED.keySet());
        BadInputCorpus.EXPECTED.forEach((name, counts) -> assertThat(classes.get(name)).as(name).containsExactly(counts));
        assertThat(report.quarantined()).noneMatch(q -> q.reason().startsWith("corrupt") && !q.file().endsWith("truncated.pdf"));
        assertThat(report.count("records_read")).isEqualTo(BadInputCorpus.GOOD_ROWS);
        assertThat(report.count("documents_read")).isEqualTo(BadInputCorpus.GOOD_DOCUMENTS);
    }

    @Test
    void namesInEveryScriptAreFoundAsTyped(TestOpenSearch os) throws Exception {
        for (String typed : List.of("محمد علي", "דוד כהן", "Łukasz Wójcik", "Lukasz Wojcik", "Nguyễn Văn An", "Zoë Brontë", "Zoe")) {
            JsonNode hits = search(os, typed);
            assertThat(hits).as(typed).hasSize(1);
        }
        assertThat(search(os, "Zoë").get(0).path("_source").path("full_name").asText()).isEqualTo("Zoë Brontë");
        assertThat(search(os, "محمد").get(0).path("_source").path("full_name").asText()).isEqualTo("محمد علي");
    }

    @Test
    void rejectedRowsKeepTheirBytesAndCannotRunAsFormulas() throws IOException {
        byte[] rejected = Files.readAllBytes(work.resolve("quarantine/child_health_visits/child_health_visits.csv.rejected.csv"));
        String asBytes = new String(rejected, StandardCharsets.ISO_8859_1);
        assertThat(asBytes).contains(";'=cmd|").doesNotContain(";=cmd|");
        assertThat(asBytes).contains("Am\u00e9lie"); // the one windows-1252 byte 0xE9, as in the file
    }

    /** The portal's name query (SearchService.personQuery's name part): all_names, every word, typos allowed. */
    private static JsonNode search(TestOpenSearch os, String typed) throws Exception {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode match = body.putObject("query").putObject("match").putObject("all_names");
        match.put("query", typed).put("operator", "and").put("fuzziness", "AUTO").put("prefix_length", 1);
        os.connection().raw("POST", "/" + os.alias("persons") + "/_refresh", null);
        return JSON.readTree(os.connection().raw("POST", "/" + os.alias("persons") + "/_search", body.toString()).body())
                .path("hits").path("hits");
    }

    /** Writes the corpus: small files as text, large ones generated. */
    static final class BadInputCorpus {
        /** Zoë, Arabic, Hebrew, Polish, Vietnamese names, and one social-care contact. */
        static final long GOOD_ROWS = 6;
        /** long-statement.txt (cut), letter.txt (bad sidecar), pasted-blob.txt (an 80,000-character word). */
        static final long GOOD_DOCUMENTS = 3;
        /** class -> {quarantined, warned} */
        static final Map<String, long[]> EXPECTED = Map.ofEntries(
                Map.entry("row too long", new long[] {1, 0}),
                Map.entry("value too long", new long[] {1, 0}),
                Map.entry("wrong encoding", new long[] {1, 0}),
                Map.entry("malformed CSV", new long[] {1, 0}),
                Map.entry("malformed JSON", new long[] {1, 0}),
                Map.entry("other (mapping rule)", new long[] {1, 0}),
                Map.entry("wrong type", new long[] {1, 0}),
                Map.entry("zip bomb", new long[] {1, 0}),
                Map.entry("encrypted", new long[] {1, 0}),
                Map.entry("nested too deep", new long[] {1, 0}),
                Map.entry("corrupt", new long[] {1, 0}),
                Map.entry("no mapping", new long[] {0, 1}),
                Map.entry("text cut", new long[] {0, 1}),
                Map.entry("sidecar invalid", new long[] {0, 1}),
                Map.entry("text analysed in part", new long[] {0, 1}));

        static void write(Path folder, Path mappings) throws IOException {
            Files.writeString(mappings.resolve("child-health.yaml"), resource("/pipeline/mappings/child-health.yaml")
                    .replace("windows-1252", "UTF-8"));
            Files.writeString(mappings.resolve("social-care.yaml"), resource("/ingest/social-care.yaml"));

            String header = "visit_id;visit_date;child_name;child_dob;child_nhs;mother_name;mother_dob;notes\n";
            try (OutputStream out = Files.newOutputStream(folder.resolve("child_health_visits.csv"))) {
                out.write(header.getBytes(StandardCharsets.UTF_8));
                out.write("1;2024-04-02;Zo\u00eb Bront\u00eb;2016-05-02;;;;Home visit.\n".getBytes(StandardCharsets.UTF_8));
                out.write("2;2024-04-03;Jayden Cole;2015-06-30;;;;Seen. ".getBytes(StandardCharsets.UTF_8));
                byte[] chunk = "x".repeat(1 << 20).getBytes(StandardCharsets.UTF_8);
                for (int i = 0; i < 3; i++) {
                    out.write(chunk); // 3 MB without a line break: over the row limit
                }
                out.write('\n');
                out.write(("3;2024-04-04;Mia Hart;2015-06-30;;;;" + "y".repeat(300_000) + "\n").getBytes(StandardCharsets.UTF_8));
                out.write("4;=cmd|' /C calc'!A0;Leo Hart;2015-06-30;;;;a formula for a date\n".getBytes(StandardCharsets.UTF_8));
                out.write("5;2024-04-05;Am\u00e9lie Dubois;2019-01-01;;;;fine\n".getBytes(StandardCharsets.ISO_8859_1)); // not UTF-8
                out.write("6;2024-04-06;Sam Hart;2015-06-30;;;;ragged;extra;fields\n".getBytes(StandardCharsets.UTF_8));
                out.write("7;2024-04-07;\u0645\u062d\u0645\u062f \u0639\u0644\u064a;2016-01-01;;;;Home visit.\n".getBytes(StandardCharsets.UTF_8));
                out.write("8;2024-04-08;\u05d3\u05d5\u05d3 \u05db\u05d4\u05df;2016-02-01;;;;Home visit.\n".getBytes(StandardCharsets.UTF_8));
                out.write("9;2024-04-09;\u0141ukasz W\u00f3jcik;2016-03-01;;;;Home visit.\n".getBytes(StandardCharsets.UTF_8));
                out.write("10;2024-04-10;Nguy\u1ec5n V\u0103n An;2016-04-01;;;;Home visit.\n".getBytes(StandardCharsets.UTF_8));
            }
            String contact = resource("/ingest/contacts.jsonl").lines().findFirst().orElseThrow();
            Files.writeString(folder.resolve("contacts.jsonl"), contact + "\n{\"contact\": {\"id\": \"C9\", broken\n");

            Files.write(folder.resolve("minutes.odt"), zip("notes.txt", "a plain zip".getBytes(StandardCharsets.UTF_8)));
            Files.write(folder.resolve("report.docx"), zip("word/document.xml", new byte[50 << 20]));
            byte[] locked = zip("word/document.xml", "<w:document/>".getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i + 8 < locked.length; i++) { // the "encrypted" flag, as zip -e sets it
                if (locked[i] == 'P' && locked[i + 1] == 'K' && locked[i + 2] == 3 && locked[i + 3] == 4) locked[i + 6] |= 1;
                if (locked[i] == 'P' && locked[i + 1] == 'K' && locked[i + 2] == 1 && locked[i + 3] == 2) locked[i + 8] |= 1;
            }
            Files.write(folder.resolve("locked.docx"), locked);
            byte[] nested = "deep".getBytes(StandardCharsets.UTF_8);
            String name = "inner.txt";
            for (int level = 0; level < 6; level++) {
                nested = zip(name, nested);
                name = "level" + level + ".zip";
            }
            Files.writeString(folder.resolve("referral-with-archives.eml"), mailWithAttachment(nested));
            byte[] pdf = pdf("This referral will be cut short. ".repeat(40));
            Files.write(folder.resolve("truncated.pdf"), java.util.Arrays.copyOf(pdf, pdf.length / 3));
            Files.write(folder.resolve("archive.zip"), zip("a.txt", "x".getBytes(StandardCharsets.UTF_8)));

            Files.writeString(folder.resolve("long-statement.txt"), "The child said she was fine. ".repeat(5000));
            Files.writeString(folder.resolve("letter.txt"), "Referral letter about the family.");
            Files.writeString(folder.resolve("letter.txt.meta.json"), "{\"source\": \"school_letters\", \"recordid\": \"L1\"}");
            Files.writeString(folder.resolve("pasted-blob.txt"), "Attachment pasted as text: " + "QUJD".repeat(20_000) + " end of note.");
        }

        /** An e-mail with a zip of zips (six levels) attached. */
        private static String mailWithAttachment(byte[] zip) {
            return "From: school@example.org\nTo: mash@example.org\nSubject: Referral\nMIME-Version: 1.0\n"
                    + "Content-Type: multipart/mixed; boundary=\"XYZ\"\n\n--XYZ\nContent-Type: text/plain\n\nSee attached.\n"
                    + "--XYZ\nContent-Type: application/zip; name=\"levels.zip\"\n"
                    + "Content-Disposition: attachment; filename=\"levels.zip\"\nContent-Transfer-Encoding: base64\n\n"
                    + java.util.Base64.getMimeEncoder().encodeToString(zip) + "\n--XYZ--\n";
        }

        private static byte[] zip(String entry, byte[] content) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ZipOutputStream out = new ZipOutputStream(bytes)) {
                out.putNextEntry(new ZipEntry(entry));
                out.write(content);
            }
            return bytes.toByteArray();
        }

        private static byte[] pdf(String text) throws IOException {
            try (org.apache.pdfbox.pdmodel.PDDocument doc = new org.apache.pdfbox.pdmodel.PDDocument()) {
                org.apache.pdfbox.pdmodel.PDPage page = new org.apache.pdfbox.pdmodel.PDPage();
                doc.addPage(page);
                try (var cs = new org.apache.pdfbox.pdmodel.PDPageContentStream(doc, page)) {
                    cs.beginText();
                    cs.setFont(new org.apache.pdfbox.pdmodel.font.PDType1Font(
                            org.apache.pdfbox.pdmodel.font.Standard14Fonts.FontName.HELVETICA), 10);
                    cs.newLineAtOffset(40, 700);
                    for (int i = 0; i < text.length(); i += 100) {
                        cs.showText(text.substring(i, Math.min(text.length(), i + 100)));
                        cs.newLineAtOffset(0, -12);
                    }
                    cs.endText();
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                doc.save(out);
                return out.toByteArray();
            }
        }

        private static String resource(String name) throws IOException {
            try (var in = BadInputCorpusIT.class.getResourceAsStream(name)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }
}
