package org.tessera.indexer.extraction.tika;

import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.TikaException;
import org.apache.tika.exception.ZeroByteFileException;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.extractor.ParsingEmbeddedDocumentExtractor;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.PDF;
import org.apache.tika.metadata.Property;
import org.apache.tika.parser.ocr.TesseractOCRConfig;
import org.apache.tika.parser.pdf.PDFParserConfig;
import org.tessera.indexer.common.DaemonThreads;
import org.tessera.indexer.extraction.OcrSettings;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.AutoDetectParserConfig;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.sax.BodyContentHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tessera.indexer.extraction.DocumentSidecar;
import org.tessera.indexer.extraction.ExtractionLimits;
import org.tessera.indexer.extraction.ExtractionOutcome;
import org.tessera.indexer.extraction.ExtractionOutcome.Extracted;
import org.tessera.indexer.extraction.ExtractionOutcome.Quarantined;
import org.tessera.indexer.extraction.ExtractionOutcome.Reason;
import org.tessera.indexer.extraction.TextExtractor;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link TextExtractor} on Apache Tika's standard parsers, with every limit of
 * {@link ExtractionLimits}: size checked before reading; parse run on a bounded pool and
 * abandoned at the timeout; text cut at the character limit; Tika's zip-bomb guard (compression
 * ratio) enabled; embedded documents nested deeper than the limit quarantine the file.
 *
 * <p>A parse that ignores interruption keeps its pool thread after the timeout; with a bounded
 * pool that costs throughput, not correctness. Isolating parsers in a forked process (Tika
 * pipes) is the step beyond. Thread-safe.
 */
public final class TikaTextExtractor implements TextExtractor {
    private static final Logger LOG = LoggerFactory.getLogger(TikaTextExtractor.class);
    private static final Map<String, org.apache.tika.metadata.Property> KEPT = Map.of(
            "title", TikaCoreProperties.TITLE, "creator", TikaCoreProperties.CREATOR,
            "created", TikaCoreProperties.CREATED, "modified", TikaCoreProperties.MODIFIED);

    /** Metadata key set on a document whose text was read by OCR (value: pages OCR'd, 1 for an image). */
    public static final String OCR = "ocr_pages";

    /**
     * Characters any file may give before its compression ratio is judged: below this a short
     * e-mail with an attached bomb went unnoticed (an 8 KB mail gave 1M characters).
     */
    static final long MIN_BOMB_CHARACTERS = 100_000L;

    private final ExtractionLimits limits;
    private final OcrSettings ocr;
    private final AutoDetectParser parser;
    private final ExecutorService pool;

    public TikaTextExtractor(ExtractionLimits limits) {
        this(limits, OcrSettings.defaults());
    }

    /** @param ocr how scanned pages are read (image-only PDF pages, TIFF, PNG, JPEG) */
    public TikaTextExtractor(ExtractionLimits limits, OcrSettings ocr) {
        this.limits = limits;
        this.ocr = ocr;
        AutoDetectParserConfig config = new AutoDetectParserConfig();
        config.setMaximumCompressionRatio(limits.maxCompressionRatio());
        config.setOutputThreshold(Math.min(MIN_BOMB_CHARACTERS, limits.maxCharacters()));
        config.setMaximumPackageEntryDepth(Math.max(1, limits.maxNestingDepth() + 1));
        this.parser = new AutoDetectParser();
        this.parser.setAutoDetectParserConfig(config);
        this.pool = DaemonThreads.pool("tika-extract", limits.threads());
    }

    @Override
    public ExtractionOutcome extract(Path file) {
        String name = file.getFileName().toString();
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            return new Quarantined(name, Reason.UNREADABLE, e.getMessage());
        }
        if (size == 0) return new Quarantined(name, Reason.EMPTY, null);
        if (size > limits.maxBytes()) return new Quarantined(name, Reason.TOO_LARGE, size + " bytes > " + limits.maxBytes());
        Optional<Quarantined> container = ZipContainerCheck.check(file, name, size, limits.maxCompressionRatio());
        if (container.isPresent()) return container.get();
        Future<ExtractionOutcome> f = pool.submit(() -> parse(file, name, size));
        try {
            return f.get(limits.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            return new Quarantined(name, Reason.TIMEOUT, limits.timeout().toString());
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            return new Quarantined(name, Reason.TIMEOUT, "interrupted");
        } catch (ExecutionException e) {
            return new Quarantined(name, Reason.CORRUPT, String.valueOf(e.getCause()));
        }
    }

    /** Counts nesting and refuses to descend past the limit (recorded, then quarantined). */
    private static final class DepthLimitedExtractor implements EmbeddedDocumentExtractor {
        private final ParsingEmbeddedDocumentExtractor delegate;
        private final int max;
        private int depth;
        boolean tooDeep;
        int skipped;
        /** First lines of the exceptions Tika recorded on embedded parts (it swallows them). */
        final List<String> problems = new ArrayList<>();

