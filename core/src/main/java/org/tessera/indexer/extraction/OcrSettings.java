package org.tessera.indexer.extraction;

import java.time.Duration;
import java.util.Objects;
import org.tessera.indexer.config.SettingsSource;

/**
 * How scanned pages are read (Tesseract through Tika): image-only PDF pages and TIFF, PNG and
 * JPEG files.
 *
 * @param enabled     false reads no scans (an image then yields no text and is quarantined as such)
 * @param pageTimeout wall-clock limit of one page's OCR; a page that takes longer quarantines the document
 * @param language    Tesseract language(s), e.g. {@code eng} or {@code eng+cym}
 * @param dpi         resolution PDF pages are rendered at for OCR
 */
public record OcrSettings(boolean enabled, Duration pageTimeout, String language, int dpi) {
    public OcrSettings {
        Objects.requireNonNull(language, "language");
        if (pageTimeout == null || pageTimeout.isNegative() || pageTimeout.toSeconds() < 1) {
            throw new IllegalArgumentException("tessera.ocr.page-timeout-seconds must be at least 1");
        }
        if (dpi < 72 || dpi > 600) {
            throw new IllegalArgumentException("tessera.ocr.dpi must be 72..600, was " + dpi);
        }
    }

    public static OcrSettings defaults() {
        return new OcrSettings(true, Duration.ofSeconds(120), "eng", 300);
    }

    /** {@code tessera.ocr.enabled}, {@code tessera.ocr.page-timeout-seconds}, {@code tessera.ocr.language}, {@code tessera.ocr.dpi}. */
    public static OcrSettings from(SettingsSource settings) {
        OcrSettings d = defaults();
        return new OcrSettings(Boolean.parseBoolean(settings.get("tessera.ocr.enabled", String.valueOf(d.enabled()))),
                Duration.ofSeconds(settings.getInt("tessera.ocr.page-timeout-seconds", (int) d.pageTimeout().toSeconds())),
                settings.get("tessera.ocr.language", d.language()), settings.getInt("tessera.ocr.dpi", d.dpi()));
    }
}
