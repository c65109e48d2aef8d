package org.tessera.indexer.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tessera.indexer.extraction.ExtractionLimits;
import org.tessera.indexer.extraction.ExtractionOutcome;
import org.tessera.indexer.extraction.OcrSettings;
import org.tessera.indexer.extraction.tika.TikaTextExtractor;
import org.tessera.indexer.synthetic.output.ScannedPages;

/**
 * OCR throughput: referral pages drawn at test time as a scanner would give them (200 dpi grey
 * A4), read through the same extractor as an ingest, as single-page PNGs and as one image-only
 * PDF. Prints wall time per page and the share of words read back.
 */
public final class OcrBenchmark {

    private static final String PAGE = """
            Tessershire Multi-Agency Referral Form (MARF)
            Child's name: Daniel FORD
            Date of birth: 29/08/2008
            Address: 14 Mill Lane, Tessbury TE4 7QP
            Parent / carer: Mrs Joanne Ford
            Date of referral: 12/01/2026
            Reason for referral
            Daniel arrived at school hungry and unkempt for the third day this week. He said there was no food
            at home and that his mother had not been home since Sunday. Staff noticed bruising to his upper arm,
            which he said happened when he fell. He was reluctant to go home at the end of the day.
            """;

    private OcrBenchmark() {
    }

    public static void run(int pages, OcrSettings settings, PrintStream out) throws IOException {
        Path dir = Files.createTempDirectory("tessera-ocr-bench");
        try (TikaTextExtractor extractor = new TikaTextExtractor(ExtractionLimits.defaults(), settings)) {
            List<java.awt.image.BufferedImage> images = new ArrayList<>();
            for (int i = 0; i < pages; i++) {
                images.add(ScannedPages.page(PAGE.replace("third", i % 2 == 0 ? "third" : "fourth")));
            }
            // warm-up: Tika's first OCR checks the Tesseract installation
            extractor.extract(ScannedPages.write(images.getFirst(), "png", dir.resolve("warm.png")));
            long pngNanos = 0;
            int words = 0;
            int read = 0;
            for (int i = 0; i < pages; i++) {
                Path png = ScannedPages.write(images.get(i), "png", dir.resolve("page-" + i + ".png"));
                long t = System.nanoTime();
                ExtractionOutcome outcome = extractor.extract(png);
                pngNanos += System.nanoTime() - t;
                if (outcome instanceof ExtractionOutcome.Extracted e) {
                    for (String w : PAGE.split("\\s+")) {
                        words++;
                        read += e.text().contains(w) ? 1 : 0;
                    }
                }
            }
            // A PDF of at most four pages, so the whole-document time limit (60 s) is not what is measured.
            int pdfPages = Math.min(4, pages);
            Path pdf = ScannedPages.imagePdf(images.subList(0, pdfPages), dir.resolve("scan.pdf"));
            long t = System.nanoTime();
            ExtractionOutcome pdfOutcome = extractor.extract(pdf);
            long pdfNanos = System.nanoTime() - t;
            out.printf(Locale.ROOT, "OCR %d pages (Tesseract %s, %d dpi PDF rendering, load %s)%n", pages, settings.language(),
                    settings.dpi(), MachineInfo.loadAverage());
            out.printf(Locale.ROOT, "  PNG, one page a file:  %.2f s per page%n", pngNanos / 1e9 / pages);
            out.printf(Locale.ROOT, "  image-only PDF, %d pages: %.2f s per page (%s)%n", pdfPages, pdfNanos / 1e9 / pdfPages,
                    pdfOutcome instanceof ExtractionOutcome.Extracted ? "read" : pdfOutcome.toString());
            out.printf(Locale.ROOT, "  words read back:       %.1f %%%n", 100.0 * read / Math.max(1, words));
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