        DepthLimitedExtractor(ParseContext context, int max) {
            this.delegate = new ParsingEmbeddedDocumentExtractor(context);
            this.max = max;
        }

        @Override
        public boolean shouldParseEmbedded(Metadata metadata) { return delegate.shouldParseEmbedded(metadata); }

        @Override
        public void parseEmbedded(InputStream stream, ContentHandler handler, Metadata metadata, boolean outputHtml)
                throws SAXException, IOException {
            if (depth >= max) {
                tooDeep = true;
                skipped++;
                return;
            }
            depth++;
            try {
                delegate.parseEmbedded(stream, handler, metadata, outputHtml);
            } finally {
                depth--;
                for (String key : metadata.names()) {
                    if (key.toLowerCase(Locale.ROOT).contains("exception")) {
                        problems.add(firstLine(metadata.get(key)));
                    }
                }
            }
        }
    }

    private ExtractionOutcome parse(Path file, String name, long size) {
        BoundedTextHandler out = new BoundedTextHandler(limits.maxCharacters(),
                Math.max(MIN_BOMB_CHARACTERS, size > Long.MAX_VALUE / limits.maxCompressionRatio() ? Long.MAX_VALUE : size * limits.maxCompressionRatio()));
        ContentHandler handler = new BodyContentHandler(out);
        Metadata metadata = new Metadata();
        metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, name);
        ParseContext context = new ParseContext();
        context.set(Parser.class, parser);
        configureOcr(context);
        DepthLimitedExtractor embedded = new DepthLimitedExtractor(context, limits.maxNestingDepth());
        context.set(EmbeddedDocumentExtractor.class, embedded);
        // Tika swallows an embedded part's failure (a bomb in an attachment included) unless a record is kept
        org.apache.tika.parser.ParseRecord record = new org.apache.tika.parser.ParseRecord();
        context.set(org.apache.tika.parser.ParseRecord.class, record);
        List<String> warnings = new ArrayList<>();
        try (InputStream in = TikaInputStream.get(file)) {
            parser.parse(in, handler, metadata, context);
        } catch (ZeroByteFileException e) {
            return new Quarantined(name, Reason.EMPTY, null);
        } catch (EncryptedDocumentException e) {
            return new Quarantined(name, Reason.ENCRYPTED, e.getMessage());
        } catch (SAXException | TikaException | IOException | RuntimeException e) {
            return classify(name, e);
        }
        boolean truncated = out.truncated();
        if (truncated) {
            warnings.add(String.format(Locale.ROOT, "text cut at the character limit: %,d of %,d characters kept (%s)",
                    limits.maxCharacters(), out.total(), ExtractionLimits.MAX_CHARACTERS));
        }
        if (embedded.tooDeep) {
            return new Quarantined(name, Reason.TOO_DEEP, embedded.skipped + " embedded document(s) beyond depth " + limits.maxNestingDepth());
        }
        for (Exception e : record.getExceptions()) {
            // the cause says what it was (Tika wraps a bomb as "Illegal SAXException")
            Throwable cause = e;
            for (Throwable t = e; t != null; t = t.getCause()) {
                String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
                if (m.contains("zip bomb") || m.contains("encrypt") || m.contains("password")) {
                    cause = t;
                    break;
                }
            }
            embedded.problems.add(cause.getClass().getSimpleName() + ": " + firstLine(cause.getMessage()));
        }
        for (String problem : embedded.problems) {
            String lower = String.valueOf(problem).toLowerCase(Locale.ROOT);
            if (lower.contains("zip bomb") || lower.contains("zipbomb")) {
                return new Quarantined(name, Reason.ZIP_BOMB, "in an embedded part (attachment or archive entry): " + problem);
            }
        }
        if (!embedded.problems.isEmpty()) {
            String first = String.valueOf(embedded.problems.getFirst());
            warnings.add(first.toLowerCase(Locale.ROOT).contains("encrypt") || first.toLowerCase(Locale.ROOT).contains("password")
                    ? "an embedded part (attachment or archive entry) is password-protected and was not read"
                    : "an embedded part (attachment or archive entry) could not be read: " + first);
        }
        String embeddedError = embedded.problems.isEmpty() ? metadata.get(TikaCoreProperties.TIKA_META_EXCEPTION_EMBEDDED_STREAM) : null;
        if (embeddedError != null) {
            String first = firstLine(embeddedError).toLowerCase(Locale.ROOT);
            warnings.add(first.contains("encrypt") || first.contains("password")
                    ? "an embedded part (attachment or archive entry) is password-protected and was not read"
                    : "an embedded part (attachment or archive entry) could not be read: " + firstLine(embeddedError));
        }
        Map<String, String> meta = new LinkedHashMap<>();
        KEPT.forEach((k, p) -> {
            String v = metadata.get(p);
            if (v != null) meta.put(k, v);
        });
        String contentType = metadata.get(Metadata.CONTENT_TYPE);
        Optional<Quarantined> ocrProblem = ocrOutcome(name, metadata, contentType, out.text(), meta);
        if (ocrProblem.isPresent()) {
            return ocrProblem.get();
        }
        Optional<DocumentSidecar> sidecar = Optional.empty();
        Path sidecarFile = file.resolveSibling(name + ".meta.json");
        if (Files.exists(sidecarFile)) {
            try {
                sidecar = Optional.of(DocumentSidecar.read(sidecarFile));
            } catch (IOException | RuntimeException e) {
                warnings.add("sidecar " + sidecarFile.getFileName() + " is invalid and was ignored, so the document is indexed"
                        + " without its record id, agency and people: " + firstLine(e.getMessage()));
            }
        }
        if (out.text().isBlank()) {
            if (sidecar.isEmpty()) {
                return new Quarantined(name, Reason.NO_TEXT, "detected as " + contentType);
            }
            warnings.add("no text could be extracted (detected as " + contentType + "); indexed from its sidecar alone");
        }
        LOG.debug("extracted {} ({}, {} chars)", name, contentType, out.total());
        return new Extracted(name, out.text().strip(), contentType, meta, truncated, sidecar, warnings);
    }

    /**
     * Tesseract reads image files and the pages of a PDF that carry no text layer, each page
     * within the per-page limit; a PDF with text is not OCR'd (AUTO strategy).
     */
    private void configureOcr(ParseContext context) {
        TesseractOCRConfig tesseract = new TesseractOCRConfig();
        PDFParserConfig pdf = new PDFParserConfig();
        if (ocr.enabled()) {
            tesseract.setLanguage(ocr.language());
            tesseract.setTimeoutSeconds((int) Math.max(1, ocr.pageTimeout().toSeconds()));
            pdf.setOcrStrategy(PDFParserConfig.OCR_STRATEGY.AUTO);
            pdf.setOcrDPI(ocr.dpi());
        } else {
            tesseract.setSkipOcr(true);
            pdf.setOcrStrategy(PDFParserConfig.OCR_STRATEGY.NO_OCR);
        }
        context.set(TesseractOCRConfig.class, tesseract);
        context.set(PDFParserConfig.class, pdf);
    }

    /**
     * Marks OCR'd text ({@link #OCR} in the kept metadata) and turns an OCR that failed, timed out
     * or read nothing from an image into a quarantine with its reason.
     */
    private Optional<Quarantined> ocrOutcome(String name, Metadata metadata, String contentType, String text, Map<String, String> meta) {
        boolean image = contentType != null && contentType.startsWith("image/");
        for (Property warning : List.of(TikaCoreProperties.TIKA_META_EXCEPTION_WARNING, TikaCoreProperties.TIKA_META_EXCEPTION_EMBEDDED_STREAM)) {
            for (String value : metadata.getValues(warning)) {
                String lower = value.toLowerCase(Locale.ROOT);
                if (lower.contains("tesseractocrparser timeout")) {
                    return Optional.of(new Quarantined(name, Reason.OCR_TIMEOUT, "limit " + ocr.pageTimeout().toSeconds() + " s per page"));
                }
                if (lower.contains("tesseract")) {
                    return Optional.of(new Quarantined(name, Reason.OCR_FAILED, firstLine(value)));
                }
            }
        }
        Integer pages = metadata.getInt(PDF.OCR_PAGE_COUNT);
        if (image) {
            if (!ocr.enabled()) {
                return Optional.of(new Quarantined(name, Reason.OCR_FAILED, "an image, and OCR is switched off (tessera.ocr.enabled)"));
            }
            if (text.isBlank()) {
                return Optional.of(new Quarantined(name, Reason.OCR_FAILED, "no text read from the image"));
            }
            meta.put(OCR, "1");
        } else if (pages != null && pages > 0) {
            meta.put(OCR, String.valueOf(pages));
        }
        return Optional.empty();
    }

    private static Quarantined classify(String name, Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (String.valueOf(t.getMessage()).contains("TesseractOCRParser timeout")) return new Quarantined(name, Reason.OCR_TIMEOUT, null);
            if (t instanceof EncryptedDocumentException) return new Quarantined(name, Reason.ENCRYPTED, firstLine(t.getMessage()));
            if (t instanceof ZeroByteFileException) return new Quarantined(name, Reason.EMPTY, null);
            String msg = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (msg.contains("zip bomb")) return new Quarantined(name, Reason.ZIP_BOMB, firstLine(t.getMessage()));
            if (msg.contains("password") || msg.contains("encrypt")) return new Quarantined(name, Reason.ENCRYPTED, firstLine(t.getMessage()));
            if (msg.contains("package entry depth") || msg.contains("nested")) return new Quarantined(name, Reason.TOO_DEEP, firstLine(t.getMessage()));
        }
        return new Quarantined(name, Reason.CORRUPT, e.getClass().getSimpleName() + ": " + firstLine(e.getMessage()));
    }

    private static String firstLine(String s) {
        return s == null ? null : s.lines().findFirst().orElse("");
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
