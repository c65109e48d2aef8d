package org.tessera.indexer.ingest;

import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Reads one extract file into canonical records, streaming.
 *
 * <p>Contract: the stream yields, in file order, one {@link RowResult} per record, quarantined
 * row or file-level notice; it never throws for bad data (a bad row or file is a
 * {@link RowResult.Quarantined} naming file, line and field). It throws
 * {@link java.io.UncheckedIOException} only when the file cannot be opened or read at all. The
 * stream holds the file open: close it (try-with-resources). Implementations are thread-safe
 * (each call opens its own stream); a returned stream is not.
 */
public interface SourceReader {
    Stream<RowResult> read(Path file);
}
