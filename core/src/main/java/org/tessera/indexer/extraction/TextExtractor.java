package org.tessera.indexer.extraction;

import java.nio.file.Path;

/**
 * Extracts plain text from one document (PDF, DOCX, DOC, RTF, EML, MSG, HTML, TXT, ...).
 *
 * <p>Contract: never throws for bad content; a corrupt, encrypted, empty, oversized, slow or
 * bomb-like file is an {@link ExtractionOutcome.Quarantined} with its reason, so one bad file
 * never stops a run. Reads the sidecar {@code NAME.EXT.meta.json} when present. Implementations
 * are thread-safe and may be called concurrently; close them to release worker threads.
 */
public interface TextExtractor extends AutoCloseable {
    ExtractionOutcome extract(Path file);

    @Override
    void close();
}
