package org.tessera.indexer.extraction;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** What extracting one document gave: its text, or the reason it was quarantined. */
public sealed interface ExtractionOutcome {

    String file();

    /**
     * @param contentType detected media type
     * @param metadata    selected document metadata (title, author, dates, ...), single-valued
     * @param truncated   true when the text hit the character limit (the text kept is the start)
     * @param sidecar     the {@code NAME.EXT.meta.json} description, when present and valid
     * @param warnings    problems that did not stop extraction (bad sidecar, truncation, skipped embedded parts)
     */
    record Extracted(String file, String text, String contentType, Map<String, String> metadata, boolean truncated,
                     Optional<DocumentSidecar> sidecar, List<String> warnings) implements ExtractionOutcome {
        public Extracted {
            Objects.requireNonNull(file);
            Objects.requireNonNull(text);
            metadata = Map.copyOf(metadata);
            warnings = List.copyOf(warnings);
        }
    }

    record Quarantined(String file, Reason reason, String detail) implements ExtractionOutcome {
        public Quarantined {
            Objects.requireNonNull(file);
            Objects.requireNonNull(reason);
        }

        @Override
        public String toString() { return file + ": " + reason.description + (detail == null ? "" : " (" + detail + ")"); }
    }

    enum Reason {
        EMPTY("empty file (0 bytes)"),
        TOO_LARGE("file larger than the size limit"),
        TIMEOUT("extraction took longer than the time limit"),
        ENCRYPTED("encrypted or password-protected"),
        ZIP_BOMB("suspected zip bomb (expands far beyond its size)"),
        TOO_DEEP("embedded documents nested deeper than the limit"),
        WRONG_TYPE("not the type of document its name says"),
        NO_TEXT("no text could be extracted (a scan without a text layer, or an empty document) and no sidecar describes it"),
        CORRUPT("corrupt or unparsable"),
        OCR_FAILED("scanned page could not be read by OCR"),
        OCR_TIMEOUT("OCR of a scanned page took longer than the per-page limit"),
        UNREADABLE("cannot be read");

        public final String description;

        Reason(String description) { this.description = description; }
    }
}
